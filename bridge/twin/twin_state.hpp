#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "camera/isapi_types.hpp"

namespace camtwin::twin {

// online: the last camera call succeeded. unauthorized: the camera refuses the credentials.
// unreachable: no answer (refused, reset, timeout). degraded: it answers, but with errors.
enum class health { starting, online, unauthorized, unreachable, degraded };

const char* to_string(health value);

// The media pipeline of the camera (pipelines/camera_stream), as the twin reports it: stopped,
// connecting, playing or retrying, with the error that ended the last run.
struct stream_report {
    std::string state;
    std::string last_error;

    bool operator==(const stream_report&) const = default;
};

// What the twin knows of its camera; published by the fronts on every change.
struct twin_state {
    health status = health::starting;
    std::string last_error;  // empty when the last call succeeded
    std::optional<std::chrono::system_clock::time_point> last_success;
    std::string auth_scheme = "unknown";
    std::optional<camera::ptz_position> position;
    bool moving = false;                  // a continuous move is running (its stop is pending)
    std::optional<stream_report> stream;  // none for a camera without a pipeline

    bool operator==(const twin_state&) const = default;
};

}  // namespace camtwin::twin
