#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "metrics/latency_histogram.hpp"
#include "twin/command_result.hpp"

namespace camtwin::metrics {

// Commands as the fronts answered them: counts by front, device, command and result code, and
// the latency from request to answer by front, device and command. Both fronts report here
// through the observer the composition root hands them. Threads: the loop thread only.
class command_metrics {
public:
    void record(const std::string& front, const std::string& device, const std::string& command,
                twin::result_code code, double latency_ms);
    void write(prometheus_text& out) const;

private:
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::uint64_t> counts_;
    std::map<std::tuple<std::string, std::string, std::string>, latency_histogram> latency_;
};

}  // namespace camtwin::metrics
