#include <pugixml.hpp>

#include <catch2/catch.hpp>

#include "test_camera.hpp"

using namespace camsim;
using namespace camsim::test;

namespace {

const std::string ptz = "/ISAPI/PTZCtrl/channels/1";

ptz_position status_of(curl_client& client, const test_camera& cam) {
    http_result result = client.get(cam.url(ptz + "/status"));
    pugi::xml_document doc;
    doc.load_string(result.body.c_str());
    pugi::xml_node high = doc.document_element().child("AbsoluteHigh");
    return {high.child("azimuth").text().as_int(), high.child("elevation").text().as_int(),
            high.child("absoluteZoom").text().as_int()};
}

std::string sub_status(const http_result& result) {
    pugi::xml_document doc;
    doc.load_string(result.body.c_str());
    return doc.document_element().child_value("subStatusCode");
}

}  // namespace

TEST_CASE("ptz endpoints capabilities describe the dome", "[camsim][ptz]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    http_result result = client->get(cam.url(ptz + "/capabilities"));
    REQUIRE(result.status == 200);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(result.body.c_str()));
    pugi::xml_node root = doc.document_element();
    CHECK(std::string(root.name()) == "PTZChanelCap");
    CHECK(root.child("AbsoluteZoomPositionSpace").child("ZRange").child("Max").text().as_int() ==
          250);
    CHECK(root.child("AbsolutePanTiltPositionSpace").child("YRange").child("Min").text().as_int() ==
          -500);
    std::string special = root.child("PresetNameCap").child("specialNo").attribute("opt").value();
    CHECK(special.rfind("33,34,", 0) == 0);
    CHECK(special.find(",90,92,93,94,") != std::string::npos);
}

TEST_CASE("ptz endpoints follow the model's own special presets", "[camsim][ptz]") {
    camera_options options = test_camera::default_options();
    options.special_presets = {48, 33, 47};
    test_camera cam(options);
    auto client = test_camera::digest_client();

    http_result caps = client->get(cam.url(ptz + "/capabilities"));
    pugi::xml_document doc;
    REQUIRE(doc.load_string(caps.body.c_str()));
    CHECK(std::string(doc.document_element()
                          .child("PresetNameCap")
                          .child("specialNo")
                          .attribute("opt")
                          .value()) == "33,47,48");
    CHECK(client->put(cam.url(ptz + "/presets/47"), "<PTZPreset><id>47</id></PTZPreset>").status ==
          403);
    CHECK(client->put(cam.url(ptz + "/presets/40"), "<PTZPreset><id>40</id></PTZPreset>").status ==
          200);
}

TEST_CASE("ptz endpoints continuous move changes the status until stopped", "[camsim][ptz]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    http_result moved = client->put(cam.url(ptz + "/continuous"),
                                    "<PTZData><pan>100</pan><tilt>0</tilt></PTZData>");
    REQUIRE(moved.status == 200);
    CHECK(sub_status(moved) == "ok");
    CHECK(eventually([&] { return status_of(*client, cam).azimuth > 10; }));

    client->put(cam.url(ptz + "/continuous"), "<PTZData><pan>0</pan><tilt>0</tilt></PTZData>");
    ptz_position stopped = status_of(*client, cam);
    CHECK(cam.state()["ptz"]["moving"] == false);
    CHECK(status_of(*client, cam).azimuth == stopped.azimuth);
}

TEST_CASE("ptz endpoints momentary stops by itself on either spelling", "[camsim][ptz]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    for (const char* path : {"/momentary", "/Momentary"}) {
        http_result result = client->put(
            cam.url(ptz + path),
            "<PTZData><zoom>100</zoom><Momentary><duration>100</duration></Momentary></PTZData>");
        CHECK(result.status == 200);
        CHECK(eventually([&] { return cam.state()["ptz"]["moving"] == false; }));
    }
    CHECK(status_of(*client, cam).zoom > 10);
    CHECK(client->put(cam.url(ptz + "/momentary"), "").status == 400);
}

TEST_CASE("ptz endpoints absolute move shows motion then arrives", "[camsim][ptz]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    http_result result = client->put(cam.url(ptz + "/absolute"),
                                     "<PTZData><AbsoluteHigh><elevation>100</elevation>"
                                     "<azimuth>1200</azimuth><absoluteZoom>40</absoluteZoom>"
                                     "</AbsoluteHigh></PTZData>");
    REQUIRE(result.status == 200);
    CHECK(cam.state()["ptz"]["moving"] == true);
    CHECK(eventually([&] {
        ptz_position p = status_of(*client, cam);
        return p.azimuth == 1200 && p.elevation == 100 && p.zoom == 40;
    }));

    client->put(cam.url(ptz + "/relative"),
                "<PTZData><Relative><positionX>100</positionX><positionY>0</positionY>"
                "<relativeZoom>0</relativeZoom></Relative></PTZData>");
    CHECK(eventually([&] { return status_of(*client, cam).azimuth == 1300; }));

    REQUIRE(cam.faults({{"relative_404", true}}) == 200);
    CHECK(client->put(cam.url(ptz + "/relative"), "<PTZData/>").status == 404);
}

TEST_CASE("ptz endpoints reject malformed and wrong documents", "[camsim][ptz]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    http_result malformed = client->put(cam.url(ptz + "/continuous"), "<PTZData><pan>");
    CHECK(malformed.status == 400);
    CHECK(sub_status(malformed) == "badXmlFormat");
    http_result wrong =
        client->put(cam.url(ptz + "/absolute"), "<PTZPreset><id>1</id></PTZPreset>");
    CHECK(wrong.status == 400);
    CHECK(sub_status(wrong) == "badXmlContent");
}

TEST_CASE("ptz endpoints presets store, list and travel", "[camsim][ptz]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    client->put(cam.url(ptz + "/absolute"),
                "<PTZData><AbsoluteHigh><elevation>50</elevation><azimuth>300</azimuth>"
                "<absoluteZoom>10</absoluteZoom></AbsoluteHigh></PTZData>");
    REQUIRE(eventually([&] { return status_of(*client, cam).azimuth == 300; }));
    REQUIRE(client
                ->put(cam.url(ptz + "/presets/3"),
                      "<PTZPreset><id>3</id><presetName>pos3</presetName></PTZPreset>")
                .status == 200);

    http_result list = client->get(cam.url(ptz + "/presets"));
    pugi::xml_document doc;
    REQUIRE(doc.load_string(list.body.c_str()));
    int count = 0;
    for (pugi::xml_node p : doc.document_element().children("PTZPreset")) {
        ++count;
        if (p.child("id").text().as_int() == 3) {
            CHECK(std::string(p.child_value("presetName")) == "pos3");
            CHECK(p.child("AbsoluteHigh").child("azimuth").text().as_int() == 300);
        }
    }
    CHECK(count == 1 + 29);  // one user preset and every special one
    CHECK(list.body.find("<presetName>Remote reboot</presetName>") != std::string::npos);

    client->put(cam.url(ptz + "/homeposition/goto"), "");
    REQUIRE(eventually([&] { return status_of(*client, cam).azimuth == 0; }));
    REQUIRE(client->put(cam.url(ptz + "/presets/3/goto"), "").status == 200);
    CHECK(eventually([&] { return status_of(*client, cam).azimuth == 300; }));
}

TEST_CASE("ptz endpoints refuse special, undefined and badly named presets", "[camsim][ptz]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    http_result special =
        client->put(cam.url(ptz + "/presets/33"), "<PTZPreset><id>33</id></PTZPreset>");
    CHECK(special.status == 403);
    CHECK(sub_status(special) == "invalidOperation");
    http_result undefined = client->put(cam.url(ptz + "/presets/7/goto"), "");
    CHECK(undefined.status == 403);
    CHECK(sub_status(undefined) == "invalidOperation");
    CHECK(client->put(cam.url(ptz + "/presets/301"), "<PTZPreset/>").status == 403);
    CHECK(client
              ->put(cam.url(ptz + "/presets/4"),
                    "<PTZPreset><presetName>a name longer than twenty</presetName></PTZPreset>")
              .status == 400);
    CHECK(client->put(cam.url(ptz + "/presets/4"), "<PTZPreset><id>5</id></PTZPreset>").status ==
          400);
}

TEST_CASE("ptz endpoints preset 94 reboots the camera", "[camsim][ptz][slow]") {
    test_camera cam;  // reboot_time is 300 ms
    auto client = test_camera::digest_client();

    client->put(cam.url(ptz + "/continuous"), "<PTZData><pan>50</pan></PTZData>");
    REQUIRE(client->put(cam.url(ptz + "/presets/94/goto"), "").status == 200);
    CHECK(cam.state()["away"] == true);
    CHECK(cam.state()["ptz"]["moving"] == false);

    curl_client fresh;
    fresh.set_auth(CURLAUTH_DIGEST, user, password);
    CHECK(fresh.get(cam.url("/ISAPI/System/deviceInfo")).code == CURLE_COULDNT_CONNECT);
    CHECK(eventually([&] { return fresh.get(cam.url("/ISAPI/System/deviceInfo")).status == 200; }));
    CHECK(cam.state()["counters"]["reboots"] == 1);
}
