#pragma once

#include <optional>
#include <string_view>

namespace camtwin::twin {

// A continuous move as the camera takes it: speeds -100..100, pan+ right, tilt+ up, zoom+ in.
struct ptz_velocity {
    int pan = 0;
    int tilt = 0;
    int zoom = 0;

    bool operator==(const ptz_velocity&) const = default;
};

// The velocity of a named move ("up", "down-left", ..., "in", "out") at a speed of 1..100, or
// nullopt for a name that is not a move. Names are the MQTT and HTTP command names.
std::optional<ptz_velocity> velocity_of(std::string_view direction, int speed);

}  // namespace camtwin::twin
