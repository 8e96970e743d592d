#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "metrics/latency_histogram.hpp"
#include "twin/command_result.hpp"

namespace camtwin::twin {

// Every call a twin made to its camera: how long it took, by call ("move", "probe",
// "capture", ...), and how it ended, by call and result code. Read by the metrics endpoint.
struct camera_call_stats {
    std::map<std::string, metrics::latency_histogram> latency;
    std::map<std::pair<std::string, std::string>, std::uint64_t> results;

    void record(const std::string& call, result_code code, double seconds) {
        latency[call].observe(seconds);
        ++results[{call, to_string(code)}];
    }
};

}  // namespace camtwin::twin
