#include <catch2/catch.hpp>

#include "camera/camera_error.hpp"
#include "camera_fixture.hpp"

using camtwin::camera::auth_mode;
using camtwin::camera::camera_error;
using camtwin::camera::camera_error_kind;
using camtwin::test::camsim_options;
using camtwin::test::camsim_process;
using camtwin::test::connect;
using namespace std::chrono_literals;

TEST_CASE("hikvision camera reads camsim's documents", "[integration][camera]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto camera = connect(sim);

    const auto info = camera->read_device_info();
    CHECK(info.model == "DS-2DF8425IX-AELW");
    CHECK_FALSE(info.serial_number.empty());
    CHECK(info.raw_xml.starts_with("<?xml"));
    CHECK(camera->auth() == auth_mode::digest);

    const auto channels = camera->read_streaming_channels();
    REQUIRE(channels.size() >= 2);
    CHECK(channels[0].id == 101);
    CHECK(channels[0].codec == "H.264");
    CHECK(channels[0].width > 0);

    const auto caps = camera->read_ptz_capabilities();
    CHECK(caps.azimuth.max == 3600);
    CHECK(caps.zoom.min == 10);
    CHECK(caps.max_presets == 300);
    CHECK(std::find(caps.special_presets.begin(), caps.special_presets.end(), 94) !=
          caps.special_presets.end());

    const auto status = camera->read_ptz_status();
    CHECK(status.zoom >= 10);

    const auto jpeg = camera->read_snapshot(101);
    REQUIRE(jpeg.size() > 100);
    CHECK(static_cast<unsigned char>(jpeg[0]) == 0xFF);
    CHECK(static_cast<unsigned char>(jpeg[1]) == 0xD8);
}

TEST_CASE("hikvision camera answers digest pre-emptively after one challenge",
          "[integration][camera][auth]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto camera = connect(sim);

    for (int i = 0; i < 10; ++i) {
        camera->read_ptz_status();
    }

    const auto counters = sim.state()["counters"];
    CHECK(counters["challenges"] == 1);  // one 401 for the first request, none after
    CHECK(counters["auth_failures"] == 0);
}

TEST_CASE("hikvision camera uses the scheme the camera offers",
          "[integration][camera][auth][slow]") {
    for (const auto& [offered, expected] :
         {std::pair{"digest", auth_mode::digest}, std::pair{"basic", auth_mode::basic},
          std::pair{"both", auth_mode::digest}}) {
        INFO(offered);
        camsim_options options;
        options.auth = offered;
        const camsim_process sim(CAMSIM_BINARY, options);
        auto camera = connect(sim);

        CHECK_NOTHROW(camera->read_device_info());
        CHECK(camera->auth() == expected);
        CHECK(sim.state()["counters"]["auth_failures"] == 0);
    }
}

TEST_CASE("hikvision camera stops after one refused attempt and never trips the lockout",
          "[integration][camera][auth]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto camera = connect(sim, "wrong-password");

    for (int i = 0; i < 20; ++i) {
        try {
            camera->read_device_info();
            FAIL("a wrong password was accepted");
        } catch (const camera_error& error) {
            CHECK(error.kind() == camera_error_kind::unauthorized);
        }
    }

    const auto state = sim.state();
    CHECK(state["counters"]["auth_failures"] == 1);  // the first call; the rest backed off
    CHECK(state["counters"]["locked"] == 0);
    CHECK(state["counters"]["authorised"].empty());
}

TEST_CASE("hikvision camera moves camsim by speed and duration", "[integration][camera][ptz]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto camera = connect(sim);
    const auto start = camera->read_ptz_status();

    // camsim pans 177.8 tenths/s at speed 100 (tests/camsim/README.md): 60 for 500 ms is 53.
    camera->move_momentary(60, 0, 0, 500ms);
    REQUIRE(camtwin::test::eventually([&] { return sim.state()["ptz"]["moving"] == false; }));

    const auto moved = camera->read_ptz_status();
    CHECK((moved.azimuth - start.azimuth + 3600) % 3600 == Approx(53).margin(3));
    CHECK(moved.elevation == start.elevation);
}

TEST_CASE("hikvision camera continuous move runs until the stop", "[integration][camera][ptz]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto camera = connect(sim);

    camera->move_continuous(0, 100, 0);  // tilt up: elevation decreases
    std::this_thread::sleep_for(300ms);
    camera->move_continuous(0, 0, 0);
    const auto stopped = camera->read_ptz_status();
    std::this_thread::sleep_for(200ms);

    CHECK(stopped.elevation < 0);
    CHECK(camera->read_ptz_status() == stopped);
    CHECK(sim.state()["ptz"]["moving"] == false);
}

TEST_CASE("hikvision camera stores and recalls presets", "[integration][camera][ptz][slow]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto camera = connect(sim);

    camera->move_absolute({1200, 100, 20});
    REQUIRE(camtwin::test::eventually([&] { return sim.state()["ptz"]["moving"] == false; }));
    camera->set_preset(5, "gate & <door>");
    camera->goto_home();
    REQUIRE(camtwin::test::eventually([&] { return sim.state()["ptz"]["moving"] == false; }));
    camera->goto_preset(5);
    REQUIRE(camtwin::test::eventually([&] { return sim.state()["ptz"]["moving"] == false; }));

    CHECK(camera->read_ptz_status() == camtwin::camera::ptz_position{1200, 100, 20});
    const auto presets = camera->read_presets();
    const auto gate = std::find_if(presets.begin(), presets.end(),
                                   [](const auto& preset) { return preset.id == 5; });
    REQUIRE(gate != presets.end());
    CHECK(gate->name == "gate & <door>");
}
