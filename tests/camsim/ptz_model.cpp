#include "ptz_model.hpp"

#include <algorithm>
#include <cmath>

namespace camsim {

namespace {

constexpr double full_turn = 3600.0;

double wrap_azimuth(double azimuth) {
    double wrapped = std::fmod(azimuth, full_turn);
    return wrapped < 0.0 ? wrapped + full_turn : wrapped;
}

// Moves `from` towards `to` by at most `step`; returns the new value.
double approach(double from, double to, double step) {
    double diff = to - from;
    if (std::abs(diff) <= step) {
        return to;
    }
    return from + std::copysign(step, diff);
}

int clamp_speed(int speed) {
    return std::clamp(speed, -100, 100);
}

}  // namespace

ptz_model::ptz_model(ptz_limits limits, clock_function clock)
    : limits_(limits), clock_(std::move(clock)), last_(clock_()) {
    at_.zoom = limits_.zoom_min;
}

void ptz_model::continuous(ptz_velocity velocity) {
    std::lock_guard lock(mutex_);
    advance_locked(clock_());

    target_.reset();
    stop_at_.reset();
    velocity_ = {clamp_speed(velocity.pan), clamp_speed(velocity.tilt), clamp_speed(velocity.zoom)};
}

void ptz_model::momentary(ptz_velocity velocity, std::chrono::milliseconds duration) {
    std::lock_guard lock(mutex_);
    steady_time now = clock_();
    advance_locked(now);

    target_.reset();
    velocity_ = {clamp_speed(velocity.pan), clamp_speed(velocity.tilt), clamp_speed(velocity.zoom)};
    stop_at_ = now + std::max(duration, std::chrono::milliseconds(0));
}

void ptz_model::move_to(ptz_position target) {
    std::lock_guard lock(mutex_);
    advance_locked(clock_());

    velocity_ = {};
    stop_at_.reset();
    target_ = clamp({wrap_azimuth(target.azimuth), static_cast<double>(target.elevation),
                     static_cast<double>(target.zoom)});
}

void ptz_model::move_by(int azimuth, int elevation, int zoom) {
    std::lock_guard lock(mutex_);
    advance_locked(clock_());

    velocity_ = {};
    stop_at_.reset();
    target_ =
        clamp({wrap_azimuth(at_.azimuth + azimuth), at_.elevation + elevation, at_.zoom + zoom});
}

void ptz_model::stop() {
    std::lock_guard lock(mutex_);
    advance_locked(clock_());

    velocity_ = {};
    stop_at_.reset();
    target_.reset();
}

ptz_position ptz_model::position() {
    std::lock_guard lock(mutex_);
    advance_locked(clock_());
    return rounded_locked();
}

ptz_velocity ptz_model::velocity() {
    std::lock_guard lock(mutex_);
    advance_locked(clock_());
    return velocity_;
}

bool ptz_model::moving() {
    std::lock_guard lock(mutex_);
    advance_locked(clock_());
    bool turning = velocity_.pan != 0 || velocity_.tilt != 0 || velocity_.zoom != 0;
    return turning || target_.has_value();
}

camera_view ptz_model::view() {
    ptz_position p = position();
    return {p.azimuth, p.elevation, p.zoom};
}

// Brings the state up to `now`. A momentary move integrates only up to its stop time.
void ptz_model::advance_locked(steady_time now) {
    if (now <= last_) {
        return;
    }

    steady_time end = stop_at_ ? std::min(now, *stop_at_) : now;
    double seconds = end > last_ ? std::chrono::duration<double>(end - last_).count() : 0.0;
    if (target_) {
        travel_locked(seconds);
    } else {
        integrate_locked(seconds);
    }

    if (stop_at_ && now >= *stop_at_) {
        velocity_ = {};
        stop_at_.reset();
    }
    last_ = now;
}

void ptz_model::integrate_locked(double seconds) {
    exact_position next = at_;
    next.azimuth += velocity_.pan / 100.0 * limits_.pan_rate * seconds;
    next.elevation -= velocity_.tilt / 100.0 * limits_.tilt_rate * seconds;
    next.zoom += velocity_.zoom / 100.0 * limits_.zoom_rate * seconds;
    at_ = clamp({wrap_azimuth(next.azimuth), next.elevation, next.zoom});
}

void ptz_model::travel_locked(double seconds) {
    exact_position goal = *target_;

    // The shortest way round: a signed difference in (-1800, 1800].
    double diff =
        std::fmod(goal.azimuth - at_.azimuth + 1.5 * full_turn, full_turn) - 0.5 * full_turn;
    double pan_step = std::min(std::abs(diff), limits_.travel_pan * seconds);
    at_.azimuth = wrap_azimuth(at_.azimuth + std::copysign(pan_step, diff));
    at_.elevation = approach(at_.elevation, goal.elevation, limits_.travel_tilt * seconds);
    at_.zoom = approach(at_.zoom, goal.zoom, limits_.travel_zoom * seconds);

    bool arrived =
        pan_step == std::abs(diff) && at_.elevation == goal.elevation && at_.zoom == goal.zoom;
    if (arrived) {
        at_.azimuth = goal.azimuth;
        target_.reset();
    }
}

ptz_position ptz_model::rounded_locked() const {
    int azimuth = static_cast<int>(std::lround(at_.azimuth)) % 3600;
    return {azimuth, static_cast<int>(std::lround(at_.elevation)),
            static_cast<int>(std::lround(at_.zoom))};
}

ptz_model::exact_position ptz_model::clamp(exact_position p) const {
    p.elevation = std::clamp(p.elevation, static_cast<double>(limits_.elevation_min),
                             static_cast<double>(limits_.elevation_max));
    p.zoom = std::clamp(p.zoom, static_cast<double>(limits_.zoom_min),
                        static_cast<double>(limits_.zoom_max));
    return p;
}

}  // namespace camsim
