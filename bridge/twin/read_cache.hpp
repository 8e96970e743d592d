#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "twin/command_result.hpp"

namespace camtwin::twin {

// Single flight for one kind of read (device info, a snapshot): callers that arrive while a
// camera call is under way wait for that call instead of making their own, and a value younger
// than the caller's max age is served without a call at all. Event-loop thread only.
template <typename T>
class read_cache {
public:
    using clock = std::chrono::steady_clock;
    using reply = std::function<void(const command_result&, std::shared_ptr<const T>)>;

    // The cached value when it is at most max_age old.
    std::shared_ptr<const T> fresh(std::chrono::milliseconds max_age, clock::time_point now) const {
        return value_ && now - taken_at_ <= max_age ? value_ : nullptr;
    }

    // Queues the caller; true when it is the first, i.e. when a camera call must start.
    bool wait(reply done) {
        waiters_.push_back(std::move(done));
        return waiters_.size() == 1;
    }

    // Ends the flight: keeps a good value and answers every waiter with the same result.
    void complete(const command_result& result, std::shared_ptr<const T> value,
                  clock::time_point now) {
        if (result.ok()) {
            value_ = value;
            taken_at_ = now;
        }
        auto waiters = std::move(waiters_);
        waiters_.clear();
        for (auto& done : waiters) {
            done(result, value);
        }
    }

    std::shared_ptr<const T> last() const { return value_; }

private:
    std::shared_ptr<const T> value_;
    clock::time_point taken_at_{};
    std::vector<reply> waiters_;
};

}  // namespace camtwin::twin
