#include "camera/camera_error.hpp"

#include <fmt/format.h>

namespace camtwin::camera {

const char* to_string(camera_error_kind kind) {
    switch (kind) {
        case camera_error_kind::unreachable:
            return "unreachable";
        case camera_error_kind::timeout:
            return "timeout";
        case camera_error_kind::unauthorized:
            return "unauthorized";
        case camera_error_kind::http_status:
            return "http_status";
        case camera_error_kind::device_status:
            return "device_status";
        case camera_error_kind::bad_response:
            return "bad_response";
        case camera_error_kind::too_large:
            return "too_large";
    }
    return "unknown";
}

camera_error::camera_error(camera_error_kind kind, std::string path, std::string message)
    : std::runtime_error(fmt::format("{} {}: {}", to_string(kind), path, message)),
      kind_(kind),
      path_(std::move(path)) {}

}  // namespace camtwin::camera
