#include "metrics/command_metrics.hpp"

namespace camtwin::metrics {

void command_metrics::record(const std::string& front, const std::string& device,
                             const std::string& command, twin::result_code code,
                             double latency_ms) {
    // Names that did not match a device or command are the sender's words: one label value for
    // all of them keeps the series bounded.
    const std::string device_label =
        code == twin::result_code::unknown_device ? "_unknown" : device;
    const std::string command_label =
        code == twin::result_code::unknown_command || code == twin::result_code::unknown_device
            ? "_unknown"
            : command;
    ++counts_[{front, device_label, command_label, twin::to_string(code)}];
    latency_[{front, device_label, command_label}].observe(latency_ms / 1000.0);
}

void command_metrics::write(prometheus_text& out) const {
    out.family("camtwin_commands_total", "counter",
               "Commands answered, by front, device, command and result code.");
    for (const auto& [key, count] : counts_) {
        const auto& [front, device, command, code] = key;
        out.sample("camtwin_commands_total",
                   {{"front", front}, {"device", device}, {"command", command}, {"code", code}},
                   static_cast<double>(count));
    }
    out.family("camtwin_command_duration_seconds", "histogram",
               "Time from a command's arrival to its answer.");
    for (const auto& [key, histogram] : latency_) {
        const auto& [front, device, command] = key;
        histogram.write(out, "camtwin_command_duration_seconds",
                        {{"front", front}, {"device", device}, {"command", command}});
    }
}

}  // namespace camtwin::metrics
