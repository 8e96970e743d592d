#include <catch2/catch.hpp>

#include "twin/ptz_direction.hpp"

using camtwin::twin::ptz_velocity;
using camtwin::twin::velocity_of;

TEST_CASE("ptz direction maps every move name to the camera's signs", "[twin]") {
    // isapi-contract.md E6: pan+ is right, tilt+ is up, zoom+ is in.
    CHECK(velocity_of("up", 60) == ptz_velocity{0, 60, 0});
    CHECK(velocity_of("down", 60) == ptz_velocity{0, -60, 0});
    CHECK(velocity_of("left", 60) == ptz_velocity{-60, 0, 0});
    CHECK(velocity_of("right", 60) == ptz_velocity{60, 0, 0});
    CHECK(velocity_of("up-left", 30) == ptz_velocity{-30, 30, 0});
    CHECK(velocity_of("up-right", 30) == ptz_velocity{30, 30, 0});
    CHECK(velocity_of("down-left", 30) == ptz_velocity{-30, -30, 0});
    CHECK(velocity_of("down-right", 30) == ptz_velocity{30, -30, 0});
    CHECK(velocity_of("in", 100) == ptz_velocity{0, 0, 100});
    CHECK(velocity_of("out", 100) == ptz_velocity{0, 0, -100});
}

TEST_CASE("ptz direction refuses names that are not moves", "[twin]") {
    for (const auto* name : {"", "UP", "upleft", "up_left", "stop", "home", "up-left "}) {
        INFO(name);
        CHECK_FALSE(velocity_of(name, 60).has_value());
    }
}
