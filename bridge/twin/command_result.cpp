#include "twin/command_result.hpp"

namespace camtwin::twin {

const char* to_string(result_code code) {
    switch (code) {
        case result_code::ok:
            return "ok";
        case result_code::bad_json:
            return "bad_json";
        case result_code::unknown_field:
            return "unknown_field";
        case result_code::wrong_type:
            return "wrong_type";
        case result_code::out_of_range:
            return "out_of_range";
        case result_code::missing_field:
            return "missing_field";
        case result_code::payload_too_large:
            return "payload_too_large";
        case result_code::unknown_device:
            return "unknown_device";
        case result_code::unknown_command:
            return "unknown_command";
        case result_code::bad_request:
            return "bad_request";
        case result_code::busy:
            return "busy";
        case result_code::refused:
            return "refused";
        case result_code::superseded:
            return "superseded";
        case result_code::camera_unreachable:
            return "camera_unreachable";
        case result_code::camera_unauthorized:
            return "camera_unauthorized";
        case result_code::camera_error:
            return "camera_error";
        case result_code::timeout:
            return "timeout";
    }
    return "camera_error";
}

command_result result_of(const camera::camera_error& error) {
    using camera::camera_error_kind;
    switch (error.kind()) {
        case camera_error_kind::unreachable:
            return {result_code::camera_unreachable, error.what()};
        case camera_error_kind::timeout:
            return {result_code::timeout, error.what()};
        case camera_error_kind::unauthorized:
            return {result_code::camera_unauthorized, error.what()};
        default:
            return {result_code::camera_error, error.what()};
    }
}

}  // namespace camtwin::twin
