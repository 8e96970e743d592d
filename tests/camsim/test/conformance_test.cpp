// Compares camsim's answers with the real captures in ../shared/isapi-samples/responses: same root
// element, and the child elements a client relies on (contract sections 5 and 6).
#include <filesystem>
#include <iostream>
#include <pugixml.hpp>

#include <catch2/catch.hpp>

#include "test_camera.hpp"

using namespace camsim;
using namespace camsim::test;

namespace {

struct sample_endpoint {
    std::string prefix;                 // of the sample's file name
    std::string path;                   // what camsim is asked
    std::vector<std::string> required;  // element paths below the root, '/' separated
    nlohmann::json faults = nlohmann::json::object();
};

std::vector<sample_endpoint> endpoints() {
    return {
        {"deviceInfo_",
         "/ISAPI/System/deviceInfo",
         {"deviceName", "deviceID", "model", "serialNumber", "macAddress", "firmwareVersion",
          "firmwareReleasedDate", "deviceType"}},
        {"deviceStatus_", "/ISAPI/System/status", {"currentDeviceTime", "deviceUpTime"}},
        {"adminAccesses_",
         "/ISAPI/Security/adminAccesses",
         {"AdminAccessProtocol/protocol", "AdminAccessProtocol/portNo"}},
        {"userCheck_", "/ISAPI/Security/userCheck", {"statusValue", "statusString"}},
        {"ptz_capabilities_",
         "/ISAPI/PTZCtrl/channels/1/capabilities",
         {"AbsolutePanTiltPositionSpace/XRange/Min", "AbsolutePanTiltPositionSpace/YRange/Max",
          "AbsoluteZoomPositionSpace/ZRange/Max", "ContinuousPanTiltSpace/XRange/Min",
          "ContinuousZoomSpace/ZRange/Max", "maxPresetNum", "PresetNameCap/specialNo"}},
        {"ptz_channel_1_", "/ISAPI/PTZCtrl/channels/1", {"id", "enabled"}},
        {"ptz_presets_",
         "/ISAPI/PTZCtrl/channels/1/presets",
         {"PTZPreset/id", "PTZPreset/presetName", "PTZPreset/AbsoluteHigh/azimuth"}},
        {"ptz_status_",
         "/ISAPI/PTZCtrl/channels/1/status",
         {"AbsoluteHigh/elevation", "AbsoluteHigh/azimuth", "AbsoluteHigh/absoluteZoom"}},
        {"streamingChannelList_",
         "/ISAPI/Streaming/channels",
         {"StreamingChannel/id", "StreamingChannel/channelName", "StreamingChannel/enabled",
          "StreamingChannel/Video/videoResolutionWidth", "StreamingChannel/Video/maxFrameRate"}},
        {"streamingChannel_101_",
         "/ISAPI/Streaming/channels/101",
         {"id", "channelName", "enabled", "Video/videoCodecType", "Video/videoResolutionHeight"}},
        {"responseStatus_methodNotAllowed_",
         "/ISAPI/System/Video/inputs/channels/1/focus",
         {"requestURL", "statusCode", "statusString", "subStatusCode"}},
        {"responseStatus_badXmlContent_",
         "/ISAPI/Streaming/channels/101/picture",
         {"requestURL", "statusCode", "subStatusCode"},
         {{"xml_error_200", true}}},
    };
}

// Finds an element path by local names, ignoring namespaces.
bool has_path(pugi::xml_node node, const std::string& path) {
    std::size_t slash = path.find('/');
    std::string head = path.substr(0, slash);
    for (pugi::xml_node child : node.children()) {
        std::string name = child.name();
        std::string local =
            name.substr(name.find(':') == std::string::npos ? 0 : name.find(':') + 1);
        if (local == head &&
            (slash == std::string::npos || has_path(child, path.substr(slash + 1)))) {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("conformance answers have the samples' roots and elements", "[camsim][conformance]") {
    std::filesystem::path dir = std::filesystem::path(CAMTWIN_SAMPLES_DIR) / "responses";
    if (!std::filesystem::is_directory(dir)) {
        std::cout << "conformance: skipped, no samples at " << dir << "\n";
        SUCCEED("samples absent");
        return;
    }

    test_camera cam;
    int compared = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::string file = entry.path().filename().string();
        auto all = endpoints();
        auto match = std::find_if(all.begin(), all.end(), [&](const sample_endpoint& e) {
            return file.rfind(e.prefix, 0) == 0;
        });
        if (match == all.end()) {
            std::cout << "conformance: " << file << " is not an endpoint camsim serves\n";
            continue;
        }

        INFO(file);
        pugi::xml_document sample;
        REQUIRE(sample.load_file(entry.path().c_str()));
        cam.control_post("/reset", nlohmann::json::object());
        cam.faults(match->faults);
        http_result answer = test_camera::digest_client()->get(cam.url(match->path));
        pugi::xml_document ours;
        REQUIRE(ours.load_string(answer.body.c_str()));
        CHECK(std::string(ours.document_element().name()) ==
              std::string(sample.document_element().name()));
        for (const std::string& path : match->required) {
            INFO(path);
            CHECK(has_path(sample.document_element(), path));
            CHECK(has_path(ours.document_element(), path));
        }
        ++compared;
    }
    CHECK(compared >= 10);
}
