#include "ptz_model.hpp"

#include <catch2/catch.hpp>

using namespace camsim;
using namespace std::chrono_literals;

namespace {

// A clock the test moves by hand.
struct manual_clock {
    steady_time now{};
    void advance(std::chrono::milliseconds step) { now += step; }
    clock_function function() {
        return [this] { return now; };
    }
};

}  // namespace

TEST_CASE("ptz_model continuous move covers the calibrated distance", "[camsim][ptz]") {
    manual_clock clock;
    ptz_model model(ptz_limits{}, clock.function());

    model.continuous({30, 0, 0});
    clock.advance(1500ms);
    model.stop();
    CHECK(model.position().azimuth == Approx(80).margin(1));  // about 8 degrees

    model.continuous({0, 30, 0});
    clock.advance(1500ms);
    model.stop();
    CHECK(model.position().elevation == Approx(-37).margin(1));  // tilt up: elevation decreases

    model.continuous({0, 0, 100});
    clock.advance(1000ms);
    CHECK(model.position().zoom == 50);
    CHECK(model.moving());
}

TEST_CASE("ptz_model momentary move stops by itself", "[camsim][ptz]") {
    manual_clock clock;
    ptz_model model(ptz_limits{}, clock.function());

    model.momentary({-50, 0, 0}, 500ms);
    clock.advance(200ms);
    CHECK(model.moving());
    clock.advance(2000ms);
    CHECK_FALSE(model.moving());

    // -50 for 0.5 s, wrapped below 0.
    double expected = 3600.0 - 0.5 * ptz_limits{}.pan_rate * 0.5;
    CHECK(model.position().azimuth == Approx(expected).margin(1));
    CHECK(model.velocity().pan == 0);
}

TEST_CASE("ptz_model absolute move travels at finite speed", "[camsim][ptz]") {
    manual_clock clock;
    ptz_limits limits;
    ptz_model model(limits, clock.function());

    model.move_to({900, 300, 110});
    clock.advance(100ms);
    ptz_position midway = model.position();
    CHECK(midway.azimuth == 60);  // 600 tenths/s
    CHECK(midway.elevation == 30);
    CHECK(model.moving());

    clock.advance(2000ms);
    CHECK(model.position().azimuth == 900);
    CHECK(model.position().elevation == 300);
    CHECK(model.position().zoom == 110);
    CHECK_FALSE(model.moving());
}

TEST_CASE("ptz_model takes the short way round and clamps to the ranges", "[camsim][ptz]") {
    manual_clock clock;
    ptz_limits limits;
    ptz_model model(limits, clock.function());

    model.move_to({3500, 5000, 9999});
    clock.advance(100ms);
    CHECK(model.position().azimuth == 3540);  // went left through 0, not right
    clock.advance(10s);
    CHECK(model.position().elevation == limits.elevation_max);
    CHECK(model.position().zoom == limits.zoom_max);

    model.continuous({0, 100, -100});
    clock.advance(60s);
    CHECK(model.position().elevation == limits.elevation_min);
    CHECK(model.position().zoom == limits.zoom_min);

    model.continuous({500, 0, 0});  // speeds clamp to 100
    CHECK(model.velocity().pan == 100);
}

TEST_CASE("ptz_model relative move offsets the current position", "[camsim][ptz]") {
    manual_clock clock;
    ptz_model model(ptz_limits{}, clock.function());

    model.move_by(-100, 50, 20);
    clock.advance(5s);
    CHECK(model.position().azimuth == 3500);
    CHECK(model.position().elevation == 50);
    CHECK(model.position().zoom == 30);
    CHECK(model.view().azimuth == 3500);
}
