#include "twin/device_twin.hpp"

#include <algorithm>

#include <boost/asio/post.hpp>
#include <fmt/format.h>

#include "camera/camera_error.hpp"
#include "twin/health_backoff.hpp"

namespace camtwin::twin {
namespace {

constexpr int watchdog_stop_attempts = 3;
constexpr std::chrono::milliseconds watchdog_retry{500};

}  // namespace

device_twin::device_twin(boost::asio::io_context& loop, boost::asio::thread_pool& workers,
                         std::shared_ptr<camera::camera_device> camera, twin_options options,
                         std::shared_ptr<spdlog::logger> log)
    : loop_(loop),
      workers_(workers),
      camera_(std::move(camera)),
      options_(std::move(options)),
      log_(std::move(log)),
      pacer_(options_.requests_per_s, options_.burst, std::chrono::steady_clock::now()),
      pace_timer_(loop),
      watchdog_(loop),
      probe_timer_(loop) {}

void device_twin::start() {
    log_->info("{}: twin started, probing the camera every {} ms", options_.name,
               options_.health_interval.count());
    enqueue(make_probe());
}

device_twin::job device_twin::make_probe() {
    // The probe reads the PTZ position, so the state shows where the camera points.
    auto position = std::make_shared<camera::ptz_position>();
    auto self = weak_from_this();
    return {job_kind::probe, "probe",
            [position](camera::camera_device& cam) { *position = cam.read_ptz_status(); },
            [self, position](const command_result& result) {
                auto twin = self.lock();
                if (!twin || !result.ok()) {
                    return;
                }
                auto next = twin->state_;
                next.position = *position;
                twin->set_state(std::move(next));
            }};
}

void device_twin::shutdown() {
    stopped_ = true;
    probe_timer_.cancel();
    pace_timer_.cancel();
    if (state_.moving) {
        watchdog_.cancel();
        // The last act of a twin: never leave a camera turning.
        send_stop_first([](const command_result&) {});
    }
}

void device_twin::move(ptz_velocity velocity, std::chrono::milliseconds duration, completion done) {
    if (duration.count() < 1 || duration > options_.max_move) {
        done({result_code::bad_request, fmt::format("duration_ms must be 1..{}, got {}",
                                                    options_.max_move.count(), duration.count())});
        return;
    }
    supersede_waiting_moves();
    auto self = weak_from_this();
    enqueue({job_kind::move, "move",
             [velocity](camera::camera_device& cam) {
                 cam.move_continuous(velocity.pan, velocity.tilt, velocity.zoom);
             },
             [self, duration, done = std::move(done)](const command_result& result) {
                 if (auto twin = self.lock(); twin && result.ok()) {
                     twin->arm_watchdog(duration);
                 }
                 done(result);
             }});
}

void device_twin::stop(completion done) {
    watchdog_.cancel();
    supersede_waiting_moves();
    send_stop_first(std::move(done));
}

void device_twin::send_stop_first(completion done) {
    // A stop goes ahead of everything waiting, and past the queue limit: it is the one command
    // that must not wait.
    waiting_.push_front({job_kind::stop, "stop",
                         [](camera::camera_device& cam) { cam.move_continuous(0, 0, 0); },
                         std::move(done)});
    run_next();
}

void device_twin::goto_preset(int id, completion done) {
    if (refuse_preset(id, done)) {
        return;
    }
    enqueue({job_kind::command, "preset/goto",
             [id](camera::camera_device& cam) { cam.goto_preset(id); }, std::move(done)});
}

void device_twin::set_preset(int id, std::string name, completion done) {
    if (refuse_preset(id, done)) {
        return;
    }
    enqueue({job_kind::command, "preset/set",
             [id, name = std::move(name)](camera::camera_device& cam) { cam.set_preset(id, name); },
             std::move(done)});
}

void device_twin::go_home(completion done) {
    enqueue({job_kind::command, "home", [](camera::camera_device& cam) { cam.goto_home(); },
             std::move(done)});
}

void device_twin::read_info(std::chrono::milliseconds max_age,
                            read_cache<camera::device_info>::reply done) {
    read_through(&device_twin::info_, "info", max_age, std::move(done),
                 [](camera::camera_device& cam) { return cam.read_device_info(); });
}

namespace {

std::string snapshot_from_camera(camera::camera_device& cam) {
    return cam.read_snapshot(101);
}

}  // namespace

void device_twin::read_snapshot(std::chrono::milliseconds max_age,
                                read_cache<std::string>::reply done) {
    if (!frames_) {
        read_through(&device_twin::snapshot_, "capture", max_age, std::move(done),
                     snapshot_from_camera);
        return;
    }
    if (auto cached = snapshot_.fresh(max_age, std::chrono::steady_clock::now())) {
        done({}, cached);
        return;
    }
    if (snapshot_.wait(std::move(done))) {
        snapshot_from_frames();
    }
}

// The encode runs on a worker beside the camera queue: it costs the camera nothing, so it need
// not wait behind a move. Without a fresh frame the read goes to the camera as usual.
void device_twin::snapshot_from_frames() {
    boost::asio::post(workers_, [self = weak_from_this(), frames = frames_, &loop = loop_] {
        std::shared_ptr<const std::string> jpeg;
        try {
            if (auto encoded = frames()) {
                jpeg = std::make_shared<const std::string>(std::move(*encoded));
            }
        } catch (const std::exception&) {
            // An encode that failed is a frame we do not have: the camera answers instead.
        }
        boost::asio::post(loop, [self, jpeg] {
            auto twin = self.lock();
            if (!twin) {
                return;
            }
            if (jpeg) {
                twin->snapshot_.complete({}, jpeg, std::chrono::steady_clock::now());
            } else {
                twin->start_read(&device_twin::snapshot_, "capture", snapshot_from_camera);
            }
        });
    });
}

template <typename T, typename Fetch>
void device_twin::read_through(read_cache<T> device_twin::*cache, const char* name,
                               std::chrono::milliseconds max_age,
                               typename read_cache<T>::reply done, Fetch fetch) {
    if (auto cached = (this->*cache).fresh(max_age, std::chrono::steady_clock::now())) {
        done({}, cached);
        return;
    }
    if (!(this->*cache).wait(std::move(done))) {
        return;  // a call is under way; its answer is ours too
    }
    start_read(cache, name, fetch);
}

template <typename T, typename Fetch>
void device_twin::start_read(read_cache<T> device_twin::*cache, const char* name, Fetch fetch) {
    auto slot = std::make_shared<std::shared_ptr<const T>>();
    auto self = weak_from_this();
    enqueue({job_kind::read, name,
             [slot, fetch](camera::camera_device& cam) {
                 *slot = std::make_shared<const T>(fetch(cam));
             },
             [self, slot, cache](const command_result& result) {
                 if (auto twin = self.lock()) {
                     ((*twin).*cache).complete(result, *slot, std::chrono::steady_clock::now());
                 }
             }});
}

void device_twin::enqueue(job next) {
    // Stops and health probes are never refused: a full queue must neither keep a camera turning
    // nor end the health loop, which reschedules itself only when a probe finishes.
    const bool always_taken = next.kind == job_kind::stop || next.kind == job_kind::probe;
    if (waiting_.size() >= options_.queue_limit && !always_taken) {
        next.done({result_code::busy, fmt::format("{} commands are already waiting for this camera",
                                                  waiting_.size())});
        return;
    }
    waiting_.push_back(std::move(next));
    run_next();
}

void device_twin::run_next() {
    if (running_ || waiting_.empty() || hold_for_pacing()) {
        return;
    }
    pacer_.spend(std::chrono::steady_clock::now());
    running_ = true;
    auto current = std::make_shared<job>(std::move(waiting_.front()));
    waiting_.pop_front();

    auto self = weak_from_this();
    boost::asio::post(workers_, [self, camera = camera_, current, &loop = loop_] {
        command_result result;
        const auto started = std::chrono::steady_clock::now();
        try {
            current->call(*camera);
        } catch (const camera::camera_error& error) {
            result = result_of(error);
        } catch (const std::exception& error) {
            result = {result_code::camera_error, error.what()};
        }
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
        boost::asio::post(loop, [self, current, result, took] {
            if (auto twin = self.lock()) {
                twin->camera_calls_.record(current->name, result.code, took.count());
                twin->finish(*current, result);
            }
        });
    });
}

bool device_twin::hold_for_pacing() {
    if (waiting_.front().kind == job_kind::stop) {
        return false;  // a stop never waits; the pacer counts it all the same
    }
    if (pacing_) {
        return true;
    }
    const auto delay = pacer_.delay(std::chrono::steady_clock::now());
    if (delay == std::chrono::steady_clock::duration::zero()) {
        return false;
    }
    pacing_ = true;
    pace_timer_.expires_after(delay);
    pace_timer_.async_wait([self = weak_from_this()](const boost::system::error_code& error) {
        auto twin = self.lock();
        if (!twin) {
            return;
        }
        twin->pacing_ = false;
        if (!error) {
            twin->run_next();
        }
    });
    return true;
}

void device_twin::finish(job& finished, const command_result& result) {
    running_ = false;
    record(result, finished.kind);
    if (!result.ok()) {
        log_->debug("{}: {} failed: {}", options_.name, finished.name, result.message);
    }
    finished.done(result);
    if (finished.kind == job_kind::probe) {
        if (result.ok() && !capabilities_known_) {
            learn_capabilities();
        }
        schedule_probe();
    }
    run_next();
}

void device_twin::learn_capabilities() {
    capabilities_known_ = true;  // one read at a time; a failure that may pass clears it again
    auto caps = std::make_shared<camera::ptz_capabilities>();
    auto self = weak_from_this();
    enqueue({job_kind::command, "ptz/capabilities",
             [caps](camera::camera_device& cam) { *caps = cam.read_ptz_capabilities(); },
             [self, caps](const command_result& result) {
                 if (auto twin = self.lock()) {
                     twin->apply(result, *caps);
                 }
             }});
}

void device_twin::apply(const command_result& result, const camera::ptz_capabilities& caps) {
    if (result.code == result_code::camera_unreachable || result.code == result_code::timeout ||
        result.code == result_code::camera_unauthorized || result.code == result_code::busy) {
        capabilities_known_ = false;  // ask again after the next good probe
        return;
    }
    if (!result.ok()) {
        // A camera without PTZ capabilities keeps the default list, which is the safe side:
        // those ids are special on every Hikvision dome.
        log_->warn("{}: PTZ capabilities unreadable ({}); keeping the default reserved presets",
                   options_.name, result.message);
        return;
    }
    if (!caps.special_presets.empty()) {
        options_.reserved_presets = caps.special_presets;
    }
    if (caps.max_presets > 0) {
        options_.max_preset = caps.max_presets;
    }
    log_->info("{}: the camera reserves {} preset ids; user presets are 1..{}", options_.name,
               options_.reserved_presets.size(), options_.max_preset);
}

void device_twin::supersede_waiting_moves() {
    for (auto it = waiting_.begin(); it != waiting_.end();) {
        if (it->kind != job_kind::move) {
            ++it;
            continue;
        }
        auto replaced = std::move(*it);
        it = waiting_.erase(it);
        replaced.done({result_code::superseded, "a newer move replaced this one"});
    }
}

void device_twin::arm_watchdog(std::chrono::milliseconds duration) {
    auto next = state_;
    next.moving = true;
    set_state(std::move(next));
    watchdog_.expires_after(duration);
    watchdog_.async_wait([self = weak_from_this()](const boost::system::error_code& error) {
        if (auto twin = self.lock(); twin && !error) {
            twin->send_watchdog_stop(1);
        }
    });
}

void device_twin::send_watchdog_stop(int attempt) {
    auto self = weak_from_this();
    send_stop_first([self, attempt](const command_result& result) {
        auto twin = self.lock();
        if (!twin || result.ok() || attempt >= watchdog_stop_attempts) {
            return;
        }
        // The camera may still be turning: try again shortly.
        twin->watchdog_.expires_after(watchdog_retry);
        twin->watchdog_.async_wait([self, attempt](const boost::system::error_code& e) {
            if (auto again = self.lock(); again && !e) {
                again->send_watchdog_stop(attempt + 1);
            }
        });
    });
}

bool device_twin::refuse_preset(int id, const completion& done) const {
    const auto& reserved = options_.reserved_presets;
    if (std::find(reserved.begin(), reserved.end(), id) != reserved.end()) {
        // Reserved ids run camera functions (94 reboots a Hikvision dome): never send them.
        done({result_code::refused,
              fmt::format("preset {} is a reserved camera function, not a position", id)});
        return true;
    }
    if (id < 1 || id > options_.max_preset) {
        done({result_code::bad_request,
              fmt::format("preset must be 1..{}, got {}", options_.max_preset, id)});
        return true;
    }
    return false;
}

void device_twin::record(const command_result& result, job_kind kind) {
    auto next = state_;
    next.auth_scheme = camera_->auth_scheme();
    if (kind == job_kind::stop && result.ok()) {
        next.moving = false;
    }
    if (result.ok()) {
        next.status = health::online;
        next.last_error.clear();
        next.last_success = std::chrono::system_clock::now();
    } else if (result.code == result_code::camera_unauthorized) {
        next.status = health::unauthorized;
        next.last_error = result.message;
    } else if (result.code == result_code::camera_unreachable ||
               result.code == result_code::timeout) {
        next.status = health::unreachable;
        next.last_error = result.message;
    } else if (kind == job_kind::probe) {
        // The camera answers, but the probe failed: it is there and not well. A command the
        // camera refused says nothing about its health.
        next.status = health::degraded;
        next.last_error = result.message;
    }
    set_state(std::move(next));
}

void device_twin::report_stream(stream_report report) {
    auto next = state_;
    next.stream = std::move(report);
    set_state(std::move(next));
}

void device_twin::set_state(twin_state next) {
    if (next == state_) {
        return;
    }
    if (next.status != state_.status) {
        log_->info("{}: {} -> {}{}", options_.name, to_string(state_.status),
                   to_string(next.status),
                   next.last_error.empty() ? "" : fmt::format(" ({})", next.last_error));
    }
    state_ = std::move(next);
    for (const auto& listener : listeners_) {
        listener(state_);
    }
}

void device_twin::schedule_probe() {
    if (stopped_) {
        return;
    }
    probe_failures_ = state_.status == health::online ? 0 : probe_failures_ + 1;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto delay =
        next_probe_delay(options_.health_interval, probe_failures_, options_.max_health_backoff,
                         [&] { return unit(jitter_source_); });
    probe_timer_.expires_after(delay);
    probe_timer_.async_wait([self = weak_from_this()](const boost::system::error_code& error) {
        auto twin = self.lock();
        if (!twin || error || twin->stopped_) {
            return;
        }
        twin->enqueue(twin->make_probe());
    });
}

}  // namespace camtwin::twin
