#include "http/mjpeg_feed.hpp"

#include <algorithm>

namespace camtwin::http {

mjpeg_feed::mjpeg_feed(boost::asio::io_context& loop, std::shared_ptr<twin::device_twin> twin,
                       std::shared_ptr<pipelines::camera_stream> stream, int fps)
    : twin_(std::move(twin)),
      stream_(std::move(stream)),
      period_(1000 / std::clamp(fps, 1, max_snapshot_fps)),
      timer_(loop) {
    if (stream_) {
        stream_->on_jpeg(
            [this](const std::shared_ptr<const std::string>& jpeg) { from_stream(jpeg); });
    }
}

void mjpeg_feed::join(const std::shared_ptr<frame_viewer>& viewer) {
    viewers_.push_back(viewer);
    if (last_) {
        viewer->show(last_);  // the picture at once, not after the next frame
    }
    hold_stream(!stopped_);
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
    if (viewers() == 0) {
        hold_stream(false);
    }
}

std::size_t mjpeg_feed::viewers() const {
    return static_cast<std::size_t>(std::ranges::count_if(
        viewers_, [](const std::weak_ptr<frame_viewer>& entry) { return !entry.expired(); }));
}

void mjpeg_feed::shutdown() {
    stopped_ = true;
    running_ = false;
    timer_.cancel();
    hold_stream(false);
}

void mjpeg_feed::hold_stream(bool wanted) {
    if (!stream_ || wanted == holding_stream_) {
        return;
    }
    holding_stream_ = wanted;
    if (wanted) {
        stream_->hold();
    } else {
        stream_->release();
    }
}

void mjpeg_feed::from_stream(const std::shared_ptr<const std::string>& jpeg) {
    last_stream_frame_ = std::chrono::steady_clock::now();
    if (!stopped_ && viewers() > 0) {
        deliver(jpeg);
    }
}

// The pipeline counts as the source while its frames keep coming; snapshots fill in after two
// snapshot periods without one.
bool mjpeg_feed::stream_is_feeding() const {
    return stream_ && std::chrono::steady_clock::now() - last_stream_frame_ < 2 * period_;
}

void mjpeg_feed::tick() {
    if (stopped_ || viewers() == 0) {
        running_ = false;
        last_.reset();  // a later viewer must not start on a stale picture
        hold_stream(false);
        return;
    }
    timer_.expires_after(period_);
    timer_.async_wait([this](const boost::system::error_code& error) {
        if (!error) {
            tick();
        }
    });
    if (fetching_ || stream_is_feeding()) {
        return;  // a fetch is still out (skip rather than queue), or the pipeline feeds
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
