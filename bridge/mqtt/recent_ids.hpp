#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <unordered_set>

namespace camtwin::mqtt {

// The last `capacity` command ids of one device, to drop a QoS 1 redelivery of a command that
// already ran. Bounded: the oldest id is forgotten first.
class recent_ids {
public:
    explicit recent_ids(std::size_t capacity = 1024) : capacity_(capacity) {}

    // True when id is new (and now remembered); false for a repeat.
    bool remember(const std::string& id) {
        if (!known_.insert(id).second) {
            return false;
        }
        order_.push_back(id);
        if (order_.size() > capacity_) {
            known_.erase(order_.front());
            order_.pop_front();
        }
        return true;
    }

private:
    std::size_t capacity_;
    std::deque<std::string> order_;
    std::unordered_set<std::string> known_;
};

}  // namespace camtwin::mqtt
