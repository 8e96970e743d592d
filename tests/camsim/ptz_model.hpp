#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>

#include "video/camera_view.hpp"

namespace camsim {

using steady_time = std::chrono::steady_clock::time_point;

// The model reads the time only through this function, so tests can drive it by hand.
using clock_function = std::function<steady_time()>;

// Ranges and speeds of the simulated dome in the camera's units: tenths of a degree for azimuth
// and elevation, tenths of magnification for zoom (10 = 1x).
struct ptz_limits {
    // AbsolutePanTiltPositionSpace/YRange and ZRange of the DS-2DF8425IX-AELW capture.
    int elevation_min = -500;
    int elevation_max = 600;
    int zoom_min = 10;
    int zoom_max = 250;

    // Continuous rates at speed 100, in tenths per second, linear in the speed. Calibrated on the
    // poc-homography capture: pan 30 for 1.5 s moved about 8 degrees, tilt 30 for 1.5 s moved
    // about 3.7 degrees. The zoom rate is an assumption (1x to 25x in 6 s at full speed).
    double pan_rate = 80.0 / (0.30 * 1.5);
    double tilt_rate = 37.0 / (0.30 * 1.5);
    double zoom_rate = 40.0;

    // Speeds of absolute, preset and home moves (each axis on its own), in tenths per second.
    double travel_pan = 600.0;
    double travel_tilt = 300.0;
    double travel_zoom = 100.0;
};

struct ptz_position {
    int azimuth = 0;
    int elevation = 0;
    int zoom = 10;
};

// Continuous speeds from -100 to 100: pan+ = right, tilt+ = up (elevation decreases), zoom+ = tele.
struct ptz_velocity {
    int pan = 0;
    int tilt = 0;
    int zoom = 0;
};

// The pan/tilt/zoom state of one dome. Motion is computed lazily from the injected clock, so the
// state is exact at whatever time it is read. Thread-safe: the HTTP loop drives it and the video
// threads read view() concurrently.
class ptz_model {
public:
    ptz_model(ptz_limits limits, clock_function clock);

    // Moves at the given speeds until the next command.
    void continuous(ptz_velocity velocity);

    // Moves at the given speeds for `duration`, then stops by itself.
    void momentary(ptz_velocity velocity, std::chrono::milliseconds duration);

    // Travels at finite speed to the target (clamped; azimuth wraps and takes the short way).
    void move_to(ptz_position target);

    // Travels by the given offsets from the current position.
    void move_by(int azimuth, int elevation, int zoom);

    void stop();

    ptz_position position();
    ptz_velocity velocity();
    bool moving();
    camera_view view();

    const ptz_limits& limits() const { return limits_; }

private:
    struct exact_position {
        double azimuth;
        double elevation;
        double zoom;
    };

    void advance_locked(steady_time now);
    void integrate_locked(double seconds);
    void travel_locked(double seconds);
    ptz_position rounded_locked() const;
    exact_position clamp(exact_position p) const;

    const ptz_limits limits_;
    const clock_function clock_;

    std::mutex mutex_;
    exact_position at_{0.0, 0.0, 10.0};
    ptz_velocity velocity_;
    std::optional<steady_time> stop_at_;
    std::optional<exact_position> target_;
    steady_time last_;
};

}  // namespace camsim
