#include <csignal>
#include <filesystem>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "process_fixture.hpp"
#include "support/child_process.hpp"

using camtwin::test::child_process;
using camtwin::test::config_files;
using namespace std::chrono_literals;

namespace {

// Starts camtwin, waits for its start-up line, sends signo and returns the child after it exited.
void run_until_signal(child_process& camtwin, int signo) {
    REQUIRE(camtwin.wait_for_output("starting", 10s));
    const auto sent = std::chrono::steady_clock::now();
    camtwin.signal(signo);
    const auto code = camtwin.wait(5s);
    const auto took = std::chrono::steady_clock::now() - sent;

    REQUIRE(code.has_value());
    CHECK(*code == 0);
    CHECK(took < 1s);  // the bar: exit within a second of the signal
}

}  // namespace

TEST_CASE("camtwin service exits 0 soon after SIGTERM and SIGINT", "[service]") {
    const config_files files;
    for (const int signo : {SIGTERM, SIGINT}) {
        INFO(signo);
        child_process camtwin({CAMTWIN_BINARY, "--config", files.config_path}, config_files::env());
        run_until_signal(camtwin, signo);
        CHECK(camtwin.err().find("stopped") != std::string::npos);
    }
}

TEST_CASE("camtwin service logs a start-up summary without secrets", "[service]") {
    const config_files files;
    child_process camtwin({CAMTWIN_BINARY, "--config", files.config_path, "--log-level", "trace"},
                          config_files::env());

    run_until_signal(camtwin, SIGTERM);

    CHECK(camtwin.err().find("cam1 at 127.0.0.1:18081") != std::string::npos);
    CHECK(camtwin.err().find("tcp://127.0.0.1:1883") != std::string::npos);
    CHECK(camtwin.err().find(camtwin::test::broker_secret) == std::string::npos);
    CHECK(camtwin.err().find(camtwin::test::camera_secret) == std::string::npos);
}

TEST_CASE("camtwin service writes JSON log lines on request", "[service]") {
    const config_files files;
    child_process camtwin({CAMTWIN_BINARY, "--config", files.config_path, "--log-format", "json"},
                          config_files::env());

    run_until_signal(camtwin, SIGTERM);

    std::istringstream lines(camtwin.err());
    int parsed = 0;
    for (std::string line; std::getline(lines, line);) {
        INFO(line);
        const auto entry = nlohmann::json::parse(line);
        CHECK(entry.contains("msg"));
        CHECK(entry.contains("component"));
        ++parsed;
    }
    CHECK(parsed >= 2);
}

TEST_CASE("camtwin service refuses an invalid config with exit 1", "[service]") {
    const config_files files("    http_port: 18080\n");  // clashes with http.listen

    const auto result =
        camtwin::test::run({CAMTWIN_BINARY, "--config", files.config_path}, config_files::env());

    CHECK(result.exit_code == 1);
    CHECK(result.err.find("devices[0].http_port: port 18080 is already used by http.listen") !=
          std::string::npos);
}

TEST_CASE("camtwin service that cannot create its HLS folder says so and exits 1", "[service]") {
    const config_files files;
    // A path below a regular file: no folder can be made there.
    const auto blocked = std::filesystem::path(files.config_path) / "hls";
    const config_files with_media("media: {hls_dir: " + blocked.string() + "}\n");

    const auto result = camtwin::test::run({CAMTWIN_BINARY, "--config", with_media.config_path},
                                           config_files::env());

    CHECK(result.exit_code == 1);
    CHECK(result.err.find("camtwin: cannot start: media.hls_dir: cannot create \"" +
                          blocked.string() + "\"") != std::string::npos);
}
