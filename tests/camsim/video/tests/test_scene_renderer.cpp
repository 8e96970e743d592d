#include <chrono>
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "scene_renderer.hpp"
#include "text_overlay.hpp"

namespace {

// A hang guard, not a speed test: an optimised build takes a few milliseconds (the figure is
// printed and recorded in docs/performance.md), sanitizer builds far more; timings are measured
// by benchmarks, never asserted.
constexpr auto time_limit = std::chrono::milliseconds(1000);

using camsim::camera_view;

// A fixed clock, so that two renders differ only by the view.
constexpr auto noon = std::chrono::system_clock::time_point(std::chrono::hours(24 * 365 * 50));

camsim::i420_image render(const camera_view& view, int width = 320, int height = 180) {
    camsim::i420_image image(width, height);
    camsim::scene_renderer renderer(width, height, false);
    renderer.render(view, noon, image.planes());
    return image;
}

// Mean absolute luma difference below the overlay box (the top third).
double luma_difference(const camsim::i420_image& a, const camsim::i420_image& b) {
    const auto& pa = a.planes();
    const auto& pb = b.planes();
    double sum = 0;
    int count = 0;
    for (int y = pa.height / 3; y < pa.height; ++y) {
        for (int x = 0; x < pa.width; ++x) {
            sum += std::abs(pa.y[y * pa.y_stride + x] - pb.y[y * pb.y_stride + x]);
            ++count;
        }
    }
    return sum / count;
}

}  // namespace

TEST_CASE("scene_renderer pans with the azimuth", "[camsim][video]") {
    const auto a = render({0, 0, 10});
    const auto b = render({900, 0, 10});
    CHECK(luma_difference(a, b) > 10.0);
}

TEST_CASE("scene_renderer wraps the azimuth seamlessly", "[camsim][video]") {
    CHECK(luma_difference(render({3590, 0, 10}), render({-10, 0, 10})) < 0.5);
    CHECK(luma_difference(render({0, 0, 10}), render({3600, 0, 10})) < 0.5);
}

TEST_CASE("scene_renderer tilts and zooms", "[camsim][video]") {
    const auto level = render({450, 0, 10});
    CHECK(luma_difference(level, render({450, 200, 10})) > 10.0);
    CHECK(luma_difference(level, render({450, 0, 40})) > 10.0);
}

TEST_CASE("scene_renderer shows sky above and ground below the horizon", "[camsim][video]") {
    // Looking 45 degrees up only sky is seen: no checkerboard, so rows vary smoothly.
    const auto up = render({0, -450, 10});
    const auto down = render({0, 450, 10});
    CHECK(luma_difference(up, down) > 10.0);
}

TEST_CASE("scene_renderer renders 1280x720 without stalling", "[camsim][video]") {
    camsim::i420_image image(1280, 720);
    camsim::scene_renderer renderer(1280, 720, false);
    renderer.render({0, 0, 10}, noon, image.planes());  // warm-up

    const int rounds = 10;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) {
        renderer.render({i * 37, i, 10 + i}, noon, image.planes());
    }
    const auto each = (std::chrono::steady_clock::now() - start) / rounds;
    const double ms = std::chrono::duration<double, std::milli>(each).count();
    WARN("render 1280x720: " << ms << " ms");
    CHECK(each < time_limit);
}

TEST_CASE("overlay_lines formats the position in the camera's units", "[camsim][video]") {
    const auto lines = camsim::overlay_lines({1234, -5, 35}, noon);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "AZ 123.4 EL -0.5 Z 3.5x");
    CHECK(lines[1].size() == 19);
    CHECK(camsim::overlay_lines({3605, 50, 10}, noon)[0] == "AZ 0.5 EL 5.0 Z 1.0x");
}
