#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "metrics/prometheus_text.hpp"

namespace camtwin::metrics {

// Latencies in seconds, in fixed buckets from 1 ms to 10 s: wide enough for a camera call that
// times out, fine enough to see a sub-millisecond twin.
class latency_histogram {
public:
    static constexpr std::array<double, 13> bounds_s{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                     0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

    void observe(double seconds);
    // The _bucket, _sum and _count samples of name with these labels (the family line is the
    // caller's, once for all label sets).
    void write(prometheus_text& out, std::string_view name, const labels& set) const;

private:
    std::array<std::uint64_t, bounds_s.size()> buckets_{};
    std::uint64_t count_ = 0;
    double sum_ = 0.0;
};

}  // namespace camtwin::metrics
