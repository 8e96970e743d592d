#include "twin/request_pacer.hpp"

#include <algorithm>
#include <cmath>

namespace camtwin::twin {

request_pacer::request_pacer(int per_second, int burst, clock::time_point now)
    : per_second_(per_second), burst_(std::max(burst, 1)), tokens_(burst_), last_refill_(now) {}

request_pacer::clock::duration request_pacer::delay(clock::time_point now) {
    if (per_second_ <= 0) {
        return clock::duration::zero();
    }
    refill(now);
    if (tokens_ >= 1.0) {
        return clock::duration::zero();
    }
    const std::chrono::duration<double> wait((1.0 - tokens_) / per_second_);
    // Rounded up: a timer that fires a hair early would find the bucket still short.
    return std::chrono::ceil<clock::duration>(wait);
}

void request_pacer::spend(clock::time_point now) {
    if (per_second_ <= 0) {
        return;
    }
    refill(now);
    // The debt of forced requests is bounded, so a storm of stops cannot silence the camera
    // for longer than one burst takes to earn back.
    tokens_ = std::max(tokens_ - 1.0, -burst_);
}

void request_pacer::refill(clock::time_point now) {
    const std::chrono::duration<double> elapsed = now - last_refill_;
    if (elapsed.count() > 0) {
        tokens_ = std::min(burst_, tokens_ + elapsed.count() * per_second_);
        last_refill_ = now;
    }
}

}  // namespace camtwin::twin
