// camtwin's own HTTP API on the main listener: devices, status, commands with JSON results,
// health, readiness, metrics and the viewer page.

#include "http_fixture.hpp"

using camtwin::test::curl_client;
using camtwin::test::eventually;
using camtwin::test::http_rig;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

// A command the way the viewer page sends it.
json post_command(curl_client& client, const std::string& url, long expected_status) {
    const auto answer = client.request("POST", url, "");
    INFO(url << " -> " << answer.status << " " << answer.body);
    CHECK(answer.status == expected_status);
    CHECK(answer.headers.at("content-type") == "application/json");
    return json::parse(answer.body);
}

double metric(const std::string& page, const std::string& series) {
    const auto at = page.find("\n" + series + " ");
    if (at == std::string::npos) {
        return 0.0;
    }
    return std::stod(page.substr(at + series.size() + 2));
}

}  // namespace

TEST_CASE("http api lists devices and their state", "[http][slow]") {
    http_rig rig;
    curl_client client;
    const auto devices = client.get(rig.main("/devices"));
    CHECK(devices.status == 200);
    const auto list = json::parse(devices.body);
    REQUIRE(list.size() == 1);
    CHECK(list[0]["device"] == "cam1");
    CHECK(list[0]["health"] == "online");
    CHECK(list[0]["viewers"]["mjpeg"] == 0);

    const auto status = json::parse(client.get(rig.main("/devices/cam1/status")).body);
    CHECK(status["health"] == "online");
    CHECK(status["auth_scheme"] == "digest");
    CHECK(status.contains("ptz"));

    const auto unknown = client.get(rig.main("/devices/cam9/status"));
    CHECK(unknown.status == 404);
    CHECK(json::parse(unknown.body)["code"] == "unknown_device");
}

TEST_CASE("http api commands answer JSON results with the MQTT codes", "[http][slow]") {
    http_rig rig;
    curl_client client;
    client.set_header("Accept: application/json");

    auto result =
        post_command(client, rig.main("/devices/cam1/move/up-right?speed=35&duration_ms=800"), 200);
    CHECK(result["ok"] == true);
    CHECK(result["command"] == "move/up-right");
    const auto ptz = rig.sim().state()["ptz"];
    CHECK(ptz["velocity"]["pan"] == 35);
    CHECK(ptz["velocity"]["tilt"] == 35);

    CHECK(post_command(client, rig.main("/devices/cam1/stop"), 200)["ok"] == true);
    CHECK(rig.sim().state()["ptz"]["moving"] == false);
    CHECK(post_command(client, rig.main("/devices/cam1/zoom/in?duration_ms=100"), 200)["command"] ==
          "zoom/in");
    CHECK(post_command(client, rig.main("/devices/cam1/home"), 200)["ok"] == true);

    // A Shifu move asked for JSON answers JSON, with the same codes as MQTT.
    struct refusal {
        const char* path;
        long status;
        const char* code;
    };
    for (const auto& [path, status, code] : {
             refusal{"/devices/cam1/move/up?speed=101", 400, "out_of_range"},
             refusal{"/devices/cam1/move/up?speed=fast", 400, "wrong_type"},
             refusal{"/devices/cam1/move/up?duration_ms=999999", 400, "out_of_range"},
             refusal{"/devices/cam1/preset/34", 403, "refused"},
             refusal{"/devices/cam1/preset/gate", 400, "out_of_range"},
             refusal{"/devices/cam1/move/sideways", 404, "unknown_command"},
             refusal{"/devices/cam1/zoom/up", 404, "unknown_command"},
         }) {
        INFO(path);
        result = post_command(client, rig.main(path), status);
        CHECK(result["code"] == code);
    }

    rig.sim().set_faults({{"away", true}});
    client.set_timeout_ms(20000);
    result = post_command(client, rig.main("/devices/cam1/home"), 502);
    CHECK(result["code"] == "camera_unreachable");
}

TEST_CASE("http healthz is always up, readyz follows the broker only", "[http][slow]") {
    http_rig rig;
    curl_client client;
    CHECK(client.get(rig.main("/healthz")).status == 200);
    REQUIRE(eventually([&] { return client.get(rig.main("/readyz")).status == 200; }, 10s));
    auto ready = json::parse(client.get(rig.main("/readyz")).body);
    CHECK(ready["ready"] == true);
    CHECK(ready["devices"]["cam1"] == "online");

    // A camera that is down leaves camtwin ready, and says so per device.
    rig.sim().set_faults({{"away", true}});
    REQUIRE(eventually(
        [&] {
            return json::parse(client.get(rig.main("/readyz")).body)["devices"]["cam1"] ==
                   "unreachable";
        },
        10s));
    CHECK(client.get(rig.main("/readyz")).status == 200);

    rig.broker().stop();
    REQUIRE(eventually([&] { return client.get(rig.main("/readyz")).status == 503; }, 10s));
    ready = json::parse(client.get(rig.main("/readyz")).body);
    CHECK(ready["broker"] == "disconnected");
    CHECK(client.get(rig.main("/healthz")).status == 200);
}

TEST_CASE("http metrics pass promtool and move with the requests", "[http][slow]") {
    http_rig rig;
    curl_client client;
    const auto before = client.get(rig.main("/metrics"));
    CHECK(before.status == 200);
    CHECK(before.headers.at("content-type") == "text/plain; version=0.0.4; charset=utf-8");

    CHECK(client.get(rig.device("/move/left")).status == 200);
    CHECK(client.get(rig.device("/nothing")).status == 404);
    const auto after = client.get(rig.main("/metrics")).body;

    const std::string moves =
        "camtwin_commands_total{front=\"http\",device=\"cam1\",command=\"move/left\",code=\"ok\"}";
    CHECK(metric(before.body, moves) == 0.0);
    CHECK(metric(after, moves) == 1.0);
    CHECK(metric(after,
                 "camtwin_http_requests_total{listener=\"device:cam1\",route=\"not_found\","
                 "status=\"404\"}") == 1.0);
    CHECK(metric(after, "camtwin_device_health{device=\"cam1\",health=\"online\"}") == 1.0);
    CHECK(metric(after, "camtwin_mqtt_connected") == 1.0);
    CHECK(after.find(
              "camtwin_camera_request_duration_seconds_bucket{device=\"cam1\",call=\"move\"") !=
          std::string::npos);

    const camtwin::test::temp_dir dir;
    const auto page = dir.write("metrics.txt", after);
    const auto checked =
        camtwin::test::run({"/bin/sh", "-c", "promtool check metrics < " + page.string()});
    INFO(checked.out << checked.err);
    CHECK(checked.exit_code == 0);
}

TEST_CASE("http viewer page is served at /", "[http][slow]") {
    http_rig rig;
    curl_client client;
    const auto page = client.get(rig.main("/"));
    CHECK(page.status == 200);
    CHECK(page.headers.at("content-type") == "text/html; charset=utf-8");
    CHECK(page.body.find("<title>camtwin</title>") != std::string::npos);
    CHECK(client.get(rig.main("/hls/nosuch/index.m3u8")).status == 404);
}
