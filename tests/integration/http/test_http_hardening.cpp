// Hostile and broken clients: none may crash, hang or starve the server.

#include <thread>

#include "http_fixture.hpp"

using camtwin::test::curl_client;
using camtwin::test::http_rig;
using camtwin::test::raw_connection;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string status_line(const std::string& answer) {
    return answer.substr(0, answer.find("\r\n"));
}

// The server still answers an ordinary request.
void check_alive(const http_rig& rig) {
    curl_client client;
    CHECK(client.get(rig.main("/healthz")).status == 200);
}

}  // namespace

TEST_CASE("http refuses malformed requests, traversal, and unknown methods", "[http][slow]") {
    http_rig rig;
    const std::vector<std::pair<std::string, std::string>> cases{
        {"garbage\r\n\r\n", "HTTP/1.1 400 Bad Request"},
        {"GET /info HTTP/9.9\r\n\r\n", "HTTP/1.1 400 Bad Request"},
        {"GET\r\n\r\n", "HTTP/1.1 400 Bad Request"},
        {"GET /devices/cam1/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
         "HTTP/1.1 400"},
        {"GET /devices/cam1/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: "
         "close\r\n\r\n",
         "HTTP/1.1 400"},
        {"GET /devices/cam1/..%2f..%2fetc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
         "HTTP/1.1 400"},
        {"GET /hls/cam1/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "HTTP/1.1 400"},
        {"GET /info%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "HTTP/1.1 400"},
        {"GET http://elsewhere/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
         "HTTP/1.1 400"},
        {"BREW /devices/cam1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
         "HTTP/1.1 405"},
        {"DELETE /devices HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "HTTP/1.1 405"},
        {"GET /devices/cam1/capture?max_age_ms=-5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
         "HTTP/1.1 400"},
        {"GET /devices/cam1/move/up?speed=1e9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
         "HTTP/1.1 400"},
        {"GET /devices/cam1/info?timeout=99999999999999999999 HTTP/1.1\r\nHost: x\r\nConnection: "
         "close\r\n\r\n",
         "HTTP/1.1 400"},
    };
    for (const auto& [request, expected] : cases) {
        INFO(request);
        raw_connection connection(rig.main_port());
        connection.send(request);
        const auto answer = connection.read_all(5s);
        CHECK(status_line(answer).starts_with(expected));
    }
    check_alive(rig);
}

TEST_CASE("http enforces header and body limits", "[http][slow]") {
    http_rig rig(http_rig::with_http("  limits: {max_header_bytes: 2048, max_body_bytes: 64}\n"));
    {
        raw_connection connection(rig.main_port());
        connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'a') +
                        "\r\n\r\n");
        CHECK(status_line(connection.read_all(5s)) ==
              "HTTP/1.1 431 Request Header Fields Too Large");
    }
    {
        raw_connection connection(rig.main_port());
        connection.send(
            "POST /devices/cam1/stop HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" +
            std::string(1000, 'b'));
        CHECK(status_line(connection.read_all(5s)) == "HTTP/1.1 413 Payload Too Large");
    }
    check_alive(rig);
}

TEST_CASE("http closes slow and idle clients on time and keeps serving", "[http][slow]") {
    http_rig rig(http_rig::with_http("  limits: {request_timeout_s: 1, idle_timeout_s: 2}\n"));

    // Slowloris: a header line now and then, never the end of the request.
    raw_connection slow(rig.main_port());
    slow.send("GET /healthz HTTP/1.1\r\n");
    bool closed = false;
    for (int i = 0; i < 8 && !closed; ++i) {
        slow.send("X-Wait: " + std::to_string(i) + "\r\n");
        slow.read_all(400ms, &closed);
    }
    CHECK(closed);

    // Idle keep-alive: closed after the idle timeout, not before.
    raw_connection idle(rig.main_port());
    idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto first = idle.read_all(1s, &closed);
    CHECK(status_line(first) == "HTTP/1.1 200 OK");
    CHECK_FALSE(closed);
    idle.read_all(3s, &closed);
    CHECK(closed);

    check_alive(rig);
}

TEST_CASE("http turns away connections beyond the limit", "[http][slow]") {
    http_rig rig(http_rig::with_http("  limits: {max_connections: 3}\n"));
    std::vector<std::unique_ptr<raw_connection>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<raw_connection>(rig.main_port()));
        held.back()->send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        CHECK(status_line(held.back()->read_all(1s)) == "HTTP/1.1 200 OK");
    }
    raw_connection extra(rig.main_port());
    CHECK(status_line(extra.read_all(3s)) == "HTTP/1.1 503 Service Unavailable");

    held.clear();
    // Once they are gone there is room again.
    CHECK(camtwin::test::eventually(
        [&] {
            curl_client client;
            return client.get(rig.main("/healthz")).status == 200;
        },
        5s));
}

TEST_CASE("http bearer token guards the API but not health or Shifu's paths", "[http][slow]") {
    SECTION("shifu_compat on") {
        http_rig rig(http_rig::with_http("", {"CAMTWIN_HTTP_TOKEN=s3cret-token"}));
        curl_client anonymous;
        CHECK(anonymous.get(rig.main("/devices")).status == 401);
        CHECK(anonymous.get(rig.main("/metrics")).status == 401);
        CHECK(anonymous.get(rig.main("/devices/cam1/status")).status == 401);
        CHECK(anonymous.get(rig.main("/healthz")).status == 200);
        CHECK(anonymous.get(rig.main("/readyz")).status != 401);
        // The page and its script hold no data: a browser loads them, then the page asks for
        // the token.
        CHECK(anonymous.get(rig.main("/")).status == 200);
        CHECK(anonymous.get(rig.main("/assets/hls.light.min.js")).status == 200);
        CHECK(anonymous.get(rig.main("/devices/cam1/info")).status == 200);
        CHECK(anonymous.get(rig.device("/info")).status == 200);
        CHECK(anonymous.get(rig.device("/move/up")).status == 200);

        curl_client wrong;
        wrong.set_header("Authorization: Bearer s3cret-tokeN");
        CHECK(wrong.get(rig.main("/devices")).status == 401);
        curl_client right;
        right.set_header("Authorization: Bearer s3cret-token");
        CHECK(right.get(rig.main("/devices")).status == 200);
        // The token is a secret: it is in no log line.
        CHECK(rig.camtwin().out().find("s3cret") == std::string::npos);
        CHECK(rig.camtwin().err().find("s3cret") == std::string::npos);
    }
    SECTION("shifu_compat off") {
        http_rig rig(
            http_rig::with_http("  shifu_compat: false\n", {"CAMTWIN_HTTP_TOKEN=s3cret-token"}));
        curl_client anonymous;
        CHECK(anonymous.get(rig.main("/devices/cam1/info")).status == 401);
        CHECK(anonymous.get(rig.device("/info")).status == 401);
        CHECK(anonymous.get(rig.main("/healthz")).status == 200);
    }
}
