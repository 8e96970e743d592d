#pragma once

#include <filesystem>
#include <memory>

#include <boost/asio/io_context.hpp>

#include "config/config.hpp"
#include "log/logging.hpp"
#include "pipelines/camera_stream.hpp"
#include "twin/device_twin.hpp"

namespace camtwin {

// The folder under which every device's HLS output goes: media.hls_dir when configured, else a
// fresh folder under $TMPDIR that is removed again when the service ends.
class hls_root {
public:
    explicit hls_root(const media_config& media);
    ~hls_root();

    hls_root(const hls_root&) = delete;
    hls_root& operator=(const hls_root&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    bool owned_ = false;
};

// The RTSP URL of a device: stream.rtsp_url, or the main stream at the camera's host on the
// RTSP port that Hikvision cameras ship with.
// TODO(#7): derive it from the camera's streaming channel list (port and path) instead.
std::string rtsp_url_of(const device_config& device);

// Builds the media pipeline of one device.
std::shared_ptr<pipelines::camera_stream> make_camera_stream(boost::asio::io_context& loop,
                                                             const device_config& device,
                                                             const std::filesystem::path& hls_root,
                                                             const log_factory& logs);

// Joins a device's twin and its stream: snapshots come from the stream's frames while they are
// fresh, and the stream's state is published with the twin's.
void wire_stream(boost::asio::io_context& loop, twin::device_twin& twin,
                 const std::shared_ptr<pipelines::camera_stream>& stream,
                 const device_config& device);

}  // namespace camtwin
