#pragma once

#include <chrono>

namespace camtwin::twin {

// A token bucket that spaces the requests to one camera: `burst` requests may go back to back,
// then one every 1/per_second. A request that must not wait (a stop) is spent anyway and the
// debt delays the next ones, so the camera sees the same average rate. Per_second 0 turns the
// pacer off. Not thread-safe: the twin calls it on its loop.
class request_pacer {
public:
    using clock = std::chrono::steady_clock;

    request_pacer(int per_second, int burst, clock::time_point now);

    // How long the next request must wait; zero when it may go now.
    clock::duration delay(clock::time_point now);
    // Counts one request as sent.
    void spend(clock::time_point now);

private:
    void refill(clock::time_point now);

    double per_second_;
    double burst_;
    double tokens_;
    clock::time_point last_refill_;
};

}  // namespace camtwin::twin
