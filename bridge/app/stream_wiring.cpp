#include "app/stream_wiring.hpp"

#include <cstdlib>
#include <stdexcept>
#include <system_error>

#include <boost/asio/post.hpp>

#include "config/host_port.hpp"

namespace camtwin {
namespace {

constexpr int hikvision_rtsp_port = 554;

std::filesystem::path fresh_temp_folder() {
    // temp_directory_path() follows $TMPDIR; mkdtemp replaces the six trailing X.
    std::string pattern =
        (std::filesystem::temp_directory_path() / ("camtwin-hls-" + std::string(6, 'X'))).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::system_error(errno, std::generic_category(),
                                "cannot create a folder for HLS at " + pattern);
    }
    return pattern;
}

}  // namespace

hls_root::hls_root(const media_config& media) {
    if (media.hls_dir.empty()) {
        path_ = fresh_temp_folder();
        owned_ = true;
    } else {
        path_ = media.hls_dir;
        std::error_code error;
        std::filesystem::create_directories(path_, error);
        if (error) {
            throw std::runtime_error("media.hls_dir: cannot create \"" + media.hls_dir +
                                     "\": " + error.message());
        }
    }
}

hls_root::~hls_root() {
    if (owned_) {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
}

std::string rtsp_url_of(const device_config& device) {
    if (!device.stream.rtsp_url.empty()) {
        return device.stream.rtsp_url;
    }
    const auto address = parse_host_port(device.address);
    const std::string host = address ? address->host : device.address;
    return "rtsp://" + host + ":" + std::to_string(hikvision_rtsp_port) + "/Streaming/Channels/101";
}

std::shared_ptr<pipelines::camera_stream> make_camera_stream(boost::asio::io_context& loop,
                                                             const device_config& device,
                                                             const std::filesystem::path& hls_root,
                                                             const log_factory& logs) {
    pipelines::stream_options options;
    options.device = device.name;
    options.rtsp_url = rtsp_url_of(device);
    options.username = device.username;
    options.password = device.password.reveal();
    options.hls = device.stream.hls.enabled;
    options.hls_dir = hls_root / device.name;
    options.segment_s = device.stream.hls.segment_s;
    options.window = device.stream.hls.window;
    options.mjpeg_fps = device.stream.mjpeg.fps;
    options.mjpeg_width = device.stream.mjpeg.width;
    options.mjpeg_quality = device.stream.mjpeg.quality;
    options.idle_stop = device.stream.hls.on_demand
                            ? std::chrono::seconds(device.stream.idle_stop_s)
                            : std::chrono::seconds::zero();
    auto stream =
        std::make_shared<pipelines::camera_stream>(loop, std::move(options), logs.make("media"));
    return stream;
}

void wire_stream(boost::asio::io_context& loop, twin::device_twin& twin,
                 const std::shared_ptr<pipelines::camera_stream>& stream,
                 const device_config& device) {
    const std::chrono::milliseconds max_age(device.stream.snapshot_max_age_ms);
    if (max_age.count() > 0) {
        // Runs on a worker. A snapshot request also asks the stream to decode for a while, so
        // that the next one is served from its pictures even when only HLS players watch.
        twin.use_frames(
            [&loop, stream = std::weak_ptr(stream), max_age]() -> std::optional<std::string> {
                boost::asio::post(loop, [stream] {
                    if (const auto alive = stream.lock()) {
                        alive->want_pictures();
                    }
                });
                const auto alive = stream.lock();
                return alive ? alive->latest().jpeg(max_age) : std::nullopt;
            });
    }
    auto report = [&twin](const pipelines::stream_status& status) {
        twin.report_stream({pipelines::to_string(status.phase), status.last_error});
    };
    report(stream->status());
    stream->on_status(std::move(report));
}

}  // namespace camtwin
