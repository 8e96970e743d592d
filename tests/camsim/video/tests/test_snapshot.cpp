#include <atomic>
#include <chrono>
#include <memory>

#include <catch2/catch.hpp>

#include "jpeg_test_decoder.hpp"
#include "video_server.hpp"

namespace {

// A hang guard, not a speed test: an optimised build takes a few milliseconds (the figure is
// printed and recorded in docs/performance.md), sanitizer builds far more; timings are measured
// by benchmarks, never asserted.
constexpr auto time_limit = std::chrono::milliseconds(1000);

struct camera {
    std::atomic<int> azimuth{0};
    std::unique_ptr<camsim::video_server> server;

    camera() {
        camsim::video_options options;
        options.user = "admin";
        options.password = "secret";
        server = std::make_unique<camsim::video_server>(options, [this] {
            return camsim::camera_view{azimuth.load(), 0, 10};
        });
    }
};

}  // namespace

TEST_CASE("video_server snapshot_jpeg is a JPEG of the requested size", "[camsim][video]") {
    camera cam;
    const std::string jpeg = cam.server->snapshot_jpeg(1280, 720);
    REQUIRE(jpeg.size() > 4);
    CHECK(static_cast<unsigned char>(jpeg[0]) == 0xFF);
    CHECK(static_cast<unsigned char>(jpeg[1]) == 0xD8);
    CHECK(static_cast<unsigned char>(jpeg[jpeg.size() - 2]) == 0xFF);
    CHECK(static_cast<unsigned char>(jpeg[jpeg.size() - 1]) == 0xD9);

    std::string error;
    const auto image = camsim::test::decode_jpeg(jpeg, &error);
    INFO(error);
    REQUIRE(image);
    CHECK(image->width == 1280);
    CHECK(image->height == 720);
}

TEST_CASE("video_server snapshot_jpeg accepts odd sizes", "[camsim][video]") {
    camera cam;
    const auto image = camsim::test::decode_jpeg(cam.server->snapshot_jpeg(333, 171));
    REQUIRE(image);
    CHECK(image->width == 333);
    CHECK(image->height == 171);
    CHECK_THROWS_AS(cam.server->snapshot_jpeg(0, 10), std::invalid_argument);
}

TEST_CASE("video_server snapshot_jpeg follows the view", "[camsim][video]") {
    camera cam;
    const auto before = camsim::test::decode_jpeg(cam.server->snapshot_jpeg(640, 360));
    cam.azimuth = 1800;
    const auto after = camsim::test::decode_jpeg(cam.server->snapshot_jpeg(640, 360));
    REQUIRE(before);
    REQUIRE(after);
    CHECK(before->difference(*after) > 10.0);
}

TEST_CASE("video_server snapshot_jpeg works without stalling and with no RTSP client",
          "[camsim][video]") {
    camera cam;
    static_cast<void>(cam.server->snapshot_jpeg(1280, 720));  // warm-up
    const int rounds = 10;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) {
        static_cast<void>(cam.server->snapshot_jpeg(1280, 720));
    }
    const auto each = (std::chrono::steady_clock::now() - start) / rounds;
    const double ms = std::chrono::duration<double, std::milli>(each).count();
    WARN("snapshot 1280x720: " << ms << " ms");
    CHECK(each < time_limit);
    CHECK(cam.server->clients() == 0);
}
