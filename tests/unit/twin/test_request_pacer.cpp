#include <catch2/catch.hpp>

#include "twin/request_pacer.hpp"

using camtwin::twin::request_pacer;
using namespace std::chrono_literals;

namespace {

const request_pacer::clock::time_point t0{};

}  // namespace

TEST_CASE("the pacer lets a burst through, then one request per interval", "[twin]") {
    request_pacer pacer(10, 3, t0);

    for (int i = 0; i < 3; ++i) {
        REQUIRE(pacer.delay(t0) == 0ms);
        pacer.spend(t0);
    }
    CHECK(pacer.delay(t0) == 100ms);
    CHECK(pacer.delay(t0 + 40ms) == 60ms);
    CHECK(pacer.delay(t0 + 100ms) == 0ms);
    pacer.spend(t0 + 100ms);
    CHECK(pacer.delay(t0 + 100ms) == 100ms);
}

TEST_CASE("the pacer earns back at most one burst while idle", "[twin]") {
    request_pacer pacer(10, 2, t0);
    pacer.spend(t0);
    pacer.spend(t0);

    const auto later = t0 + 1h;
    pacer.spend(later);
    pacer.spend(later);
    CHECK(pacer.delay(later) == 100ms);
}

TEST_CASE("forced requests delay the next ones, within one burst of debt", "[twin]") {
    request_pacer pacer(10, 2, t0);
    for (int i = 0; i < 50; ++i) {
        pacer.spend(t0);  // a storm of stops, which never wait
    }
    // Tokens bottom out at -2: three intervals until one whole token is back.
    CHECK(pacer.delay(t0) == 300ms);
}

TEST_CASE("a pacer of rate 0 never holds a request back", "[twin]") {
    request_pacer pacer(0, 1, t0);
    for (int i = 0; i < 1000; ++i) {
        pacer.spend(t0);
    }
    CHECK(pacer.delay(t0) == 0ms);
}
