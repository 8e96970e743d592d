#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <variant>

#include "twin/command_result.hpp"
#include "twin/ptz_direction.hpp"

namespace camtwin::mqtt {

enum class command_kind { move, stop, preset_goto, preset_set, home, info_get, capture };

// A command payload decoded and checked, ready for the twin. Moves and zooms are both `move`
// (a continuous velocity for a duration).
struct command_request {
    command_kind kind = command_kind::stop;
    std::string command;  // as in the topic: "move/up", "preset/goto", ...
    std::string id;       // from the payload; empty when the sender gave none
    twin::ptz_velocity velocity;
    std::chrono::milliseconds duration{0};
    int preset = 0;
    std::string preset_name;
    std::chrono::milliseconds max_age{0};
};

// Why a payload was not accepted. `id` is the payload's id when it could be read, so that the
// error result still reaches the sender's correlation.
struct request_error {
    twin::result_code code = twin::result_code::bad_json;
    std::string message;
    std::string id;
};

// The device's defaults for fields left out, and its limit on durations.
struct command_defaults {
    int speed = 60;
    int duration_ms = 200;
    int max_duration_ms = 5000;
};

// Decodes the payload of `command` (the topic part after the device). An empty payload means
// every default. Unknown fields are errors: a misspelt field must not move a camera with the
// default instead. Every error names the field and what was wrong with it.
std::variant<command_request, request_error> decode_command(std::string_view command,
                                                            std::string_view payload,
                                                            const command_defaults& defaults);

}  // namespace camtwin::mqtt
