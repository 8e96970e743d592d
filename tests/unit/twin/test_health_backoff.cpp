#include <catch2/catch.hpp>

#include "twin/health_backoff.hpp"

using camtwin::twin::next_probe_delay;
using namespace std::chrono_literals;

TEST_CASE("health backoff keeps the interval until the second failure", "[twin]") {
    const auto middle = [] { return 0.5; };  // no jitter

    CHECK(next_probe_delay(5s, 0, 60s, middle) == 5s);
    CHECK(next_probe_delay(5s, 1, 60s, middle) == 5s);
    CHECK(next_probe_delay(5s, 2, 60s, middle) == 10s);
    CHECK(next_probe_delay(5s, 3, 60s, middle) == 20s);
    CHECK(next_probe_delay(5s, 5, 60s, middle) == 60s);
    CHECK(next_probe_delay(5s, 1000, 60s, middle) == 60s);
}

TEST_CASE("health backoff spreads probes by 20 percent either way", "[twin]") {
    CHECK(next_probe_delay(10s, 2, 60s, [] { return 0.0; }) == 16s);
    CHECK(next_probe_delay(10s, 2, 60s, [] { return 1.0; }) == 24s);
    CHECK(next_probe_delay(10s, 2, 60s, [] { return 7.0; }) == 24s);  // clamped
}
