#pragma once

#include <string>

#include "camera/camera_error.hpp"

namespace camtwin::twin {

// The closed set of result codes the fronts publish (schemas/mqtt/result.schema.json lists the
// same set). The twin gives the camera-side codes; the fronts give the request-side ones.
enum class result_code {
    ok,
    // The request, as the fronts decode it.
    bad_json,           // not JSON, or not a JSON object
    unknown_field,      // a field the command does not take
    wrong_type,         // a field of the wrong JSON type
    out_of_range,       // a value outside its range
    missing_field,      // a required field is absent
    payload_too_large,  // above the configured size limit
    unknown_device,
    unknown_command,
    // The twin.
    bad_request,  // values the twin will not send (a preset above the camera's maximum)
    busy,         // the camera's queue is full
    refused,      // a reserved preset, or another request the twin will not send
    superseded,   // a newer move replaced this one before it reached the camera
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
