// The viewer page in a real headless Chromium: it shows the live picture, its "up" button moves
// the camera, and the state on the page follows.

#include <filesystem>

#include "http_fixture.hpp"

using camtwin::test::http_rig;
using json = nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("http viewer page in Chromium shows the picture and moves the camera",
          "[http][browser][slow]") {
    const std::string script = CAMTWIN_SOURCE_DIR "/tests/browser/viewer_page.mjs";
    const std::string modules = CAMTWIN_SOURCE_DIR "/tests/browser/node_modules/puppeteer-core";
    INFO("tests/browser/node_modules is missing: scripts/setup installs it");
    REQUIRE(std::filesystem::exists(modules));
    http_rig rig;
    const auto elevation_before = rig.sim().state()["ptz"]["elevation"].get<double>();

    const auto browsed =
        camtwin::test::run({"/usr/bin/node", script, rig.main(""), "cam1", "up"}, {}, 90s);
    INFO(browsed.out << browsed.err);
    REQUIRE(browsed.exit_code == 0);
    const auto seen = json::parse(browsed.out);
    CHECK(seen["errors"].empty());
    CHECK(seen["picture"]["width"].get<int>() > 0);
    CHECK(seen["message"].get<std::string>().starts_with("move/up: ok"));

    // The click reached the camera: a move up, then the stop, and the view tilted.
    const auto state = rig.sim().state();
    CHECK(state["counters"]["authorised"]["/isapi/ptzctrl/channels/1/continuous"].get<int>() >= 2);
    CHECK(state["ptz"]["elevation"].get<double>() != elevation_before);
}
