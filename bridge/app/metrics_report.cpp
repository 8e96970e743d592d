#include "app/metrics_report.hpp"

#include "app/version.hpp"

namespace camtwin {
namespace {

using metrics::prometheus_text;

constexpr std::array<twin::health, 5> all_health{twin::health::starting, twin::health::online,
                                                 twin::health::unauthorized,
                                                 twin::health::unreachable, twin::health::degraded};

void write_devices(prometheus_text& out,
                   const std::vector<std::shared_ptr<twin::device_twin>>& twins) {
    out.family("camtwin_device_health", "gauge",
               "1 for the health each device is in now, 0 for the others.");
    for (const auto& twin : twins) {
        for (const auto health : all_health) {
            out.sample("camtwin_device_health",
                       {{"device", twin->options().name}, {"health", twin::to_string(health)}},
                       twin->state().status == health ? 1.0 : 0.0);
        }
    }
    out.family("camtwin_camera_requests_total", "counter",
               "Calls to the camera, by device, call and result code.");
    for (const auto& twin : twins) {
        for (const auto& [key, count] : twin->camera_calls().results) {
            out.sample(
                "camtwin_camera_requests_total",
                {{"device", twin->options().name}, {"call", key.first}, {"code", key.second}},
                static_cast<double>(count));
        }
    }
    out.family("camtwin_camera_request_duration_seconds", "histogram",
               "Duration of calls to the camera, by device and call.");
    for (const auto& twin : twins) {
        for (const auto& [call, histogram] : twin->camera_calls().latency) {
            histogram.write(out, "camtwin_camera_request_duration_seconds",
                            {{"device", twin->options().name}, {"call", call}});
        }
    }
}

void write_mqtt(prometheus_text& out, const mqtt::mqtt_bridge& mqtt) {
    const auto& stats = mqtt.stats();
    out.family("camtwin_mqtt_connected", "gauge", "1 while camtwin is connected to the broker.");
    out.sample("camtwin_mqtt_connected", {}, mqtt.connected() ? 1.0 : 0.0);
    out.family("camtwin_mqtt_reconnects_total", "counter",
               "Broker connections lost after having been up.");
    out.sample("camtwin_mqtt_reconnects_total", {}, static_cast<double>(stats.reconnects));
    out.family("camtwin_mqtt_results_dropped_total", "counter",
               "Results dropped because the outbox was full while the broker was away.");
    out.sample("camtwin_mqtt_results_dropped_total", {},
               static_cast<double>(stats.results_dropped));
    out.family("camtwin_mqtt_duplicates_dropped_total", "counter",
               "Repeated commands (same id) that were not run again.");
    out.sample("camtwin_mqtt_duplicates_dropped_total", {},
               static_cast<double>(stats.duplicates_dropped));
}

constexpr std::array<pipelines::stream_phase, 4> all_phases{
    pipelines::stream_phase::stopped, pipelines::stream_phase::connecting,
    pipelines::stream_phase::playing, pipelines::stream_phase::retrying};

void write_streams(prometheus_text& out,
                   const std::vector<std::shared_ptr<pipelines::camera_stream>>& streams) {
    out.family("camtwin_pipeline_state", "gauge",
               "1 for the state each device's media pipeline is in now, 0 for the others.");
    for (const auto& stream : streams) {
        for (const auto phase : all_phases) {
            out.sample("camtwin_pipeline_state",
                       {{"device", stream->options().device}, {"state", to_string(phase)}},
                       stream->status().phase == phase ? 1.0 : 0.0);
        }
    }
    const auto counter = [&](const char* name, const char* help, auto field) {
        out.family(name, "counter", help);
        for (const auto& stream : streams) {
            out.sample(name, {{"device", stream->options().device}},
                       static_cast<double>(field(stream->status())));
        }
    };
    using status = pipelines::stream_status;
    counter("camtwin_pipeline_starts_total", "Pipeline starts, the first and every restart.",
            [](const status& s) { return s.starts; });
    counter("camtwin_pipeline_failures_total",
            "Pipeline runs that ended in an error, an end of stream or a stall.",
            [](const status& s) { return s.failures; });
    counter("camtwin_pipeline_frames_total", "Coded frames received from the camera.",
            [](const status& s) { return s.frames_in; });
    counter("camtwin_pipeline_jpegs_total",
            "MJPEG frames encoded, each shared by every viewer of the device.",
            [](const status& s) { return s.jpegs_out; });
    out.family("camtwin_pipeline_last_frame_age_seconds", "gauge",
               "Seconds since the last decoded picture; absent before the first.");
    const auto now = std::chrono::steady_clock::now();
    for (const auto& stream : streams) {
        if (const auto last = stream->status().last_frame) {
            const std::chrono::duration<double> age = now - *last;
            out.sample("camtwin_pipeline_last_frame_age_seconds",
                       {{"device", stream->options().device}}, age.count());
        }
    }
}

}  // namespace

std::string metrics_report(const metrics::command_metrics& commands,
                           const std::vector<std::shared_ptr<twin::device_twin>>& twins,
                           const std::vector<std::shared_ptr<pipelines::camera_stream>>& streams,
                           const mqtt::mqtt_bridge& mqtt, const http::http_front& http) {
    prometheus_text out;
    out.family("camtwin_build_info", "gauge", "The running camtwin's version.");
    out.sample("camtwin_build_info", {{"version", version}}, 1.0);
    commands.write(out);
    write_devices(out, twins);
    write_streams(out, streams);
    write_mqtt(out, mqtt);
    http.write_metrics(out);
    return out.text();
}

}  // namespace camtwin
