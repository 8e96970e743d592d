// Every Shifu endpoint as Shifu's users call it: exact status, content type and body, on the
// device's own listener and below /devices/<dev>/ on the main listener.

#include <thread>

#include "http_fixture.hpp"

using camtwin::test::curl_client;
using camtwin::test::eventually;
using camtwin::test::http_rig;
using camtwin::test::mjpeg_parts;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string continuous = "/isapi/ptzctrl/channels/1/continuous";

int authorised(camtwin::test::camsim_process& sim, const std::string& path) {
    const auto counters = sim.state()["counters"]["authorised"];
    return counters.contains(path) ? counters[path].get<int>() : 0;
}

}  // namespace

TEST_CASE("http shifu paths answer with Shifu's status, type and body", "[http][slow]") {
    http_rig rig;
    curl_client client;
    curl_client camera;
    camera.set_auth(CURLAUTH_DIGEST, rig.sim().options().user, rig.sim().options().password);
    const auto camera_info = camera.get(rig.sim().camera().http + "/ISAPI/System/deviceInfo");
    REQUIRE(camera_info.status == 200);

    for (const auto& url : {rig.device(""), rig.main("/devices/cam1")}) {
        INFO(url);
        const auto health = client.get(url + "/health");
        CHECK(health.status == 200);
        CHECK(health.headers.at("content-type") == "text/plain; charset=utf-8");
        CHECK(health.body == "Device is healthy");

        const auto info = client.get(url + "/info");
        CHECK(info.status == 200);
        CHECK(info.headers.at("content-type") == "text/xml; charset=utf-8");
        CHECK(info.body == camera_info.body);  // the camera's bytes, unchanged

        const auto capture = client.get(url + "/capture");
        CHECK(capture.status == 200);
        CHECK(capture.headers.at("content-type") == "image/jpeg");
        CHECK(capture.body.substr(0, 2) == "\xff\xd8");

        const auto missing = client.get(url + "/no/such/thing");
        CHECK(missing.status == 404);
        CHECK(missing.headers.at("content-type") == "text/plain; charset=utf-8");
        CHECK(missing.body == "Error: Device instruction does not exist!\n");

        CHECK(client.request("POST", url + "/info", "").status == 405);
        const auto bad_timeout = client.get(url + "/info?timeout=soon");
        CHECK(bad_timeout.status == 400);
        CHECK(bad_timeout.body.find("timeout") != std::string::npos);
        CHECK(client.get(url + "/health?timeout=0").status == 200);
        CHECK(client.get(url + "/info?timeout=-3&other=ignored").status == 200);
    }
}

TEST_CASE("http shifu moves send Shifu's velocities and a stop after each", "[http][slow]") {
    http_rig rig;
    curl_client client;
    const std::vector<std::pair<std::string, std::pair<int, int>>> moves{
        {"up", {0, 60}}, {"down", {0, -60}}, {"left", {-60, 0}}, {"right", {60, 0}}};
    for (const auto& [direction, velocity] : moves) {
        INFO(direction);
        const int before = authorised(rig.sim(), continuous);
        const auto moved = client.get(rig.device("/move/" + direction));
        CHECK(moved.status == 200);
        CHECK(moved.headers.at("content-type") == "text/html; charset=utf-8");
        CHECK(moved.body == "Success");
        const auto ptz = rig.sim().state()["ptz"];
        CHECK(ptz["velocity"]["pan"] == velocity.first);
        CHECK(ptz["velocity"]["tilt"] == velocity.second);
        // Shifu's 0.2 s, then the stop: two PUTs per move.
        CHECK(eventually([&] { return authorised(rig.sim(), continuous) == before + 2; }, 5s));
        CHECK(eventually([&] { return rig.sim().state()["ptz"]["moving"] == false; }, 5s));
    }
}

TEST_CASE("http shifu failures answer 400 with Shifu's bodies", "[http][slow]") {
    http_rig rig;
    curl_client client;
    rig.sim().set_faults({{"away", true}});
    client.set_timeout_ms(20000);

    const auto moved = client.get(rig.device("/move/up"));
    CHECK(moved.status == 400);
    CHECK(moved.body == "cannot move camera");
    CHECK(moved.headers.at("x-camtwin-error") == "camera_unreachable");

    // /info is served from the twin for up to 1 s (docs/http.md); then the camera is asked.
    std::this_thread::sleep_for(1100ms);
    const auto info = client.get(rig.device("/info"));
    CHECK(info.status == 400);
    CHECK(info.body == "all authentication failed for device\n");

    const auto capture = client.get(rig.device("/capture"));
    CHECK(capture.status == 400);

    // ?timeout=N bounds the wait for the camera: 504 after N seconds.
    rig.sim().set_faults({{"away", false}, {"latency_ms", 3000}});
    const auto slow = client.get(rig.device("/move/down?timeout=1"));
    CHECK(slow.status == 504);
    rig.sim().set_faults({{"latency_ms", 0}});
}

TEST_CASE("http stream is Shifu's multipart framing, without repeated frames", "[http][slow]") {
    http_rig rig;
    curl_client viewer;
    viewer.set_timeout_ms(3000);
    const auto started = std::chrono::steady_clock::now();
    const auto stream = viewer.get(rig.device("/stream"));
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    CHECK(stream.code == CURLE_OPERATION_TIMEDOUT);  // a stream does not end by itself
    CHECK(stream.status == 200);
    CHECK(stream.headers.at("content-type") == "multipart/x-mixed-replace; boundary=frame");
    const auto parts = mjpeg_parts(stream.body);
    REQUIRE(parts.size() >= 2);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        CHECK(parts[i].substr(0, 2) == "\xff\xd8");
        if (i > 0) {
            CHECK(parts[i] != parts[i - 1]);  // a new picture each time, never one sent twice
        }
    }
    // Paced at the snapshot rate (2 per second), not as fast as the socket drains.
    CHECK(static_cast<double>(parts.size()) <= seconds * 2 + 2);
}

TEST_CASE("http stream viewers join and leave while a move runs", "[http][slow]") {
    http_rig rig;
    std::vector<std::thread> viewers;
    std::vector<std::size_t> frames(4, 0);
    for (std::size_t i = 0; i < frames.size(); ++i) {
        viewers.emplace_back([&, i] {
            curl_client viewer;
            viewer.set_timeout_ms(1500 + 500 * static_cast<long>(i));
            frames[i] = mjpeg_parts(viewer.get(rig.device("/stream")).body).size();
        });
        std::this_thread::sleep_for(200ms);
    }
    curl_client client;
    const auto moved = client.get(rig.main("/devices/cam1/move/right?speed=40&duration_ms=1500"));
    CHECK(moved.status == 200);
    for (auto& viewer : viewers) {
        viewer.join();
    }
    for (const auto count : frames) {
        CHECK(count >= 1);
    }
    CHECK(eventually([&] { return rig.sim().state()["ptz"]["moving"] == false; }, 5s));
    // Everyone left: the feed has no viewer and the metrics say so.
    CHECK(eventually(
        [&] {
            return client.get(rig.main("/metrics"))
                       .body.find("camtwin_stream_viewers{device=\"cam1\",stream=\"mjpeg\"} 0") !=
                   std::string::npos;
        },
        5s));
}

TEST_CASE("http a stream ends cleanly when camtwin stops", "[http][slow]") {
    http_rig rig;
    curl_client viewer;
    viewer.set_timeout_ms(15000);
    camtwin::test::http_result stream;
    std::thread watching([&] { stream = viewer.get(rig.device("/stream")); });
    std::this_thread::sleep_for(1500ms);
    CHECK(rig.stop_camtwin() == 0);
    watching.join();
    CHECK(stream.code == CURLE_OK);  // the closing chunk arrived: an end, not a broken stream
    CHECK(mjpeg_parts(stream.body).size() >= 1);
}
