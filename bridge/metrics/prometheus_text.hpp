#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace camtwin::metrics {

using labels = std::vector<std::pair<std::string, std::string>>;

// Writes the Prometheus text exposition format (0.0.4): a HELP and TYPE line per family, then
// its samples. Label values are escaped as the format asks, so camera or device strings cannot
// break a line. Written here because Debian has no C++ Prometheus client library.
class prometheus_text {
public:
    void family(std::string_view name, std::string_view type, std::string_view help);
    void sample(std::string_view name, const labels& set, double value);

    const std::string& text() const { return out_; }

private:
    std::string out_;
};

}  // namespace camtwin::metrics
