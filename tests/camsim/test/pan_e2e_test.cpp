// Issue #3 end to end, on the real camsim binary as a client sees it: a continuous PUT changes
// /status and visibly pans the RTSP picture and the JPEG snapshot.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "jpeg_test_decoder.hpp"
#include "rtsp_test_client.hpp"
#include "scene_renderer.hpp"
#include "support/camsim_process.hpp"
#include "support/curl_client.hpp"

namespace {

using namespace std::chrono_literals;
using camsim::test::rgb_image;
using camsim::test::rtsp_test_client;
using camtwin::test::camsim_options;
using camtwin::test::camsim_process;
using camtwin::test::curl_client;
using steady = std::chrono::steady_clock;

const std::string ptz = "/ISAPI/PTZCtrl/channels/1";
const std::string picture = "/ISAPI/Streaming/channels/101/picture";
const std::string pan_right = "<PTZData><pan>100</pan><tilt>0</tilt></PTZData>";
const std::string pan_stop = "<PTZData><pan>0</pan><tilt>0</tilt></PTZData>";

// README: a continuous pan at speed 100 moves 177.8 tenths of a degree per second.
constexpr double pan_rate = 177.8;

// Beyond the first frame, which waits for the RTSP handshake and the decoder, frames come at
// 15 fps; a stream that stays silent this long has failed.
constexpr auto frame_timeout = 5s;

// The overlay box (text_overlay.cpp, draw_text_box) covers the top-left 568x88 pixels at 720p
// and holds the clock, which changes every second. The scene comparisons skip the top quarter of
// the picture, twice that height, so only the panorama below it counts.
int scene_top(const rgb_image& image) {
    return image.height / 4;
}

// Per column, the sum of R, G and B averaged over the rows below the overlay: a horizontal pan
// shifts this profile sideways, while encoder noise barely moves it. The 36 azimuth bands have
// distinct hues, so within the 60 degree field of view it has one clear best alignment.
std::vector<double> column_profile(const rgb_image& image) {
    const auto width = static_cast<std::size_t>(image.width);
    const auto top = static_cast<std::size_t>(scene_top(image));
    const auto height = static_cast<std::size_t>(image.height);
    std::vector<double> profile(width, 0.0);
    for (std::size_t y = top; y < height; ++y) {
        const std::uint8_t* row = image.pixels.data() + y * width * 3;
        for (std::size_t x = 0; x < width; ++x) {
            profile[x] += row[3 * x] + row[3 * x + 1] + row[3 * x + 2];
        }
    }
    for (double& value : profile) {
        value /= static_cast<double>(height - top);
    }
    return profile;
}

// Mean absolute difference of the profiles with after[x] compared to before[x + shift].
double profile_error(const std::vector<double>& before, const std::vector<double>& after,
                     int shift) {
    const int width = static_cast<int>(before.size());
    const int first = std::max(0, -shift);
    const int last = std::min(width, width - shift);
    double sum = 0.0;
    for (int x = first; x < last; ++x) {
        sum += std::abs(after[static_cast<std::size_t>(x)] -
                        before[static_cast<std::size_t>(x + shift)]);
    }
    return sum / (last - first);
}

struct alignment {
    int shift = 0;            // pixels; a pan to the right moves the scene left: shift > 0
    double error = 0.0;       // profile error at that shift
    double error_at_0 = 0.0;  // profile error without a shift: how much the scene changed
};

// The shift that best maps `before` onto `after`. Shifts leave at least a quarter of the width
// overlapping, so that a small overlap cannot match by chance.
alignment align(const rgb_image& before, const rgb_image& after) {
    const auto a = column_profile(before);
    const auto b = column_profile(after);
    const int max_shift = before.width * 3 / 4;
    alignment best;
    best.error = profile_error(a, b, 0);
    best.error_at_0 = best.error;
    for (int shift = -max_shift; shift <= max_shift; ++shift) {
        const double error = profile_error(a, b, shift);
        if (error < best.error) {
            best.shift = shift;
            best.error = error;
        }
    }
    return best;
}

int azimuth_of(curl_client& client, const std::string& http) {
    const auto result = client.get(http + ptz + "/status");
    REQUIRE(result.status == 200);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(result.body.c_str()));
    const pugi::xml_node azimuth = doc.document_element().child("AbsoluteHigh").child("azimuth");
    REQUIRE(azimuth);
    return azimuth.text().as_int();
}

rgb_image snapshot(curl_client& client, const std::string& http) {
    const auto result = client.get(http + picture);
    REQUIRE(result.status == 200);
    std::string error;
    auto image = camsim::test::decode_jpeg(result.body, &error);
    INFO(error);
    REQUIRE(image);
    return std::move(*image);
}

// The newest frame after pulling for `settle`: frames still queued in the jitter buffer, decoder
// or appsink from before a change are drained, so the result shows the view of now.
rgb_image settled_frame(rtsp_test_client& client, std::chrono::milliseconds settle) {
    std::optional<rgb_image> newest;
    const auto deadline = steady::now() + settle;
    do {
        auto frame = client.next_frame(frame_timeout);
        REQUIRE(frame);
        newest = std::move(frame);
    } while (steady::now() < deadline);
    return std::move(*newest);
}

// Tenths of a degree, wrapped to -1800..1799.
int azimuth_change(int from, int to) {
    return ((to - from) % 3600 + 5400) % 3600 - 1800;
}

double seconds(steady::duration d) {
    return std::chrono::duration<double>(d).count();
}

}  // namespace

TEST_CASE("process camsim continuous pan moves the status, the RTSP picture and the snapshot",
          "[camsim][process][slow]") {
    camsim_options options;
    // The RTSP client puts the URL into a gst-launch description, where '!' links elements.
    options.password = "secret";
    const camsim_process camsim(CAMSIM_BINARY, options);
    const std::string http = camsim.camera().http;
    std::string rtsp = camsim.camera().rtsp;
    rtsp.insert(rtsp.find("://") + 3, options.user + ":" + options.password + "@");

    curl_client client;
    client.set_auth(CURLAUTH_DIGEST, options.user, options.password);
    client.set_timeout_ms(3000);
    const int azimuth_before = azimuth_of(client, http);  // also primes the digest nonce

    // Two pictures of each kind with the dome still, about half a second apart.
    const rgb_image jpeg_still = snapshot(client, http);
    rtsp_test_client viewer(rtsp);
    REQUIRE(viewer.next_frame(10s));  // the first frame pays for the handshake
    const rgb_image rtsp_still = settled_frame(viewer, 200ms);
    const rgb_image rtsp_before = settled_frame(viewer, 500ms);
    const rgb_image jpeg_before = snapshot(client, http);
    REQUIRE(rtsp_before.width == 1280);
    REQUIRE(rtsp_before.height == 720);

    // The interval the dome really moved lies between the time from the move's answer to the
    // stop's request and the time from the move's request to the stop's answer.
    const auto move_sent = steady::now();
    REQUIRE(client.put(http + ptz + "/continuous", pan_right).status == 200);
    const auto move_answered = steady::now();
    std::this_thread::sleep_for(1s);
    const auto stop_sent = steady::now();
    REQUIRE(client.put(http + ptz + "/continuous", pan_stop).status == 200);
    const auto stop_answered = steady::now();

    const int azimuth_after = azimuth_of(client, http);
    const rgb_image jpeg_after = snapshot(client, http);
    // The pictures and the status must show one and the same stopped position.
    REQUIRE(azimuth_of(client, http) == azimuth_after);

    const int moved = azimuth_change(azimuth_before, azimuth_after);
    const double shortest = seconds(stop_sent - move_answered);
    const double longest = seconds(stop_answered - move_sent);
    INFO("azimuth " << azimuth_before << " -> " << azimuth_after << " in " << shortest << ".."
                    << longest << " s");
    CHECK(moved >= 0.75 * pan_rate * shortest);
    CHECK(moved <= 1.25 * pan_rate * longest);

    // At 1x the picture spans base_horizontal_fov degrees, so this is where the scene must be.
    const double expected_shift =
        moved / 10.0 * rtsp_before.width / camsim::scene_renderer::base_horizontal_fov;
    INFO("expected shift " << expected_shift << " px");

    // The viewer's picture lags the camera by the stream's latency (far more under sanitizers):
    // read frames until one shows where the dome stopped, and give up after 10 s.
    rgb_image rtsp_after = settled_frame(viewer, 600ms);
    const auto give_up = steady::now() + 10s;
    while (std::abs(align(rtsp_before, rtsp_after).shift - expected_shift) > 6.0 &&
           steady::now() < give_up) {
        rtsp_after = settled_frame(viewer, 300ms);
    }

    // Plain blocks, not SECTIONs: Catch would rerun the whole camsim session for each section.
    {  // the RTSP picture is steady while the dome is still
        const alignment still = align(rtsp_still, rtsp_before);
        INFO("shift " << still.shift << " error " << still.error << " at 0 " << still.error_at_0);
        CHECK(std::abs(still.shift) <= 1);
        CHECK(still.error_at_0 < 3.0);
    }
    {  // the RTSP picture pans by the azimuth change
        const alignment pan = align(rtsp_before, rtsp_after);
        INFO("shift " << pan.shift << " error " << pan.error << " at 0 " << pan.error_at_0);
        CHECK(std::abs(pan.shift - expected_shift) <= 6.0);
        CHECK(pan.error < 3.0);
        CHECK(pan.error_at_0 > 10.0);
    }
    {  // the snapshot is steady while the dome is still
        const alignment still = align(jpeg_still, jpeg_before);
        INFO("shift " << still.shift << " error " << still.error << " at 0 " << still.error_at_0);
        CHECK(std::abs(still.shift) <= 1);
        CHECK(still.error_at_0 < 3.0);
    }
    {  // the snapshot pans by the azimuth change
        REQUIRE(jpeg_before.width == rtsp_before.width);
        const alignment pan = align(jpeg_before, jpeg_after);
        INFO("shift " << pan.shift << " error " << pan.error << " at 0 " << pan.error_at_0);
        CHECK(std::abs(pan.shift - expected_shift) <= 6.0);
        CHECK(pan.error < 3.0);
        CHECK(pan.error_at_0 > 10.0);
    }
}
