#include "camera/hikvision_camera.hpp"

#include <fmt/format.h>

#include "camera/camera_error.hpp"
#include "camera/isapi_decoding.hpp"

namespace camtwin::camera {
namespace {

constexpr std::size_t max_document_bytes = std::size_t{1024} * 1024;
// A 4K JPEG is a few MB; anything past this is not a snapshot.
constexpr std::size_t max_snapshot_bytes = std::size_t{16} * 1024 * 1024;

constexpr std::string_view xml_head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n";
constexpr std::string_view ver20 =
    "version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"";

std::string xml_escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

bool is_jpeg(std::string_view body) {
    return body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0xFF &&
           static_cast<unsigned char>(body[1]) == 0xD8;
}

// Turns an error answer into a camera_error with the camera's own codes when it sent them.
[[noreturn]] void throw_for(const http_response& response, const std::string& path) {
    if (const auto status = decode_response_status(response.body)) {
        camera_error error(
            camera_error_kind::device_status, path,
            fmt::format("HTTP {}, statusCode {} ({}), subStatusCode \"{}\"", response.status,
                        status->status_code, status->status_string, status->sub_status_code));
        error.http_status = response.status;
        error.status_code = status->status_code;
        error.sub_status_code = status->sub_status_code;
        throw error;
    }
    camera_error error(camera_error_kind::http_status, path,
                       fmt::format("HTTP {}", response.status));
    error.http_status = response.status;
    throw error;
}

void check(const http_response& response, const std::string& path) {
    if (response.status >= 400 || response.status < 200) {
        throw_for(response, path);
    }
    // Some firmwares answer an error with HTTP 200 and a ResponseStatus: the document decides.
    if (const auto status = decode_response_status(response.body); status && !status->ok()) {
        throw_for(response, path);
    }
}

std::string ptz_data(int pan, int tilt, int zoom, std::string_view extra = {}) {
    return fmt::format("{}<PTZData {}><pan>{}</pan><tilt>{}</tilt><zoom>{}</zoom>{}</PTZData>",
                       xml_head, ver20, pan, tilt, zoom, extra);
}

}  // namespace

hikvision_camera::hikvision_camera(std::unique_ptr<isapi_client> client, int ptz_channel)
    : client_(std::move(client)), channel_(ptz_channel) {}

http_response hikvision_camera::get(const std::string& path, std::size_t max_body_bytes) {
    http_request request;
    request.path = path;
    request.max_body_bytes = max_body_bytes;
    auto response = client_->send(std::move(request));
    check(response, path);
    return response;
}

void hikvision_camera::put(const std::string& path, std::string body) {
    http_request request;
    request.method = "PUT";
    request.path = path;
    request.body = std::move(body);
    request.content_type = "application/xml; charset=\"UTF-8\"";
    request.max_body_bytes = max_document_bytes;
    check(client_->send(std::move(request)), path);
}

std::string hikvision_camera::ptz_path(std::string_view operation) const {
    return fmt::format("/ISAPI/PTZCtrl/channels/{}/{}", channel_, operation);
}

device_info hikvision_camera::read_device_info() {
    const std::string path = "/ISAPI/System/deviceInfo";
    return decode_device_info(get(path, max_document_bytes).body, path);
}

std::vector<streaming_channel> hikvision_camera::read_streaming_channels() {
    const std::string path = "/ISAPI/Streaming/channels";
    return decode_streaming_channels(get(path, max_document_bytes).body, path);
}

std::string hikvision_camera::read_snapshot(int stream_id) {
    const auto path = fmt::format("/ISAPI/Streaming/channels/{}/picture", stream_id);
    auto response = get(path, max_snapshot_bytes);
    if (!is_jpeg(response.body)) {
        // An error document with HTTP 200 was handled by check(); anything else is not a picture.
        throw camera_error(camera_error_kind::bad_response, path,
                           fmt::format("not a JPEG ({} bytes)", response.body.size()));
    }
    return std::move(response.body);
}

ptz_capabilities hikvision_camera::read_ptz_capabilities() {
    const auto path = ptz_path("capabilities");
    return decode_ptz_capabilities(get(path, max_document_bytes).body, path);
}

ptz_position hikvision_camera::read_ptz_status() {
    const auto path = ptz_path("status");
    return decode_ptz_status(get(path, max_document_bytes).body, path);
}

void hikvision_camera::move_continuous(int pan, int tilt, int zoom) {
    put(ptz_path("continuous"), ptz_data(pan, tilt, zoom));
}

void hikvision_camera::move_momentary(int pan, int tilt, int zoom,
                                      std::chrono::milliseconds duration) {
    put(ptz_path("momentary"),
        ptz_data(pan, tilt, zoom,
                 fmt::format("<Momentary><duration>{}</duration></Momentary>", duration.count())));
}

void hikvision_camera::move_absolute(const ptz_position& position) {
    put(ptz_path("absolute"),
        fmt::format("{}<PTZData {}><AbsoluteHigh><elevation>{}</elevation><azimuth>{}</azimuth>"
                    "<absoluteZoom>{}</absoluteZoom></AbsoluteHigh></PTZData>",
                    xml_head, ver20, position.elevation, position.azimuth, position.zoom));
}

std::vector<ptz_preset> hikvision_camera::read_presets() {
    const auto path = ptz_path("presets");
    return decode_presets(get(path, max_document_bytes).body, path);
}

void hikvision_camera::set_preset(int id, std::string_view name) {
    put(ptz_path(fmt::format("presets/{}", id)),
        fmt::format("{}<PTZPreset {}><id>{}</id><presetName>{}</presetName></PTZPreset>", xml_head,
                    ver20, id, xml_escaped(name)));
}

void hikvision_camera::goto_preset(int id) {
    put(ptz_path(fmt::format("presets/{}/goto", id)), "");
}

void hikvision_camera::goto_home() {
    put(ptz_path("homeposition/goto"), "");
}

}  // namespace camtwin::camera
