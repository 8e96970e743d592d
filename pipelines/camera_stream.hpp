#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/logger.h>

#include "pipelines/hls_timeline.hpp"
#include "pipelines/latest_frame.hpp"
#include "pipelines/stream_options.hpp"
#include "pipelines/stream_pipeline.hpp"

namespace camtwin::pipelines {

enum class stream_phase { stopped, connecting, playing, retrying };
const char* to_string(stream_phase phase);

struct stream_status {
    stream_phase phase = stream_phase::stopped;
    std::string last_error;
    std::uint64_t starts = 0;
    std::uint64_t failures = 0;
    std::uint64_t frames_in = 0;  // coded frames received from the camera
    std::uint64_t jpegs_out = 0;  // MJPEG frames encoded (each shared by every viewer)
    std::optional<std::chrono::steady_clock::time_point> last_frame;
};

// The media of one camera (docs/pipelines.md): one RTSP ingest shared by HLS, MJPEG and the
// snapshot cache. It runs while someone needs it: hold() for an MJPEG viewer until release(),
// touch() for an HLS player (it has no connection to count), which keeps it up for the idle
// period. It decodes only while pictures are wanted: while MJPEG viewers hold it, and for the
// idle period after want_pictures() (a snapshot request); an HLS-only audience costs a remux.
// A pipeline that fails (camera away at start or later,
// the camera ending the stream, no frame for the stall timeout) is torn down and started again
// after a back-off with jitter, until nobody needs it; nothing else has to restart.
//
// Threads: the loop thread only, except latest() which any thread may read.
class camera_stream : public std::enable_shared_from_this<camera_stream> {
public:
    using jpeg_listener = std::function<void(const std::shared_ptr<const std::string>&)>;
    using status_listener = std::function<void(const stream_status&)>;

    camera_stream(boost::asio::io_context& loop, stream_options options,
                  std::shared_ptr<spdlog::logger> log);
    ~camera_stream();

    void hold();
    void release();
    void touch();
    // Pictures are wanted for snapshots: decode (when running) for the idle period from now.
    void want_pictures();
    // Stops the pipeline for good (service shutdown).
    void shutdown();

    void on_jpeg(jpeg_listener listener) { jpeg_listeners_.push_back(std::move(listener)); }
    void on_status(status_listener listener) { status_listeners_.push_back(std::move(listener)); }

    const stream_status& status() const { return status_; }
    const stream_options& options() const { return options_; }
    const latest_frame& latest() const { return frames_; }
    // The HLS playlist to serve (continuous across runs), or nullopt before the first segment.
    std::optional<std::string> hls_playlist() const { return hls_.playlist(); }
    // One of the playlist's segments, or nullopt (hls_timeline::segment).
    std::optional<std::string> hls_segment(std::string_view name) const {
        return hls_.segment(name);
    }
    bool wanted() const;

private:
    void start();
    void stop();
    void fail(std::uint64_t run, const std::string& reason);
    void schedule_retry();
    void arm_idle_stop();
    void watch_for_stall();
    void set_phase(stream_phase phase);
    void deliver(std::uint64_t run, const std::shared_ptr<const std::string>& jpeg);
    bool pictures_wanted() const;
    void update_decoding();

    boost::asio::io_context& loop_;
    stream_options options_;
    std::shared_ptr<spdlog::logger> log_;

    latest_frame frames_;
    hls_timeline hls_;
    std::unique_ptr<stream_pipeline> pipeline_;
    std::uint64_t run_ = 0;  // events of an older run are ignored
    int holders_ = 0;
    std::chrono::steady_clock::time_point touched_{};
    bool shut_down_ = false;
    int retries_ = 0;
    boost::asio::steady_timer retry_timer_;
    boost::asio::steady_timer idle_timer_;
    boost::asio::steady_timer stall_timer_;
    boost::asio::steady_timer pictures_timer_;
    std::chrono::steady_clock::time_point pictures_wanted_until_{};
    std::mt19937 jitter_source_{std::random_device{}()};

    stream_status status_;
    std::vector<jpeg_listener> jpeg_listeners_;
    std::vector<status_listener> status_listeners_;
};

}  // namespace camtwin::pipelines
