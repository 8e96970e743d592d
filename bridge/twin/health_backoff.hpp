#pragma once

#include <chrono>
#include <functional>

namespace camtwin::twin {

// The wait before the next health probe: the configured interval while the camera is fine and
// after its first failure (so that a camera that comes back is seen within two intervals), then
// twice the last wait for each further failure, up to max, with +-20 % jitter so that many
// twins whose cameras share a power cut do not probe in step. jitter() returns 0..1.
std::chrono::milliseconds next_probe_delay(std::chrono::milliseconds interval, int failures,
                                           std::chrono::milliseconds max,
                                           const std::function<double()>& jitter);

}  // namespace camtwin::twin
