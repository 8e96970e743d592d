#include "twin/health_backoff.hpp"

#include <algorithm>
#include <cmath>

namespace camtwin::twin {

std::chrono::milliseconds next_probe_delay(std::chrono::milliseconds interval, int failures,
                                           std::chrono::milliseconds max,
                                           const std::function<double()>& jitter) {
    if (failures <= 0) {
        return interval;
    }
    const double grown =
        static_cast<double>(interval.count()) * std::pow(2.0, std::min(failures - 1, 20));
    const double capped = std::min(grown, static_cast<double>(max.count()));
    const double spread = 0.8 + 0.4 * std::clamp(jitter(), 0.0, 1.0);
    return std::chrono::milliseconds(static_cast<long long>(capped * spread));
}

}  // namespace camtwin::twin
