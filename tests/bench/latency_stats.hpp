#pragma once

#include <algorithm>
#include <cstdio>
#include <vector>

namespace camtwin::bench {

// The value at fraction p (0..1) of sorted samples, nearest rank.
inline double percentile(const std::vector<double>& sorted, double p) {
    const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

// One line: count, median, p90, p99 and max of latencies in milliseconds.
inline void print_latencies(const char* what, const char* unit, std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    std::printf("%-10s %s %zu  median %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms\n", what, unit,
                ms.size(), percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99),
                ms.back());
}

}  // namespace camtwin::bench
