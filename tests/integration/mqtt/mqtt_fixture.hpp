#pragma once

#include <algorithm>
#include <csignal>
#include <fstream>
#include <memory>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../camera/camera_fixture.hpp"
#include "support/camsim_process.hpp"
#include "support/child_process.hpp"
#include "support/mosquitto_process.hpp"
#include "support/mqtt_test_client.hpp"
#include "support/ports.hpp"
#include "support/temp_dir.hpp"

namespace camtwin::test {

// Options for a clean-session v5 test client.
inline mqtt_client_options client_options(std::string url, std::string client_id) {
    mqtt_client_options options;
    options.url = std::move(url);
    options.client_id = std::move(client_id);
    return options;
}

// Base64 for the validator's binary lines (snapshots).
inline std::string base64(std::string_view bytes) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += {alphabet[(n >> 18) & 63], alphabet[(n >> 12) & 63], alphabet[(n >> 6) & 63],
                alphabet[n & 63]};
    }
    if (i + 1 == bytes.size()) {
        const unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        out += {alphabet[(n >> 18) & 63], alphabet[(n >> 12) & 63], '=', '='};
    } else if (i + 2 == bytes.size()) {
        const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8);
        out += {alphabet[(n >> 18) & 63], alphabet[(n >> 12) & 63], alphabet[(n >> 6) & 63], '='};
    }
    return out;
}

// Runs tests/schema/validate_mqtt_payloads.py over messages; returns its output and exit code.
inline run_result validate_payloads(const std::vector<mqtt_received>& messages,
                                    const std::string& prefix = "shifu") {
    const temp_dir dir;
    std::string lines;
    for (const auto& message : messages) {
        const bool text = !message.topic.ends_with("/snapshot");
        nlohmann::json line{{"topic", message.topic}};
        if (text) {
            line["payload"] = message.payload;
        } else {
            line["payload_base64"] = base64(message.payload);
        }
        lines += line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    const auto file = dir.write("published.jsonl", lines);
    return run({CAMTWIN_PYTHON3, CAMTWIN_SOURCE_DIR "/tests/schema/validate_mqtt_payloads.py",
                "--prefix", prefix, file.string()});
}

// A broker, a camsim and camtwin, wired as in production, plus an observer that records
// everything camtwin publishes and a client for the test's commands.
class mqtt_rig {
public:
    explicit mqtt_rig(const std::string& extra_mqtt_yaml = "",
                      const std::string& extra_device_yaml = "")
        : sim_(CAMSIM_BINARY) {
        observer_.connect(client_options(broker_.url(), "observer"));
        observer_.subscribe("shifu/#");
        observer_.subscribe("homeassistant/#");
        write_config(extra_mqtt_yaml, extra_device_yaml);
        start_camtwin();
        client_.connect(client_options(broker_.url(), "app"));
        client_.subscribe("shifu/+/result");
    }

    ~mqtt_rig() { stop_camtwin(); }

    mqtt_rig(const mqtt_rig&) = delete;
    mqtt_rig& operator=(const mqtt_rig&) = delete;

    void start_camtwin() {
        camtwin_ = std::make_unique<child_process>(
            std::vector<std::string>{CAMTWIN_BINARY, "--config", config_path_},
            std::vector<std::string>{"CAMTWIN_DEVICE_CAM1_PASSWORD=" + sim_.options().password});
        REQUIRE(camtwin_->wait_for_output("connected to tcp://", std::chrono::seconds(10)));
        // camtwin subscribes before it says "online" on the same connection, so from this
        // message on its subscriptions are in place and commands reach it.
        const auto online = [](const mqtt_received& m) {
            return m.topic == "shifu/_bridge/rig/availability" && m.payload == "online";
        };
        const auto seen = std::ranges::count_if(observer_.messages(), online);
        REQUIRE(
            eventually([&] { return std::ranges::count_if(observer_.messages(), online) > seen; },
                       std::chrono::seconds(10)));
    }

    // SIGTERM and wait; returns the exit code.
    std::optional<int> stop_camtwin() { return terminate(camtwin_); }

    // Publishes a command and returns its result (matched by id), or nullopt after 10 s.
    std::optional<nlohmann::json> command(const std::string& topic_tail, nlohmann::json payload,
                                          const std::string& device = "cam1") {
        const std::string id = "t" + std::to_string(++next_id_);
        payload["id"] = id;
        client_.publish("shifu/" + device + "/" + topic_tail, payload.dump());
        return result(id, device);
    }

    std::optional<nlohmann::json> result(const std::string& id,
                                         const std::string& device = "cam1") {
        auto found = client_.wait_for(
            [&](const mqtt_received& m) {
                if (m.topic != "shifu/" + device + "/result") {
                    return false;
                }
                const auto body = nlohmann::json::parse(m.payload, nullptr, false);
                return !body.is_discarded() && body.value("id", "") == id;
            },
            std::chrono::seconds(10));
        if (!found) {
            return std::nullopt;
        }
        return nlohmann::json::parse(found->payload);
    }

    // Every payload camtwin published so far must pass its schema.
    void check_published_payloads() {
        auto published = observer_.messages();
        std::erase_if(published, [](const mqtt_received& m) { return is_command_topic(m.topic); });
        const auto checked = validate_payloads(published);
        INFO(checked.out << checked.err);
        CHECK(checked.exit_code == 0);
    }

    camsim_process& sim() { return sim_; }
    mosquitto_process& broker() { return broker_; }
    mqtt_test_client& client() { return client_; }
    mqtt_test_client& observer() { return observer_; }
    child_process& camtwin() { return *camtwin_; }
    const temp_dir& dir() const { return dir_; }

private:
    static bool is_command_topic(const std::string& topic) {
        for (const char* tail :
             {"/move/", "/zoom/", "/stop", "/preset/", "/home", "/info/get", "/capture"}) {
            if (topic.find(tail) != std::string::npos) {
                return true;
            }
        }
        return topic == "homeassistant/status";
    }

    void write_config(const std::string& extra_mqtt_yaml, const std::string& extra_device_yaml) {
        config_path_ = dir_.write("camtwin.yaml",
                                  "mqtt:\n"
                                  "  url: " +
                                      broker_.url() +
                                      "\n"
                                      "  client_id: rig\n"
                                      "  reconnect: {min_ms: 100, max_ms: 1000}\n" +
                                      extra_mqtt_yaml +
                                      "http: {listen: 127.0.0.1:" + std::to_string(free_port()) +
                                      "}\n"
                                      "devices:\n"
                                      "  - name: cam1\n"
                                      "    address: " +
                                      sim_.camera().address() +
                                      "\n"
                                      "    telemetry: {health_interval_s: 1}\n"
                                      "    rate_limit: {requests_per_s: 0}\n" +
                                      extra_device_yaml)
                           .string();
    }

    temp_dir dir_;
    mosquitto_process broker_;
    camsim_process sim_;
    mqtt_test_client observer_;
    mqtt_test_client client_;
    std::string config_path_;
    std::unique_ptr<child_process> camtwin_;
    int next_id_ = 0;
};

}  // namespace camtwin::test
