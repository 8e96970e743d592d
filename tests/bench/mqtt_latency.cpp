// Measures what an application sees over MQTT: from publishing shifu/<dev>/move/up (QoS 1) to
// receiving its result on shifu/<dev>/result, over commands sent one after another through a
// real Mosquitto to the built camtwin and a camsim camera, all on this machine. camtwin's
// pacing is off (rate_limit.requests_per_s: 0) so that the figure is the path's cost, not the
// configured rate.
//
//   mqtt_latency CAMTWIN_BINARY CAMSIM_BINARY [--commands N]
//
// Prints median, p90, p99 and max in ms. Exit 1 when a command fails or gets no result.

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "latency_stats.hpp"
#include "support/camsim_process.hpp"
#include "support/child_process.hpp"
#include "support/mosquitto_process.hpp"
#include "support/mqtt_test_client.hpp"
#include "support/ports.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace camtwin::test;
using clock_type = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::string write_config(const temp_dir& dir, const mosquitto_process& broker,
                         const camsim_process& sim) {
    return dir
        .write("camtwin.yaml", "mqtt: {url: " + broker.url() +
                                   ", client_id: bench}\n"
                                   "http: {listen: 127.0.0.1:" +
                                   std::to_string(free_port()) +
                                   "}\n"
                                   "devices:\n"
                                   "  - name: cam1\n"
                                   "    address: " +
                                   sim.camera().address() +
                                   "\n"
                                   "    rate_limit: {requests_per_s: 0}\n")
        .string();
}

mqtt_client_options options_for(const mosquitto_process& broker) {
    mqtt_client_options options;
    options.url = broker.url();
    options.client_id = "bench-app";
    return options;
}

// Sends the commands one after another; the latencies, or empty when one failed.
std::vector<double> measure(mqtt_test_client& app, int commands) {
    std::vector<double> out;
    for (int i = 0; i < commands; ++i) {
        const std::string id = "b" + std::to_string(i);
        const auto payload = nlohmann::json{{"id", id}, {"speed", 20}, {"duration_ms", 100}};
        const auto start = clock_type::now();
        app.publish("shifu/cam1/move/up", payload.dump());
        const auto result = app.wait_for(
            [&](const mqtt_received& m) {
                return m.payload.find("\"id\":\"" + id + "\"") != std::string::npos;
            },
            10s);
        const auto end = clock_type::now();
        if (!result || nlohmann::json::parse(result->payload)["ok"] != true) {
            std::fprintf(stderr, "command %d: %s\n", i,
                         result ? result->payload.c_str() : "no result within 10 s");
            return {};
        }
        out.push_back(std::chrono::duration<double, std::milli>(end - start).count());
        app.clear();
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: mqtt_latency CAMTWIN_BINARY CAMSIM_BINARY [--commands N]\n");
        return 2;
    }
    const int commands =
        argc >= 5 && std::string(argv[3]) == "--commands" ? std::stoi(argv[4]) : 1000;

    const temp_dir dir;
    // Mosquitto leaves Nagle on unless told; an edge broker for interactive control should not
    // (broker/ sets it too).
    mosquitto_options broker_options;
    broker_options.extra_config.emplace_back("set_tcp_nodelay true");
    mosquitto_process broker(broker_options);
    const camsim_process sim(argv[2]);
    child_process camtwin({argv[1], "--config", write_config(dir, broker, sim)},
                          {"CAMTWIN_DEVICE_CAM1_PASSWORD=" + sim.options().password});
    if (!camtwin.wait_for_output("connected to tcp://", 10s)) {
        std::fprintf(stderr, "camtwin did not connect: %s\n", camtwin.err().c_str());
        return 1;
    }
    mqtt_test_client app;
    app.connect(options_for(broker));
    app.subscribe("shifu/cam1/result");

    const auto latencies = measure(app, commands);
    camtwin.signal(SIGTERM);
    camtwin.wait(10s);
    if (latencies.empty()) {
        return 1;
    }
    camtwin::bench::print_latencies("publish->result", "commands", latencies);
    return 0;
}
