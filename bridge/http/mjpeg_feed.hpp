#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "pipelines/camera_stream.hpp"
#include "twin/device_twin.hpp"

namespace camtwin::http {

// A viewer of a feed: gets every new frame, or only the newest when it cannot keep up.
class frame_viewer {
public:
    virtual ~frame_viewer() = default;
    virtual void show(const std::shared_ptr<const std::string>& jpeg) = 0;
};

// The MJPEG source of one camera for /stream, shared by all its viewers: each frame is made
// once and the same bytes go to every viewer. It runs only while someone watches.
//
// With a media pipeline (pipelines/camera_stream), the first viewer holds the stream and the
// last one releases it; the pipeline decodes, scales and encodes each frame once at the
// configured size and rate. While the pipeline has no picture (connecting, or retrying after the
// camera went away) and without a pipeline at all, the frames are the camera's snapshots,
// fetched through the twin (so they are paced with the commands and never run beside them),
// capped at max_snapshot_fps to leave the camera's request budget to the commands. A snapshot
// the twin already holds from another front counts as this tick's frame; a tick that yields the
// frame already sent sends nothing, so no frame goes out twice.
//
// Threads: the loop thread only.
class mjpeg_feed {
public:
    static constexpr int max_snapshot_fps = 2;

    // stream may be null: snapshots only.
    mjpeg_feed(boost::asio::io_context& loop, std::shared_ptr<twin::device_twin> twin,
               std::shared_ptr<pipelines::camera_stream> stream, int fps);

    void join(const std::shared_ptr<frame_viewer>& viewer);
    void leave(const frame_viewer* viewer);
    std::size_t viewers() const;
    std::uint64_t frames() const { return frames_; }

    // What the viewers' connections made of the frames, summed over every viewer so far (a
    // count per viewer would be a metric label per connection, growing without bound).
    void count_skipped() { ++frames_skipped_; }
    void count_sent(std::size_t bytes) { bytes_sent_ += bytes; }
    std::uint64_t frames_skipped() const { return frames_skipped_; }
    std::uint64_t bytes_sent() const { return bytes_sent_; }

    // Stops fetching; viewers stay until they leave.
    void shutdown();

private:
    void tick();
    void from_stream(const std::shared_ptr<const std::string>& jpeg);
    bool stream_is_feeding() const;
    void hold_stream(bool wanted);
    void deliver(const std::shared_ptr<const std::string>& jpeg);

    std::shared_ptr<twin::device_twin> twin_;
    std::shared_ptr<pipelines::camera_stream> stream_;
    bool holding_stream_ = false;
    std::chrono::steady_clock::time_point last_stream_frame_{};
    std::chrono::milliseconds period_;
    boost::asio::steady_timer timer_;
    std::vector<std::weak_ptr<frame_viewer>> viewers_;
    std::shared_ptr<const std::string> last_;
    bool running_ = false;
    bool fetching_ = false;
    bool stopped_ = false;
    std::uint64_t frames_ = 0;
    std::uint64_t frames_skipped_ = 0;
    std::uint64_t bytes_sent_ = 0;
};

}  // namespace camtwin::http
