#include "metrics/latency_histogram.hpp"

#include <fmt/format.h>

namespace camtwin::metrics {

void latency_histogram::observe(double seconds) {
    for (std::size_t i = 0; i < bounds_s.size(); ++i) {
        if (seconds <= bounds_s[i]) {
            ++buckets_[i];
        }
    }
    ++count_;
    sum_ += seconds;
}

void latency_histogram::write(prometheus_text& out, std::string_view name,
                              const labels& set) const {
    const std::string bucket = fmt::format("{}_bucket", name);
    for (std::size_t i = 0; i < bounds_s.size(); ++i) {
        auto with_le = set;
        with_le.emplace_back("le", fmt::format("{}", bounds_s[i]));
        out.sample(bucket, with_le, static_cast<double>(buckets_[i]));
    }
    auto with_inf = set;
    with_inf.emplace_back("le", "+Inf");
    out.sample(bucket, with_inf, static_cast<double>(count_));
    out.sample(fmt::format("{}_sum", name), set, sum_);
    out.sample(fmt::format("{}_count", name), set, static_cast<double>(count_));
}

}  // namespace camtwin::metrics
