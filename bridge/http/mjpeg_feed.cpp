#include "http/mjpeg_feed.hpp"

#include <algorithm>

namespace camtwin::http {

mjpeg_feed::mjpeg_feed(boost::asio::io_context& loop, std::shared_ptr<twin::device_twin> twin,
                       int fps)
    : twin_(std::move(twin)), period_(1000 / std::clamp(fps, 1, max_snapshot_fps)), timer_(loop) {}

void mjpeg_feed::join(const std::shared_ptr<frame_viewer>& viewer) {
    viewers_.push_back(viewer);
    if (last_) {
        viewer->show(last_);  // the picture at once, not after the next fetch
    }
    if (!running_ && !stopped_) {
        running_ = true;
        tick();
    }
}

void mjpeg_feed::leave(const frame_viewer* viewer) {
    std::erase_if(viewers_, [viewer](const std::weak_ptr<frame_viewer>& entry) {
        const auto alive = entry.lock();
        return !alive || alive.get() == viewer;
    });
}

std::size_t mjpeg_feed::viewers() const {
    return static_cast<std::size_t>(std::ranges::count_if(
        viewers_, [](const std::weak_ptr<frame_viewer>& entry) { return !entry.expired(); }));
}

void mjpeg_feed::shutdown() {
    stopped_ = true;
    running_ = false;
    timer_.cancel();
}

void mjpeg_feed::tick() {
    if (stopped_ || viewers() == 0) {
        running_ = false;
        last_.reset();  // a later viewer must not start on a stale picture
        return;
    }
    timer_.expires_after(period_);
    timer_.async_wait([this](const boost::system::error_code& error) {
        if (!error) {
            tick();
        }
    });
    if (fetching_) {
        return;  // the camera is slower than the rate: skip this tick rather than queue
    }
    fetching_ = true;
    twin_->read_snapshot(period_, [this](const twin::command_result& result,
                                         const std::shared_ptr<const std::string>& jpeg) {
        fetching_ = false;
        if (result.ok() && jpeg && jpeg != last_) {
            deliver(jpeg);
        }
    });
}

void mjpeg_feed::deliver(const std::shared_ptr<const std::string>& jpeg) {
    last_ = jpeg;
    ++frames_;
    auto viewers = viewers_;  // a viewer may leave while it is shown a frame
    for (const auto& entry : viewers) {
        if (const auto viewer = entry.lock()) {
            viewer->show(jpeg);
        }
    }
}

}  // namespace camtwin::http
