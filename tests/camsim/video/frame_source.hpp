#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

#include "camera_view.hpp"

namespace camsim {

// What every stream of one camera shares: the view callback, a switch that stops it for good, a
// generation counter that ends the current streams, and a count of the frame pumps still alive
// (one per prepared RTSP media).
//
// Threads: current_view() runs on GStreamer streaming threads and snapshot callers; stop() and
// wait_for_no_pumps() on the thread destroying the server. The view callback is called under a
// lock, so calls never overlap and none runs after stop() has returned.
class frame_source {
public:
    explicit frame_source(std::function<camera_view()> view);

    // The current view, or nullopt once stopped. When the callback throws, the last good view.
    std::optional<camera_view> current_view();

    void stop();

    // Streams started before end_streams() end (with EOS) at their next frame; pumps compare the
    // generation they started in with the current one.
    void end_streams() { ++generation_; }
    unsigned generation() const { return generation_; }

    void pump_started();
    void pump_finished();

    // Waits up to timeout for every pump to end; returns whether they did.
    bool wait_for_no_pumps(std::chrono::milliseconds timeout);

private:
    std::mutex view_mutex_;
    std::function<camera_view()> view_;
    camera_view last_view_;
    bool stopped_ = false;

    std::atomic<unsigned> generation_{0};

    std::mutex pumps_mutex_;
    std::condition_variable pumps_changed_;
    int pumps_ = 0;
};

}  // namespace camsim
