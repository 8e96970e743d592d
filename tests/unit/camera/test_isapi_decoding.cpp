#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "camera/camera_error.hpp"
#include "camera/isapi_decoding.hpp"

using namespace camtwin::camera;

namespace {

const std::filesystem::path responses = CAMTWIN_SAMPLES_DIR "/responses";

// The sample's text, or "" (with a printed skip message) when the samples are absent.
std::string sample(const std::string& name) {
    const auto path = responses / name;
    if (!std::filesystem::exists(path)) {
        WARN("skipped: " << path << " is absent (../shared/isapi-samples not checked out)");
        return "";
    }
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

camera_error_kind error_kind(const std::function<void()>& decode) {
    try {
        decode();
    } catch (const camera_error& error) {
        return error.kind();
    }
    FAIL("decoding succeeded");
    return camera_error_kind::unreachable;
}

}  // namespace

TEST_CASE("isapi decoding reads the captured device info documents", "[camera][xml]") {
    const auto ptz = sample("deviceInfo_ptz_DS-2DF8425IX-AELW.xml");
    const auto ipc = sample("deviceInfo_ipc_DS-2CD2386G2-IU.xml");
    if (ptz.empty() || ipc.empty()) {
        return;
    }
    const auto dome = decode_device_info(ptz, "/ISAPI/System/deviceInfo");
    CHECK(dome.model == "DS-2DF8425IX-AELW");
    CHECK(dome.serial_number == "DS-2DF8425IX-AELW20240712CCWRFH3535597");
    CHECK_FALSE(dome.firmware_version.empty());
    CHECK_FALSE(dome.mac_address.empty());
    CHECK(dome.raw_xml == ptz);
    CHECK(decode_device_info(ipc, "/ISAPI/System/deviceInfo").model == "DS-2CD2386G2-IU");
}

TEST_CASE("isapi decoding reads the captured PTZ documents", "[camera][xml]") {
    const auto status = sample("ptz_status_DS-2DF8425IX-AELW.xml");
    const auto presets = sample("ptz_presets_DS-2DF8425IX-AELW.xml");
    const auto caps = sample("ptz_capabilities_DS-2DF8425IX-AELW_excerpt.xml");
    if (status.empty() || presets.empty() || caps.empty()) {
        return;
    }
    CHECK(decode_ptz_status(status, "s") == ptz_position{3202, 182, 172});

    const auto list = decode_presets(presets, "p");
    CHECK(list.size() == 36);
    CHECK(list.front().id == 1);
    CHECK(std::any_of(list.begin(), list.end(), [](const auto& p) { return p.id == 94; }));

    const auto cap = decode_ptz_capabilities(caps, "c");
    CHECK(cap.azimuth.min == 0);
    CHECK(cap.azimuth.max == 3600);
    CHECK(cap.elevation.min == -500);
    CHECK(cap.elevation.max == 600);
    CHECK(cap.zoom.min == 10);
    CHECK(cap.zoom.max == 250);
    CHECK(cap.max_presets == 300);
    CHECK(cap.max_preset_name_length == 20);
    CHECK(cap.special_presets.size() == 29);
    CHECK(cap.special_presets.front() == 33);
}

TEST_CASE("isapi decoding reads the captured streaming channel list", "[camera][xml]") {
    const auto text = sample("streamingChannelList_ptz_DS-2SE4C425MWG-E-26.xml");
    if (text.empty()) {
        return;
    }
    const auto channels = decode_streaming_channels(text, "/ISAPI/Streaming/channels");
    REQUIRE(channels.size() == 5);
    CHECK(channels[0].id == 101);
    CHECK(channels[0].width == 2560);
    CHECK(channels[0].height == 1440);
    CHECK_FALSE(channels[0].codec.empty());
    CHECK(channels[4].id == 202);
}

TEST_CASE("isapi decoding reads the captured ResponseStatus errors", "[camera][xml]") {
    const auto bad_content = sample("responseStatus_badXmlContent_picture.xml");
    const auto not_allowed = sample("responseStatus_methodNotAllowed_403.xml");
    if (bad_content.empty() || not_allowed.empty()) {
        return;
    }
    const auto picture = decode_response_status(bad_content);
    REQUIRE(picture.has_value());
    CHECK(picture->status_code == 6);
    CHECK(picture->sub_status_code == "badXmlContent");
    CHECK_FALSE(picture->ok());
    const auto method = decode_response_status(not_allowed);
    REQUIRE(method.has_value());
    CHECK(method->sub_status_code == "methodNotAllowed");
}

TEST_CASE("isapi decoding matches by local name in any namespace", "[camera][xml]") {
    const char* documents[] = {
        "<PTZStatus><AbsoluteHigh><elevation>1</elevation><azimuth>2</azimuth>"
        "<absoluteZoom>30</absoluteZoom></AbsoluteHigh></PTZStatus>",
        "<PTZStatus xmlns=\"http://www.isapi.org/ver20/XMLSchema\"><AbsoluteHigh><absoluteZoom>30"
        "</absoluteZoom><azimuth>2</azimuth><extra/><elevation>1</elevation></AbsoluteHigh>"
        "</PTZStatus>",
        "<h:PTZStatus xmlns:h=\"http://www.hikvision.com/ver10/XMLSchema\"><h:AbsoluteHigh>"
        "<h:elevation> 1 </h:elevation><h:azimuth>2</h:azimuth><h:absoluteZoom>30</h:absoluteZoom>"
        "</h:AbsoluteHigh></h:PTZStatus>",
    };
    for (const auto* document : documents) {
        INFO(document);
        CHECK(decode_ptz_status(document, "s") == ptz_position{2, 1, 30});
    }
}

TEST_CASE("isapi decoding refuses hostile and broken documents", "[camera][xml]") {
    const std::string status_head = "<PTZStatus><AbsoluteHigh><elevation>1</elevation>";
    CHECK(error_kind([] { decode_ptz_status("<PTZStatus><AbsoluteHigh><elev", "s"); }) ==
          camera_error_kind::bad_response);
    CHECK(error_kind([] { decode_ptz_status("", "s"); }) == camera_error_kind::bad_response);
    CHECK(error_kind([] { decode_ptz_status("<DeviceInfo/>", "s"); }) ==
          camera_error_kind::bad_response);
    CHECK(error_kind([] { decode_ptz_status("<PTZStatus/>", "s"); }) ==
          camera_error_kind::bad_response);
    CHECK(error_kind([&] {
              decode_ptz_status(status_head +
                                    "<azimuth>abc</azimuth><absoluteZoom>10"
                                    "</absoluteZoom></AbsoluteHigh></PTZStatus>",
                                "s");
          }) == camera_error_kind::bad_response);
    CHECK(error_kind([&] {
              decode_ptz_status(status_head +
                                    "<azimuth>99999999999999</azimuth><absoluteZoom>10"
                                    "</absoluteZoom></AbsoluteHigh></PTZStatus>",
                                "s");
          }) == camera_error_kind::bad_response);
    CHECK(error_kind([&] {
              decode_ptz_status(status_head +
                                    "<absoluteZoom>10</absoluteZoom></AbsoluteHigh>"
                                    "</PTZStatus>",
                                "s");
          }) == camera_error_kind::bad_response);
}

TEST_CASE("isapi decoding does not expand entities", "[camera][xml]") {
    const std::string external =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<DeviceInfo><model>&x;</model></DeviceInfo>";
    const std::string laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
        "<DeviceInfo><model>&c;</model></DeviceInfo>";

    CHECK(decode_device_info(external, "i").model.find("root:") == std::string::npos);
    CHECK(decode_device_info(laughs, "i").model.size() < 10);
}

TEST_CASE("isapi decoding survives deep nesting and huge documents", "[camera][xml]") {
    std::string open;
    std::string close;
    for (int i = 0; i < 100000; ++i) {
        open += "<a>";
        close += "</a>";
    }
    CHECK(decode_device_info("<DeviceInfo>" + open + close + "</DeviceInfo>", "i").model.empty());
    CHECK(error_kind([&] { decode_device_info("<DeviceInfo>" + open, "i"); }) ==
          camera_error_kind::bad_response);

    const std::string huge_name(8 * 1024 * 1024, 'x');
    CHECK(decode_device_info("<DeviceInfo><model>" + huge_name + "</model></DeviceInfo>", "i")
              .model.size() == huge_name.size());
}

TEST_CASE("isapi decoding parses specialNo lists leniently", "[camera][xml]") {
    CHECK(parse_id_list("33,34,94") == std::vector<int>{33, 34, 94});
    CHECK(parse_id_list("") == std::vector<int>{});
    CHECK(parse_id_list("1,,x,2,-3,4 ") == std::vector<int>{1, 2, -3});
    CHECK(parse_id_list(std::string(100000, ',')).empty());
}
