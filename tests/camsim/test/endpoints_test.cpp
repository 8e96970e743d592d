#include <pugixml.hpp>

#include <catch2/catch.hpp>

#include "test_camera.hpp"

using namespace camsim;
using namespace camsim::test;

namespace {

pugi::xml_node root_of(pugi::xml_document& doc, const std::string& body) {
    REQUIRE(doc.load_string(body.c_str()));
    return doc.document_element();
}

}  // namespace

TEST_CASE("endpoints deviceInfo answers with the camera's headers and CRLF", "[camsim][http]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    http_result result = client->get(cam.url("/ISAPI/System/deviceInfo"));
    REQUIRE(result.status == 200);
    CHECK(result.headers["server"] == "App-webs/");
    CHECK(result.headers["content-type"] == "application/xml");
    CHECK(result.headers["connection"] == "keep-alive");
    CHECK(result.headers["keep-alive"] == "timeout=10, max=98");  // the 401 used max=99
    CHECK(result.body.find("\r\n<model>DS-2DF8425IX-AELW</model>\r\n") != std::string::npos);
    CHECK(result.body.find("xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"") !=
          std::string::npos);

    pugi::xml_document doc;
    pugi::xml_node root = root_of(doc, result.body);
    CHECK(std::string(root.name()) == "DeviceInfo");
    CHECK(std::string(root.child_value("deviceType")) == "IPDome");
    CHECK(std::string(root.child_value("macAddress")) == "74:3f:c2:00:00:01");
}

TEST_CASE("endpoints match paths case-insensitively and 404 like the camera", "[camsim][http]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    CHECK(client->get(cam.url("/ISAPI/System/deviceinfo")).status == 200);
    CHECK(client->get(cam.url("/isapi/system/DEVICEINFO")).status == 200);

    http_result psia = client->get(cam.url("/PSIA/System/deviceInfo"));
    CHECK(psia.status == 404);
    CHECK(psia.headers["content-type"] == "text/html");
    CHECK(psia.body.find("<title>Document Error: Not Found</title>") != std::string::npos);
    CHECK(psia.body.find("Can't locate document: /PSIA/System/deviceInfo") != std::string::npos);

    CHECK(client->get(cam.url("/ISAPI/Nothing/here")).status == 404);
    CHECK(client->get(cam.url("/ISAPI/Streaming/channels/999")).status == 404);
}

TEST_CASE("endpoints streaming channels report the video sizes", "[camsim][http]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    http_result list = client->get(cam.url("/ISAPI/Streaming/channels"));
    REQUIRE(list.status == 200);
    pugi::xml_document doc;
    pugi::xml_node root = root_of(doc, list.body);
    CHECK(std::string(root.name()) == "StreamingChannelList");
    auto first = root.child("StreamingChannel");
    CHECK(std::string(first.child_value("id")) == "101");
    CHECK(std::string(first.child("Video").child_value("videoResolutionWidth")) == "1280");
    CHECK(std::string(first.child("Video").child_value("maxFrameRate")) == "1500");
    auto second = first.next_sibling("StreamingChannel");
    CHECK(std::string(second.child("Video").child_value("videoResolutionHeight")) == "360");

    for (const char* id : {"101", "1"}) {
        http_result one = client->get(cam.url(std::string("/ISAPI/Streaming/Channels/") + id));
        REQUIRE(one.status == 200);
        pugi::xml_document single;
        CHECK(std::string(root_of(single, one.body).child_value("id")) == "101");
    }
}

TEST_CASE("endpoints picture returns the JPEG of the stream's size", "[camsim][http]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    http_result main = client->get(cam.url("/ISAPI/Streaming/channels/1/picture"));
    REQUIRE(main.status == 200);
    CHECK(main.headers["content-type"] == "image/jpeg; charset=\"UTF-8\"");
    CHECK(main.headers["connection"] == "close");
    CHECK(main.body ==
          "\xff\xd8"
          "1280x720\xff\xd9");

    http_result sub = client->get(cam.url("/ISAPI/Streaming/channels/102/picture"));
    CHECK(sub.body ==
          "\xff\xd8"
          "640x360\xff\xd9");
    http_result sized =
        client->get(cam.url("/ISAPI/Streaming/channels/101/"
                            "picture?videoResolutionWidth=320&videoResolutionHeight=180"));
    CHECK(sized.body ==
          "\xff\xd8"
          "320x180\xff\xd9");
}

TEST_CASE("endpoints system status, userCheck and adminAccesses answer", "[camsim][http]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    struct expectation {
        const char* path;
        const char* root;
    };
    for (expectation e : {expectation{"/ISAPI/System/status", "DeviceStatus"},
                          expectation{"/ISAPI/Security/userCheck", "userCheck"},
                          expectation{"/ISAPI/Security/adminAccesses", "AdminAccessProtocolList"},
                          expectation{"/ISAPI/PTZCtrl/channels", "PTZChannelList"},
                          expectation{"/ISAPI/PTZCtrl/channels/1", "PTZChannel"}}) {
        http_result result = client->get(cam.url(e.path));
        INFO(e.path);
        REQUIRE(result.status == 200);
        pugi::xml_document doc;
        CHECK(std::string(root_of(doc, result.body).name()) == e.root);
    }
    http_result admin = client->get(cam.url("/ISAPI/Security/adminAccesses"));
    CHECK(admin.body.find("<portNo>8554</portNo>") != std::string::npos);
}

TEST_CASE("endpoints refuse the wrong method with methodNotAllowed", "[camsim][http]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    http_result focus = client->get(cam.url("/ISAPI/System/Video/inputs/channels/1/focus"));
    CHECK(focus.status == 403);
    pugi::xml_document doc;
    pugi::xml_node root = root_of(doc, focus.body);
    CHECK(std::string(root.name()) == "ResponseStatus");
    CHECK(std::string(root.child_value("statusCode")) == "6");
    CHECK(std::string(root.child_value("statusString")) == "Invalid Operation");
    CHECK(std::string(root.child_value("subStatusCode")) == "methodNotAllowed");

    CHECK(client->put(cam.url("/ISAPI/System/status"), "<x/>").status == 403);
    CHECK(client->get(cam.url("/ISAPI/PTZCtrl/channels/1/continuous")).status == 403);
    CHECK(client
              ->put(cam.url("/ISAPI/System/Video/inputs/channels/1/focus"),
                    "<FocusData><focus>1</focus></FocusData>")
              .status == 200);
}
