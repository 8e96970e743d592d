#pragma once

#include <string>

#include "camera/camera_error.hpp"

namespace camtwin::twin {

// The closed set of result codes the fronts publish (schemas/ lists the same set).
enum class result_code {
    ok,
    bad_request,
    unknown_command,
    busy,        // the camera's queue is full
    refused,     // a reserved preset, or another request the twin will not send
    superseded,  // a newer move replaced this one before it reached the camera
    camera_unreachable,
    camera_unauthorized,
    camera_error,  // the camera answered with an error
    timeout,
};

const char* to_string(result_code code);

struct command_result {
    result_code code = result_code::ok;
    std::string message;

    bool ok() const { return code == result_code::ok; }
};

// The result a failed camera call gives, with its message.
command_result result_of(const camera::camera_error& error);

}  // namespace camtwin::twin
