#include "twin/ptz_direction.hpp"

#include <array>
#include <utility>

namespace camtwin::twin {

std::optional<ptz_velocity> velocity_of(std::string_view direction, int speed) {
    // Unit vectors of each name; the speed scales them.
    static constexpr std::array<std::pair<std::string_view, ptz_velocity>, 10> moves{{
        {"up", {0, 1, 0}},
        {"down", {0, -1, 0}},
        {"left", {-1, 0, 0}},
        {"right", {1, 0, 0}},
        {"up-left", {-1, 1, 0}},
        {"up-right", {1, 1, 0}},
        {"down-left", {-1, -1, 0}},
        {"down-right", {1, -1, 0}},
        {"in", {0, 0, 1}},
        {"out", {0, 0, -1}},
    }};
    for (const auto& [name, unit] : moves) {
        if (name == direction) {
            return ptz_velocity{unit.pan * speed, unit.tilt * speed, unit.zoom * speed};
        }
    }
    return std::nullopt;
}

}  // namespace camtwin::twin
