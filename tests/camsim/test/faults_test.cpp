#include <pugixml.hpp>

#include <catch2/catch.hpp>

#include "test_camera.hpp"

using namespace camsim;
using namespace camsim::test;

namespace {

const std::string info = "/ISAPI/System/deviceInfo";

}  // namespace

TEST_CASE("faults latency delays every answer", "[camsim][faults]") {
    test_camera cam;
    auto client = test_camera::digest_client();
    REQUIRE(cam.faults({{"latency_ms", 150}}) == 200);

    auto start = std::chrono::steady_clock::now();
    CHECK(client->get(cam.url(info)).status == 200);  // a 401 and a 200: two delays
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
}

TEST_CASE("faults error rate answers 500 or 503", "[camsim][faults]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    REQUIRE(cam.faults({{"error_rate", 1.0}, {"error_status", 503}}) == 200);
    http_result busy = client->get(cam.url(info));
    CHECK(busy.status == 503);
    CHECK(busy.body.find("<subStatusCode>deviceBusy</subStatusCode>") != std::string::npos);

    REQUIRE(cam.faults({{"error_status", 500}}) == 200);
    CHECK(client->get(cam.url(info)).status == 500);
    REQUIRE(cam.faults({{"error_rate", 0.0}}) == 200);
    CHECK(client->get(cam.url(info)).status == 200);
}

TEST_CASE("faults spoil XML bodies", "[camsim][faults]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    REQUIRE(cam.faults({{"garbage_xml", true}}) == 200);
    pugi::xml_document doc;
    CHECK_FALSE(doc.load_string(client->get(cam.url(info)).body.c_str()));

    REQUIRE(cam.faults({{"garbage_xml", false}, {"truncated_xml", true}}) == 200);
    http_result cut = client->get(cam.url(info));
    CHECK(cut.status == 200);
    CHECK_FALSE(doc.load_string(cut.body.c_str()));

    REQUIRE(cam.faults({{"truncated_xml", false}, {"xml_error_200", true}}) == 200);
    http_result error = client->get(cam.url("/ISAPI/Streaming/channels/101/picture"));
    CHECK(error.status == 200);
    REQUIRE(doc.load_string(error.body.c_str()));
    CHECK(std::string(doc.document_element().child_value("statusCode")) == "6");
}

TEST_CASE("faults namespace switches", "[camsim][faults]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    REQUIRE(cam.faults({{"namespace", "isapi"}}) == 200);
    CHECK(client->get(cam.url(info)).body.find("http://www.isapi.org/ver20/XMLSchema") !=
          std::string::npos);
    REQUIRE(cam.faults({{"namespace", "none"}}) == 200);
    CHECK(client->get(cam.url(info)).body.find("xmlns") == std::string::npos);
    CHECK(cam.faults({{"namespace", "bogus"}}) == 400);
    CHECK(cam.faults({{"no_such_fault", 1}}) == 400);
}

TEST_CASE("faults reset connections", "[camsim][faults]") {
    test_camera cam;
    REQUIRE(cam.faults({{"reset_rate", 1.0}}) == 200);
    auto client = test_camera::digest_client();
    http_result result = client->get(cam.url(info));
    CHECK(result.code != CURLE_OK);
    CHECK(cam.state()["counters"]["resets"] == 1);
}

TEST_CASE("faults stop the stream through the video hook", "[camsim][faults]") {
    test_camera cam;
    REQUIRE(cam.faults({{"stream", false}}) == 200);
    CHECK_FALSE(cam.streaming());
    REQUIRE(cam.faults({{"stream", true}}) == 200);
    CHECK(cam.streaming());
}

TEST_CASE("faults away refuses connections and comes back on the same port", "[camsim][faults]") {
    test_camera cam;
    auto client = test_camera::digest_client();
    REQUIRE(client->get(cam.url(info)).status == 200);

    REQUIRE(cam.faults({{"away", true}}) == 200);
    curl_client probe;
    CHECK(probe.get(cam.url(info)).code == CURLE_COULDNT_CONNECT);
    CHECK(cam.state()["away"] == true);  // the control port stays up

    REQUIRE(cam.faults({{"away", false}}) == 200);
    CHECK(client->get(cam.url(info)).status == 200);

    REQUIRE(cam.faults({{"away_for_ms", 200}}) == 200);
    CHECK(probe.get(cam.url(info)).code == CURLE_COULDNT_CONNECT);
    CHECK(eventually([&] { return client->get(cam.url(info)).status == 200; }));
}

TEST_CASE("faults lockout settings and reset through the control API", "[camsim][faults]") {
    test_camera cam;
    REQUIRE(cam.faults({{"lockout_attempts", 1}, {"lockout_seconds", 60}}) == 200);
    curl_client wrong;
    wrong.set_auth(CURLAUTH_DIGEST, user, "wrong");
    wrong.get(cam.url(info));
    CHECK(cam.state()["auth"]["addresses"]["127.0.0.1"]["locked"] == true);

    REQUIRE(cam.control_post("/reset", nlohmann::json::object()) == 200);
    nlohmann::json state = cam.state();
    CHECK(state["auth"]["addresses"].empty());
    CHECK(state["auth"]["lockout_attempts"] == 7);
    CHECK(state["counters"]["challenges"] == 0);
    CHECK(test_camera::digest_client()->get(cam.url(info)).status == 200);
}
