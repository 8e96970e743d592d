// HLS in a real headless Chromium: the viewer page plays the camera's stream, remuxed by
// camtwin, through hls.js, for ten seconds.

#include <filesystem>

#include "../http/http_fixture.hpp"

using camtwin::test::http_rig;
using json = nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("media viewer page in Chromium plays the device's HLS", "[media][browser][slow]") {
    const std::string script = CAMTWIN_SOURCE_DIR "/tests/browser/viewer_hls.mjs";
    const std::string modules = CAMTWIN_SOURCE_DIR "/tests/browser/node_modules/puppeteer-core";
    INFO("tests/browser/node_modules is missing: scripts/setup installs it");
    REQUIRE(std::filesystem::exists(modules));
    // The sub stream (640x360) keeps Chromium's software decoder well within a shared machine.
    http_rig::options options;
    options.device_yaml =
        "    stream:\n"
        "      rtsp_url: \"{rtsp_sub}\"\n"
        "      hls: {segment_s: 1, window: 6}\n";
    http_rig rig(options);

    const auto browsed =
        camtwin::test::run({"/usr/bin/node", script, rig.main(""), "cam1"}, {}, 90s);
    INFO(browsed.out << browsed.err);
    REQUIRE(browsed.exit_code == 0);
    const auto seen = json::parse(browsed.out);
    CHECK(seen["errors"].empty());
    CHECK(seen["message"] == "");
    const auto& start = seen["start"];
    const auto& end = seen["end"];
    CHECK(end["player"] == "hls.js");
    CHECK(end["readyState"] == 4);
    CHECK(end["width"] == 640);
    // Ten seconds watched: the playhead moved on and new frames were decoded.
    CHECK(end["currentTime"].get<double>() > start["currentTime"].get<double>() + 5.0);
    const int decoded = end["decoded"].get<int>() - start["decoded"].get<int>();
    CHECK(decoded > 50);
    // TODO(#7): headless Chromium drops 2 of about 155 frames in every such window here (the
    // same 2 in every run on an idle machine); find why and require none. Until then the bound
    // is 2 %.
    const int dropped = end["dropped"].get<int>() - start["dropped"].get<int>();
    CHECK(dropped * 50 <= decoded);
}
