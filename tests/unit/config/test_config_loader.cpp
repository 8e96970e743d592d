#include <filesystem>
#include <map>

#include <catch2/catch.hpp>

#include "config/config_error.hpp"
#include "config/config_loader.hpp"
#include "config/config_printer.hpp"
#include "support/fixed_environment.hpp"
#include "support/temp_dir.hpp"

namespace {

using camtwin::environment;
using camtwin::test::fixed_environment;

const environment cam1_password = fixed_environment({{"CAMTWIN_DEVICE_CAM1_PASSWORD", "pw1"}});

std::vector<std::string> problems(std::string_view yaml, const environment& env) {
    try {
        camtwin::parse_config(yaml, "test.yaml", env);
        return {};
    } catch (const camtwin::config_error& error) {
        return error.lines();
    }
}

std::string device_with_password_file(const std::filesystem::path& file) {
    return "devices: [{name: cam1, address: camera.local, password_file: " + file.string() + "}]";
}

}  // namespace

TEST_CASE("config loader fills the documented defaults", "[config]") {
    const auto cfg = camtwin::parse_config("devices: [{name: cam1, address: camera.local}]",
                                           "test.yaml", cam1_password);

    CHECK(cfg.mqtt.url == "tcp://127.0.0.1:1883");
    CHECK(cfg.mqtt.topic_prefix == "shifu");
    CHECK_FALSE(cfg.mqtt.home_assistant.enabled);
    CHECK(cfg.http.listen == "0.0.0.0:8080");
    REQUIRE(cfg.devices.size() == 1);
    const auto& device = cfg.devices[0];
    CHECK(device.username == "admin");
    CHECK(device.http_port == 0);
    CHECK(device.ptz.channel == 1);
    CHECK(device.ptz.speed == 60);
    CHECK(device.ptz.duration_ms == 200);
    CHECK(device.ptz.max_duration_ms == 5000);
    CHECK(device.telemetry.health_interval_s == 5);
    CHECK(device.stream.hls.segment_s == 1);
    CHECK(device.stream.mjpeg.fps == 5);
    CHECK(device.password.reveal() == "pw1");
    CHECK(device.password_source == "environment CAMTWIN_DEVICE_CAM1_PASSWORD");
}

TEST_CASE("config loader reads a password file without its trailing newline", "[config]") {
    const camtwin::test::temp_dir dir;
    const auto file = dir.write("pw", "s3cret\r\n");

    const auto cfg =
        camtwin::parse_config(device_with_password_file(file), "test.yaml", fixed_environment({}));

    CHECK(cfg.devices[0].password.reveal() == "s3cret");
    CHECK(cfg.devices[0].password_source == "file " + file.string());
}

TEST_CASE("config loader prefers the environment to the password file", "[config]") {
    const camtwin::test::temp_dir dir;
    const auto file = dir.write("pw", "from-file");

    const auto cfg =
        camtwin::parse_config(device_with_password_file(file), "test.yaml", cam1_password);

    CHECK(cfg.devices[0].password.reveal() == "pw1");
}

TEST_CASE("config loader refuses empty and oversized password files", "[config]") {
    const camtwin::test::temp_dir dir;
    const auto empty = dir.write("empty", "\n");
    const auto large = dir.write("large", std::string(5000, 'x'));

    CHECK(
        problems(device_with_password_file(empty), fixed_environment({})) ==
        std::vector<std::string>{"devices[0].password_file: \"" + empty.string() + "\" is empty"});
    CHECK(problems(device_with_password_file(large), fixed_environment({})) ==
          std::vector<std::string>{"devices[0].password_file: \"" + large.string() +
                                   "\" is larger than 4096 bytes"});
}

TEST_CASE("config loader takes the broker URL and user from the environment", "[config]") {
    const auto env = fixed_environment({{"CAMTWIN_MQTT_URL", "ssl://broker.example:8883"},
                                        {"CAMTWIN_MQTT_USERNAME", "edge"},
                                        {"CAMTWIN_MQTT_PASSWORD", "broker-pw"},
                                        {"CAMTWIN_DEVICE_CAM1_PASSWORD", "pw1"}});

    const auto cfg = camtwin::parse_config(
        "mqtt: {url: tcp://ignored:1883}\ndevices: [{name: cam1, address: camera.local}]",
        "test.yaml", env);

    CHECK(cfg.mqtt.url == "ssl://broker.example:8883");
    CHECK(cfg.mqtt.username == "edge");
    CHECK(cfg.mqtt.password.reveal() == "broker-pw");
}

TEST_CASE("config printer redacts every secret and round-trips", "[config]") {
    const auto env = fixed_environment({{"CAMTWIN_MQTT_PASSWORD", "broker-Secret-1"},
                                        {"CAMTWIN_DEVICE_CAM1_PASSWORD", "camera-Secret-2"}});
    const auto cfg = camtwin::parse_config(
        "mqtt: {username: edge}\ndevices: [{name: cam1, address: camera.local, http_port: 8081}]",
        "test.yaml", env);

    const auto printed = camtwin::print_config(cfg);
    const auto reparsed = camtwin::parse_config(printed, "printed.yaml", env);

    CHECK(printed.find("broker-Secret-1") == std::string::npos);
    CHECK(printed.find("camera-Secret-2") == std::string::npos);
    CHECK(printed.find("redacted, from environment CAMTWIN_DEVICE_CAM1_PASSWORD") !=
          std::string::npos);
    CHECK(camtwin::print_config(reparsed) == printed);
}

TEST_CASE("config loader names a missing or oversized file", "[config]") {
    const camtwin::test::temp_dir dir;
    const auto large = dir.write("big.yaml", std::string(camtwin::max_config_bytes + 10, '#'));
    const auto missing = dir.path() / "missing.yaml";

    const auto load_problems = [](const std::filesystem::path& file) {
        try {
            camtwin::load_config(file, fixed_environment({}));
            return std::vector<std::string>{};
        } catch (const camtwin::config_error& error) {
            return error.lines();
        }
    };

    CHECK(load_problems(missing) ==
          std::vector<std::string>{missing.string() + ": cannot read: No such file or directory"});
    CHECK(load_problems(large) ==
          std::vector<std::string>{large.string() + ": is larger than 1048576 bytes"});
}

TEST_CASE("config loader accepts every shipped example", "[config]") {
    const auto env = fixed_environment({{"CAMTWIN_MQTT_PASSWORD", "pw"},
                                        {"CAMTWIN_DEVICE_DEVICEHIKVISION_PASSWORD", "pw"},
                                        {"CAMTWIN_DEVICE_CAM1_PASSWORD", "pw"},
                                        {"CAMTWIN_DEVICE_CAM2_PASSWORD", "pw"}});
    int examples = 0;
    for (const auto& entry : std::filesystem::directory_iterator(CAMTWIN_EXAMPLES_DIR)) {
        if (entry.path().extension() != ".yaml") {
            continue;
        }
        INFO(entry.path());
        CHECK_NOTHROW(camtwin::load_config(entry.path(), env));
        ++examples;
    }
    CHECK(examples >= 1);
}
