#include <csignal>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "support/child_process.hpp"

using camtwin::test::child_process;
using namespace std::chrono_literals;

namespace {

std::vector<int> listed_pids(const std::string& output) {
    std::smatch match;
    REQUIRE(std::regex_search(output, match, std::regex(R"(\(pids ([0-9 ]+);)")));
    std::vector<int> pids;
    std::istringstream numbers(match[1].str());
    for (int pid = 0; numbers >> pid;) {
        pids.push_back(pid);
    }
    return pids;
}

// The printed command that moves the camera over MQTT, continuation line included.
std::string printed_move_command(const std::string& output) {
    std::smatch match;
    REQUIRE(std::regex_search(output, match,
                              std::regex(R"(mosquitto_pub [^\n]*move/up \\\n\s*-m '[^']*')")));
    return match[0].str();
}

bool is_running(int pid) {
    return ::kill(pid, 0) == 0;
}

}  // namespace

TEST_CASE("demo starts broker, camsim and camtwin and stops them all on Ctrl-C", "[demo][slow]") {
    child_process demo({"/bin/bash", CAMTWIN_SOURCE_DIR "/scripts/demo", "--no-build"},
                       {"CAMTWIN_BUILD_DIR=" CAMTWIN_BUILD_DIR});

    REQUIRE(demo.wait_for_output("Ctrl-C stops everything", 30s));
    const auto pids = listed_pids(demo.out());
    CHECK(pids.size() == 3);
    for (const int pid : pids) {
        CHECK(is_running(pid));
    }
    CHECK(demo.out().find("curl --digest -u admin:") != std::string::npos);
    CHECK(demo.err().find("starting") != std::string::npos);  // camtwin's start-up line
    REQUIRE(demo.wait_for_output("connected to tcp://", 10s));

    // The printed mosquitto_pub line moves the simulated camera and gets its result.
    const std::string move = printed_move_command(demo.out());
    std::smatch port;
    REQUIRE(std::regex_search(move, port, std::regex(R"(-p ([0-9]+))")));
    // stdbuf: mosquitto_sub buffers a piped stdout, where its SUBACK line goes.
    child_process results({"/usr/bin/stdbuf", "-oL", "/usr/bin/mosquitto_sub", "-d", "-h",
                           "127.0.0.1", "-p", port[1].str(), "-t", "shifu/devicehikvision/result",
                           "-C", "1", "-W", "10"});
    REQUIRE(results.wait_for_output("SUBACK", 5s));
    CHECK(camtwin::test::run({"/bin/bash", "-c", move}).exit_code == 0);
    REQUIRE(results.wait(12s).has_value());
    CHECK(results.out().find(R"("id":"try-1")") != std::string::npos);
    CHECK(results.out().find(R"("ok":true)") != std::string::npos);

    // The printed Shifu curl on the device's own port moves it too.
    std::smatch shifu;
    REQUIRE(std::regex_search(demo.out(), shifu,
                              std::regex(R"(curl (http://127\.0\.0\.1:[0-9]+/move/up)\n)")));
    const auto moved = camtwin::test::run({"/usr/bin/curl", "-s", shifu[1].str()});
    CHECK(moved.out == "Success");

    // The printed HLS playlist comes from camtwin's pipeline reading camsim's RTSP stream.
    std::smatch hls;
    REQUIRE(std::regex_search(
        demo.out(), hls, std::regex(R"(ffplay (http://127\.0\.0\.1:[0-9]+/hls/\S+\.m3u8)\n)")));
    const auto playlist =
        camtwin::test::run({"/usr/bin/curl", "-s", "--max-time", "20", hls[1].str()}, {}, 25s);
    CHECK(playlist.out.starts_with("#EXTM3U"));

    demo.signal_group(SIGINT);
    const auto code = demo.wait(15s);

    REQUIRE(code.has_value());
    CHECK(*code == 0);
    CHECK(demo.out().find("demo: stopped") != std::string::npos);
    for (const int pid : pids) {
        CHECK_FALSE(is_running(pid));
    }
}
