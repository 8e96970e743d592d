#include "pipelines/camera_stream.hpp"

#include <algorithm>

#include <boost/asio/post.hpp>

namespace camtwin::pipelines {

const char* to_string(stream_phase phase) {
    switch (phase) {
        case stream_phase::stopped:
            return "stopped";
        case stream_phase::connecting:
            return "connecting";
        case stream_phase::playing:
            return "playing";
        case stream_phase::retrying:
            return "retrying";
    }
    return "stopped";
}

camera_stream::camera_stream(boost::asio::io_context& loop, stream_options options,
                             std::shared_ptr<spdlog::logger> log)
    : loop_(loop),
      options_(std::move(options)),
      log_(std::move(log)),
      hls_(options_.hls_dir, options_.window, options_.segment_s),
      retry_timer_(loop),
      idle_timer_(loop),
      stall_timer_(loop),
      pictures_timer_(loop) {}

camera_stream::~camera_stream() {
    pipeline_.reset();
}

bool camera_stream::wanted() const {
    if (shut_down_) {
        return false;
    }
    const bool always_on = options_.idle_stop.count() == 0;
    const bool recently_touched = std::chrono::steady_clock::now() - touched_ < options_.idle_stop;
    return always_on || holders_ > 0 || recently_touched;
}

void camera_stream::hold() {
    ++holders_;
    if (status_.phase == stream_phase::stopped) {
        start();
    }
    update_decoding();
}

void camera_stream::release() {
    holders_ = std::max(holders_ - 1, 0);
    if (holders_ == 0) {
        arm_idle_stop();
    }
    update_decoding();
}

void camera_stream::want_pictures() {
    const auto period =
        options_.idle_stop.count() > 0 ? options_.idle_stop : std::chrono::seconds(30);
    pictures_wanted_until_ = std::chrono::steady_clock::now() + period;
    update_decoding();
    pictures_timer_.expires_at(pictures_wanted_until_);
    pictures_timer_.async_wait([self = weak_from_this()](const boost::system::error_code& error) {
        if (auto stream = self.lock(); stream && !error) {
            stream->update_decoding();
        }
    });
}

bool camera_stream::pictures_wanted() const {
    return holders_ > 0 || std::chrono::steady_clock::now() < pictures_wanted_until_;
}

void camera_stream::update_decoding() {
    if (pipeline_) {
        pipeline_->set_decoding(pictures_wanted());
    }
}

void camera_stream::touch() {
    touched_ = std::chrono::steady_clock::now();
    if (status_.phase == stream_phase::stopped) {
        start();
    }
    arm_idle_stop();
}

void camera_stream::shutdown() {
    shut_down_ = true;
    retry_timer_.cancel();
    idle_timer_.cancel();
    pictures_timer_.cancel();
    stop();
}

// Builds and plays a new pipeline; its events carry the run number, so that an error still on
// its way from a torn-down run cannot fail the new one.
void camera_stream::start() {
    if (shut_down_) {
        return;
    }
    const auto run = ++run_;
    ++status_.starts;
    const auto hls_files = options_.hls ? hls_.begin_run() : hls_timeline::run_files{};
    set_phase(stream_phase::connecting);
    auto self = weak_from_this();
    stream_pipeline::callbacks on;
    on.jpeg = [self, run, &loop = loop_](std::shared_ptr<const std::string> jpeg) {
        boost::asio::post(loop, [self, run, jpeg = std::move(jpeg)] {
            if (auto stream = self.lock()) {
                stream->deliver(run, jpeg);
            }
        });
    };
    on.frame = [self, run, &loop = loop_] {
        boost::asio::post(loop, [self, run] {
            auto stream = self.lock();
            if (stream && stream->run_ == run && stream->pipeline_) {
                ++stream->status_.frames_in;
                stream->status_.last_frame = std::chrono::steady_clock::now();
                stream->retries_ = 0;
                if (stream->status_.phase != stream_phase::playing) {
                    stream->set_phase(stream_phase::playing);
                }
            }
        });
    };
    on.failed = [self, run, &loop = loop_](const std::string& reason) {
        boost::asio::post(loop, [self, run, reason] {
            if (auto stream = self.lock()) {
                stream->fail(run, reason);
            }
        });
    };
    try {
        pipeline_ = std::make_unique<stream_pipeline>(options_, hls_files, frames_, std::move(on));
    } catch (const std::exception& error) {
        fail(run, error.what());
        return;
    }
    update_decoding();
    log_->info("{}: stream starting from {}", options_.device, options_.rtsp_url);
    watch_for_stall();
}

void camera_stream::stop() {
    stall_timer_.cancel();
    // TODO(#7): tearing a pipeline down blocks the loop for the HLS valve's 50 ms and rtspsrc's
    // TEARDOWN (at most 100 ms); it belongs on a worker.
    pipeline_.reset();
    frames_.clear();
    hls_.reset();  // nobody watched for the idle period: the next player starts afresh
    ++run_;
    if (status_.phase != stream_phase::stopped) {
        log_->info("{}: stream stopped", options_.device);
        set_phase(stream_phase::stopped);
    }
}

void camera_stream::fail(std::uint64_t run, const std::string& reason) {
    if (run != run_) {
        return;
    }
    ++status_.failures;
    status_.last_error = reason;
    log_->warn("{}: stream failed: {}", options_.device, reason);
    stall_timer_.cancel();
    pipeline_.reset();
    frames_.clear();
    hls_.end_run();  // players keep the segments so far; the next run follows a discontinuity
    ++run_;
    if (!wanted()) {
        set_phase(stream_phase::stopped);
        return;
    }
    set_phase(stream_phase::retrying);
    schedule_retry();
}

// Back-off from first_retry doubling to max_retry, each wait drawn from its upper half so that
// several cameras that failed together do not retry together.
void camera_stream::schedule_retry() {
    const auto doubled = options_.first_retry * (1LL << std::min(retries_, 16));
    const auto ceiling = std::min<std::chrono::milliseconds>(doubled, options_.max_retry);
    std::uniform_int_distribution<std::int64_t> pick(ceiling.count() / 2, ceiling.count());
    const std::chrono::milliseconds wait(pick(jitter_source_));
    ++retries_;
    retry_timer_.expires_after(wait);
    retry_timer_.async_wait([self = weak_from_this()](const boost::system::error_code& error) {
        auto stream = self.lock();
        if (error || !stream) {
            return;
        }
        if (stream->wanted()) {
            stream->start();
        } else {
            stream->set_phase(stream_phase::stopped);
        }
    });
}

void camera_stream::arm_idle_stop() {
    if (options_.idle_stop.count() == 0) {
        return;  // always on
    }
    idle_timer_.expires_after(options_.idle_stop);
    idle_timer_.async_wait([self = weak_from_this()](const boost::system::error_code& error) {
        auto stream = self.lock();
        if (error || !stream) {
            return;
        }
        if (!stream->wanted()) {
            stream->retry_timer_.cancel();
            stream->stop();
        }
    });
}

// A camera that keeps the session open but sends nothing raises no error: without a frame for
// the stall timeout the run counts as failed.
void camera_stream::watch_for_stall() {
    stall_timer_.expires_after(options_.stall_timeout);
    stall_timer_.async_wait([self = weak_from_this(),
                             run = run_](const boost::system::error_code& error) {
        auto stream = self.lock();
        if (error || !stream || stream->run_ != run) {
            return;
        }
        const auto last = stream->status_.last_frame;
        const auto now = std::chrono::steady_clock::now();
        if (!last || now - *last >= stream->options_.stall_timeout) {
            stream->fail(run, "no frame for " +
                                  std::to_string(stream->options_.stall_timeout.count()) + " s");
            return;
        }
        stream->watch_for_stall();
    });
}

void camera_stream::set_phase(stream_phase phase) {
    status_.phase = phase;
    for (const auto& listener : status_listeners_) {
        listener(status_);
    }
}

void camera_stream::deliver(std::uint64_t run, const std::shared_ptr<const std::string>& jpeg) {
    if (run != run_ || !pipeline_) {
        return;
    }
    ++status_.jpegs_out;
    for (const auto& listener : jpeg_listeners_) {
        listener(jpeg);
    }
}

}  // namespace camtwin::pipelines
