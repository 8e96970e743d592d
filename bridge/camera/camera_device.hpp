#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "camera/isapi_types.hpp"

namespace camtwin::camera {

// What camtwin asks of a PTZ camera, whatever its kind. hikvision_camera is the first kind;
// the device twin drives this interface only. Every call blocks and throws camera_error.
//
// Threads: one call at a time, from any one thread at a time (the twin's worker).
class camera_device {
public:
    virtual ~camera_device() = default;

    virtual device_info read_device_info() = 0;
    virtual std::string read_snapshot(int stream_id) = 0;
    virtual ptz_capabilities read_ptz_capabilities() = 0;
    virtual ptz_position read_ptz_status() = 0;
    // Speeds -100..100: pan+ right, tilt+ up, zoom+ in. All zero stops.
    virtual void move_continuous(int pan, int tilt, int zoom) = 0;
    virtual void set_preset(int id, std::string_view name) = 0;
    virtual void goto_preset(int id) = 0;
    virtual void goto_home() = 0;
    // The authentication scheme in use ("digest", "basic", "none", "unknown").
    virtual std::string auth_scheme() const = 0;
};

}  // namespace camtwin::camera
