#include <catch2/catch.hpp>

#include "process_fixture.hpp"
#include "support/child_process.hpp"

using camtwin::test::config_files;
using camtwin::test::run;

TEST_CASE("camtwin check-config prints the normalised config without secrets", "[cli]") {
    const config_files files;

    const auto result =
        run({CAMTWIN_BINARY, "check-config", "--config", files.config_path}, config_files::env());

    CHECK(result.exit_code == 0);
    CHECK(result.out.find("name: cam1") != std::string::npos);
    CHECK(result.out.find("speed: 60") != std::string::npos);  // a default, filled in
    CHECK(result.out.find("redacted, from environment CAMTWIN_MQTT_PASSWORD") != std::string::npos);
    for (const auto& secret : {camtwin::test::broker_secret, camtwin::test::camera_secret}) {
        CHECK(result.out.find(secret) == std::string::npos);
        CHECK(result.err.find(secret) == std::string::npos);
    }
}

TEST_CASE("camtwin check-config names a misspelt key and exits 1", "[cli]") {
    const config_files files("    ptz: {sped: 60}\n");

    const auto result =
        run({CAMTWIN_BINARY, "check-config", "--config", files.config_path}, config_files::env());

    CHECK(result.exit_code == 1);
    CHECK(result.err.find("devices[0].ptz.sped: unknown key") != std::string::npos);
    CHECK(result.out.empty());
}

TEST_CASE("camtwin check-config reports every problem without echoing secrets", "[cli]") {
    const config_files files("    ptz: {speed: 150}\n");

    const auto result = run({CAMTWIN_BINARY, "check-config", "--config", files.config_path},
                            {});  // no broker password: a second problem

    CHECK(result.exit_code == 1);
    CHECK(result.err.find("devices[0].ptz.speed: must be 1..100, got 150") != std::string::npos);
    CHECK(result.err.find("devices[0].ptz.speed") != std::string::npos);
    CHECK(result.err.find(camtwin::test::camera_secret) == std::string::npos);
}

TEST_CASE("camtwin reads the config path from CAMTWIN_CONFIG", "[cli]") {
    const config_files files;
    auto env = config_files::env();
    env.push_back("CAMTWIN_CONFIG=" + files.config_path);

    const auto result = run({CAMTWIN_BINARY, "check-config"}, env);

    CHECK(result.exit_code == 0);
    CHECK(result.out.find("name: cam1") != std::string::npos);
}

TEST_CASE("camtwin --version prints the version and exits 0", "[cli]") {
    const auto result = run({CAMTWIN_BINARY, "--version"});

    CHECK(result.exit_code == 0);
    CHECK(result.out.starts_with("camtwin "));
}

TEST_CASE("camtwin rejects usage errors with exit 2", "[cli]") {
    const config_files files;
    const std::vector<std::vector<std::string>> misuses = {
        {CAMTWIN_BINARY},
        {CAMTWIN_BINARY, "--bogus"},
        {CAMTWIN_BINARY, "--config", files.config_path, "--log-level", "loud"},
        {CAMTWIN_BINARY, "--config", files.config_path, "--log-format", "xml"},
        {CAMTWIN_BINARY, "check-config", "--config"},
    };
    for (const auto& argv : misuses) {
        INFO(argv.back());
        const auto result = run(argv, {"CAMTWIN_CONFIG="});
        CHECK(result.exit_code == 2);
        CHECK_FALSE(result.err.empty());
    }
}

TEST_CASE("camtwin check-config names a missing file", "[cli]") {
    const auto result = run({CAMTWIN_BINARY, "check-config", "--config", "/nonexistent/c.yaml"});

    CHECK(result.exit_code == 1);
    CHECK(result.err.find("/nonexistent/c.yaml: cannot read: No such file or directory") !=
          std::string::npos);
}
