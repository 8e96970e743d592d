#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "twin/device_twin.hpp"

namespace camtwin::http {

// A viewer of a feed: gets every new frame, or only the newest when it cannot keep up.
class frame_viewer {
public:
    virtual ~frame_viewer() = default;
    virtual void show(const std::shared_ptr<const std::string>& jpeg) = 0;
};

// The MJPEG source of one camera for /stream, shared by all its viewers: each frame is fetched
// once and the same bytes go to every viewer. It runs only while someone watches.
//
// Until the media pipelines exist (#7) the frames are the camera's snapshots, fetched through
// the twin (so they are paced with the commands and never run beside them) at the configured
// rate, capped at max_snapshot_fps to leave the camera's request budget to the commands. A
// snapshot that the twin already holds from another front counts as this tick's frame; a tick
// that yields the frame already sent sends nothing, so no frame goes out twice.
// TODO(#7): feed from the pipeline's encoded frames at the configured fps instead.
//
// Threads: the loop thread only.
class mjpeg_feed {
public:
    static constexpr int max_snapshot_fps = 2;

    mjpeg_feed(boost::asio::io_context& loop, std::shared_ptr<twin::device_twin> twin, int fps);

    void join(const std::shared_ptr<frame_viewer>& viewer);
    void leave(const frame_viewer* viewer);
    std::size_t viewers() const;
    std::uint64_t frames() const { return frames_; }

    // Stops fetching; viewers stay until they leave.
    void shutdown();

private:
    void tick();
    void deliver(const std::shared_ptr<const std::string>& jpeg);

    std::shared_ptr<twin::device_twin> twin_;
    std::chrono::milliseconds period_;
    boost::asio::steady_timer timer_;
    std::vector<std::weak_ptr<frame_viewer>> viewers_;
    std::shared_ptr<const std::string> last_;
    bool running_ = false;
    bool fetching_ = false;
    bool stopped_ = false;
    std::uint64_t frames_ = 0;
};

}  // namespace camtwin::http
