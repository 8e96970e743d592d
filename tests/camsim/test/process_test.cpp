#include <csignal>

#include <catch2/catch.hpp>

#include "support/child_process.hpp"
#include "test_camera.hpp"

using namespace camsim::test;
using camtwin::test::child_process;
using namespace std::chrono_literals;

TEST_CASE("process camsim prints its ports, serves and exits on SIGTERM", "[camsim][process]") {
    child_process camsim({CAMSIM_BINARY, "--listen", "127.0.0.1", "--http-port", "0", "--rtsp-port",
                          "0", "--user", user, "--password", password, "--cameras", "2"});
    auto line = camsim.read_stdout_line(10s);
    REQUIRE(line);
    nlohmann::json ready = nlohmann::json::parse(*line);
    REQUIRE(ready["cameras"].size() == 2);
    std::string http = ready["cameras"][0]["http"];
    CHECK(http.rfind("http://127.0.0.1:", 0) == 0);
    std::string rtsp = ready["cameras"][0]["rtsp"];
    CHECK(rtsp.find("/Streaming/Channels/101") != std::string::npos);
    CHECK(rtsp.find(":0/") == std::string::npos);  // the real RTSP port

    std::vector<std::string> serials;
    for (const auto& entry : ready["cameras"]) {
        auto client = test_camera::digest_client();
        http_result info =
            client->get(entry["http"].get<std::string>() + "/ISAPI/System/deviceInfo");
        REQUIRE(info.status == 200);
        auto start = info.body.find("<serialNumber>");
        serials.push_back(info.body.substr(start, info.body.find("</serialNumber>") - start));
        http_result picture =
            client->get(entry["http"].get<std::string>() + "/ISAPI/Streaming/channels/101/picture");
        CHECK(picture.status == 200);
        CHECK(picture.body.rfind("\xff\xd8", 0) == 0);  // the video side's JPEG
        curl_client control;
        CHECK(control.get(entry["control"].get<std::string>() + "/state").status == 200);
    }
    CHECK(serials[0] != serials[1]);

    camsim.signal(SIGTERM);
    auto code = camsim.wait(2s);
    REQUIRE(code);
    CHECK(*code == 0);
}

TEST_CASE("process camsim rejects a bad option", "[camsim][process]") {
    auto result = camtwin::test::run({CAMSIM_BINARY, "--auth", "kerberos"}, {}, 5s);
    CHECK(result.exit_code != 0);
}
