#include "frame_source.hpp"

#include <exception>
#include <string>
#include <utility>

#include "gst_handles.hpp"

namespace camsim {

frame_source::frame_source(std::function<camera_view()> view) : view_(std::move(view)) {}

std::optional<camera_view> frame_source::current_view() {
    const std::lock_guard lock(view_mutex_);
    if (stopped_ || !view_) {
        return std::nullopt;
    }
    try {
        last_view_ = view_();
    } catch (const std::exception& e) {
        // A failing PTZ model must not take the stream down: keep showing the last view.
        gst::log(GST_LEVEL_WARNING, std::string("view callback failed: ") + e.what());
    }
    return last_view_;
}

void frame_source::stop() {
    const std::lock_guard lock(view_mutex_);
    stopped_ = true;
}

void frame_source::pump_started() {
    const std::lock_guard lock(pumps_mutex_);
    ++pumps_;
}

void frame_source::pump_finished() {
    {
        const std::lock_guard lock(pumps_mutex_);
        --pumps_;
    }
    pumps_changed_.notify_all();
}

bool frame_source::wait_for_no_pumps(std::chrono::milliseconds timeout) {
    std::unique_lock lock(pumps_mutex_);
    return pumps_changed_.wait_for(lock, timeout, [this] { return pumps_ == 0; });
}

}  // namespace camsim
