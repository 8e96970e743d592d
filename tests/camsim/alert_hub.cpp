#include "alert_hub.hpp"

namespace camsim {

std::shared_ptr<alert_hub::subscriber> alert_hub::subscribe(std::shared_ptr<connection> conn) {
    prune();
    auto sub = std::make_shared<subscriber>(subscriber{std::move(conn), {}});
    subscribers_.push_back(sub);
    return sub;
}

std::size_t alert_hub::publish(const std::string& document) {
    prune();
    for (auto& weak : subscribers_) {
        auto sub = weak.lock();
        sub->pending.push_back(document);
        sub->conn->wake().cancel();
    }
    return subscribers_.size();
}

std::size_t alert_hub::count() {
    prune();
    return subscribers_.size();
}

void alert_hub::prune() {
    subscribers_.remove_if([](const std::weak_ptr<subscriber>& weak) {
        auto sub = weak.lock();
        return !sub || !sub->conn->is_open();
    });
}

}  // namespace camsim
