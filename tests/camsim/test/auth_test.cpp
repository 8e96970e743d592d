#include <catch2/catch.hpp>

#include "digest.hpp"
#include "test_camera.hpp"

using namespace camsim;
using namespace camsim::test;

TEST_CASE("auth digest challenge looks like the camera's", "[camsim][auth]") {
    test_camera cam;
    curl_client anonymous;

    http_result first = anonymous.get(cam.url("/ISAPI/System/deviceInfo"));
    CHECK(first.status == 401);
    CHECK(first.headers["content-type"] == "text/html");
    CHECK(first.body.size() == 178);
    CHECK(first.body.find("Access Error: 401 -- Unauthorized") != std::string::npos);
    std::string challenge = first.headers["www-authenticate"];
    CHECK(challenge.rfind("Digest qop=\"auth\", realm=\"IP Camera(83813)\", nonce=\"", 0) == 0);
    CHECK(challenge.find("stale=\"FALSE\"") != std::string::npos);

    http_result second = anonymous.get(cam.url("/ISAPI/System/deviceInfo"));
    CHECK(second.headers["www-authenticate"] != challenge);  // a fresh nonce per 401
    CHECK(cam.state()["counters"]["auth_failures"] == 0);    // bare requests do not count
}

TEST_CASE("auth digest reuses the nonce without new challenges", "[camsim][auth]") {
    test_camera cam;
    auto client = test_camera::digest_client();

    for (int i = 0; i < 3; ++i) {
        CHECK(client->get(cam.url("/ISAPI/System/status")).status == 200);
    }
    CHECK(client
              ->put(cam.url("/ISAPI/PTZCtrl/channels/1/continuous"),
                    "<PTZData><pan>0</pan></PTZData>")
              .status == 200);
    nlohmann::json counters = cam.state()["counters"];
    CHECK(counters["challenges"] == 1);
    CHECK(counters["requests"]["/isapi/system/status"] == 3 + 1);
    CHECK(counters["authorised"]["/isapi/system/status"] == 3);
}

TEST_CASE("auth refuses a replayed nc without counting it", "[camsim][auth]") {
    test_camera cam;
    curl_client probe;
    std::string challenge = probe.get(cam.url("/ISAPI/System/status")).headers["www-authenticate"];
    auto params = digest::parse_params(digest::split_scheme(challenge).second);
    REQUIRE(params);

    std::string ha1 = digest::ha1(user, "IP Camera(83813)", password);
    std::string uri = "/ISAPI/System/status";
    std::string response =
        digest::response(ha1, params->at("nonce"), "00000001", "abcd", "auth", "GET", uri);
    std::string header =
        "Authorization: Digest username=\"admin\", realm=\"IP Camera(83813)\", "
        "nonce=\"" +
        params->at("nonce") + "\", uri=\"" + uri + "\", response=\"" + response +
        "\", qop=auth, nc=00000001, cnonce=\"abcd\"";
    curl_client manual;
    manual.set_header(header);
    CHECK(manual.get(cam.url(uri)).status == 200);
    CHECK(manual.get(cam.url(uri)).status == 401);
    CHECK(cam.state()["counters"]["stale"] == 1);
    CHECK(cam.state()["counters"]["auth_failures"] == 0);
}

TEST_CASE("auth basic and both modes", "[camsim][auth]") {
    camera_options options = test_camera::default_options();
    options.auth.mode = auth_mode::basic;
    test_camera cam(options);

    curl_client basic;
    basic.set_auth(CURLAUTH_BASIC, user, password);
    CHECK(basic.get(cam.url("/ISAPI/System/deviceInfo")).status == 200);
    auto digest_only = test_camera::digest_client();
    http_result refused = digest_only->get(cam.url("/ISAPI/System/deviceInfo"));
    CHECK(refused.status == 401);
    CHECK(refused.headers["www-authenticate"].rfind("Basic realm=", 0) == 0);

    REQUIRE(cam.faults({{"auth", "both"}}) == 200);
    curl_client anonymous;
    CHECK(anonymous.get(cam.url("/ISAPI/System/deviceInfo")).www_authenticate == 2);
    auto digest = test_camera::digest_client();
    CHECK(digest->get(cam.url("/ISAPI/System/deviceInfo")).status == 200);
    CHECK(basic.get(cam.url("/ISAPI/System/deviceInfo")).status == 200);

    REQUIRE(cam.faults({{"auth", "digest"}}) == 200);
    curl_client basic_again;
    basic_again.set_auth(CURLAUTH_BASIC, user, password);
    CHECK(basic_again.get(cam.url("/ISAPI/System/deviceInfo")).status == 401);
}

TEST_CASE("auth echoes the opaque when it sends one", "[camsim][auth]") {
    camera_options options = test_camera::default_options();
    options.auth.send_opaque = true;
    test_camera cam(options);

    curl_client anonymous;
    CHECK(anonymous.get(cam.url("/x")).headers["www-authenticate"].find("opaque=\"") !=
          std::string::npos);
    CHECK(test_camera::digest_client()->get(cam.url("/ISAPI/System/status")).status == 200);
}

TEST_CASE("auth locks an address out after failures and unlocks later", "[camsim][auth][slow]") {
    camera_options options = test_camera::default_options();
    options.auth.lockout_attempts = 3;
    options.auth.lockout_time = std::chrono::milliseconds(1000);
    test_camera cam(options);

    curl_client wrong;
    wrong.set_auth(CURLAUTH_DIGEST, user, "wrong");
    for (int i = 0; i < 3; ++i) {
        CHECK(wrong.get(cam.url("/ISAPI/System/status")).status == 401);
    }
    nlohmann::json state = cam.state();
    CHECK(state["counters"]["auth_failures"] == 3);
    CHECK(state["auth"]["addresses"]["127.0.0.1"]["locked"] == true);

    auto right = test_camera::digest_client();
    CHECK(right->get(cam.url("/ISAPI/System/status")).status == 401);  // even the right password
    CHECK(cam.state()["counters"]["locked"].get<int>() >= 1);

    CHECK(eventually([&] { return right->get(cam.url("/ISAPI/System/status")).status == 200; },
                     std::chrono::seconds(3)));
    CHECK(cam.state()["auth"]["addresses"].empty());  // success resets the count
}
