#include <catch2/catch.hpp>

#include "ptz_requests.hpp"

using namespace camsim;

TEST_CASE("requests parse the bodies real clients send", "[camsim][ptz]") {
    auto shifu = requests::continuous(
        "<?xml version=\"1.0\"?><PTZData><pan>0</pan>"
        "<tilt>60</tilt></PTZData>");
    CHECK(shifu.error == body_error::none);
    CHECK(shifu.value.tilt == 60);

    auto pyro = requests::continuous(
        "<PTZData version='2.0' xmlns='http://www.hikvision.com/ver20/XMLSchema'>"
        "<pan>-40</pan><tilt>0</tilt><zoom>0</zoom></PTZData>");
    CHECK(pyro.error == body_error::none);
    CHECK(pyro.value.pan == -40);

    auto zm = requests::momentary(
        "<PTZData><pan>-50</pan><Momentary><duration>500</duration></Momentary></PTZData>");
    CHECK(zm.error == body_error::none);
    CHECK(zm.value.duration_ms == 500);

    auto absolute = requests::absolute(
        "<PTZData><AbsoluteHigh><elevation>182</elevation><azimuth>3202</azimuth>"
        "<absoluteZoom>172</absoluteZoom></AbsoluteHigh></PTZData>");
    CHECK(absolute.error == body_error::none);
    CHECK(absolute.value.azimuth == 3202);

    auto preset =
        requests::preset("<PTZPreset><id>3</id><presetName>pos3</presetName></PTZPreset>");
    CHECK(preset.error == body_error::none);
    CHECK(preset.value.id == 3);
    CHECK(preset.value.name == "pos3");
}

TEST_CASE("requests tell malformed from wrong documents", "[camsim][ptz]") {
    CHECK(requests::continuous("").error == body_error::bad_format);
    CHECK(requests::continuous("<PTZData><pan>").error == body_error::bad_format);
    CHECK(requests::continuous("<Other><pan>1</pan></Other>").error == body_error::bad_content);
    CHECK(requests::continuous("<PTZData/>").error == body_error::bad_content);
    CHECK(requests::continuous("<PTZData><pan>fast</pan></PTZData>").error ==
          body_error::bad_content);
    CHECK(requests::momentary("<PTZData><pan>5</pan></PTZData>").error == body_error::bad_content);
    CHECK(requests::absolute("<PTZData><AbsoluteHigh><azimuth>1</azimuth></AbsoluteHigh>"
                             "</PTZData>")
              .error == body_error::bad_content);
    CHECK(requests::relative("<PTZData></PTZData>").error == body_error::bad_content);
    CHECK(requests::expect_root("<FocusData><focus>1</focus></FocusData>", "FocusData") ==
          body_error::none);
}
