#include <future>

#include <catch2/catch.hpp>

#include "test_camera.hpp"

using namespace camsim;
using namespace camsim::test;

namespace {

// Reads the alertStream until the body contains `wanted` (then aborts the transfer) or the
// timeout passes. Returns everything read, headers first.
struct stream_reader {
    std::string wanted;
    std::string data;
};

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user) {
    auto* reader = static_cast<stream_reader*>(user);
    reader->data.append(data, size * count);
    return reader->data.find(reader->wanted) == std::string::npos ? size * count : 0;
}

std::string read_stream(const test_camera& cam, const std::string& wanted) {
    stream_reader reader{wanted, {}};
    CURL* curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, cam.url("/ISAPI/Event/notification/alertStream").c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_DIGEST);
    curl_easy_setopt(curl, CURLOPT_USERNAME, user);
    curl_easy_setopt(curl, CURLOPT_PASSWORD, password);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 4000L);
    curl_easy_setopt(curl, CURLOPT_HEADER, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reader);
    curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return reader.data;
}

}  // namespace

TEST_CASE("alert stream sends multipart heartbeats", "[camsim][events]") {
    camera_options options = test_camera::default_options();
    options.faults.heartbeat_ms = 100;
    test_camera cam(options);

    std::string data = read_stream(cam, "</EventNotificationAlert>\r\n");
    CHECK(data.find("HTTP/1.0 200 OK\r\n") != std::string::npos);
    CHECK(data.find("Content-Type: multipart/mixed; boundary=boundary\r\n") != std::string::npos);
    CHECK(data.find("--boundary\r\nContent-Type: application/xml; charset=\"UTF-8\"\r\n"
                    "Content-Length: ") != std::string::npos);
    CHECK(data.find("<eventType>videoloss</eventType>\r\n<eventState>inactive</eventState>") !=
          std::string::npos);
    CHECK(data.find("<activePostCount>0</activePostCount>") != std::string::npos);
}

TEST_CASE("alert stream delivers injected events", "[camsim][events]") {
    test_camera cam;  // heartbeat every 10 s: the event must not wait for it

    auto reader = std::async(std::launch::async,
                             [&cam] { return read_stream(cam, "<eventType>VMD</eventType>"); });
    REQUIRE(eventually([&] { return cam.state()["alert_streams"] == 1; }));
    curl_client control;
    http_result posted = control.request("POST", cam.control_url("/events"),
                                         R"({"type":"VMD","state":"active","channel":1})");
    CHECK(nlohmann::json::parse(posted.body)["delivered"] == 1);

    std::string data = reader.get();
    CHECK(data.find("<eventState>active</eventState>") != std::string::npos);
    CHECK(data.find("<channelID>1</channelID>") != std::string::npos);
}
