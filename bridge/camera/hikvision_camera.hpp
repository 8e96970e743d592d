#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "camera/camera_device.hpp"
#include "camera/isapi_client.hpp"
#include "camera/isapi_types.hpp"

namespace camtwin::camera {

// The ISAPI operations camtwin uses on a Hikvision camera (isapi-contract.md, section 4), each
// one blocking call. Every failure is a camera_error: HTTP >= 400 and ResponseStatus documents
// whose statusCode is not 0/1 carry the camera's codes; answers that cannot be used are
// bad_response.
//
// Threads: one call at a time (the device twin's worker serialises them).
class hikvision_camera final : public camera_device {
public:
    hikvision_camera(std::unique_ptr<isapi_client> client, int ptz_channel);

    device_info read_device_info() override;
    std::vector<streaming_channel> read_streaming_channels();
    std::string read_snapshot(int stream_id) override;  // JPEG bytes; 101 is the main stream

    ptz_capabilities read_ptz_capabilities() override;
    ptz_position read_ptz_status() override;
    // Speeds -100..100: pan+ right, tilt+ up, zoom+ in. All zero stops.
    void move_continuous(int pan, int tilt, int zoom) override;
    void move_momentary(int pan, int tilt, int zoom, std::chrono::milliseconds duration);
    void move_absolute(const ptz_position& position);
    std::vector<ptz_preset> read_presets();
    void set_preset(int id, std::string_view name) override;
    void goto_preset(int id) override;
    void goto_home() override;

    auth_mode auth() const { return client_->mode(); }
    std::string auth_scheme() const override { return to_string(client_->mode()); }

private:
    http_response get(const std::string& path, std::size_t max_body_bytes);
    void put(const std::string& path, std::string body);
    std::string ptz_path(std::string_view operation) const;

    std::unique_ptr<isapi_client> client_;
    int channel_;
};

}  // namespace camtwin::camera
