#include "camera_context.hpp"

namespace camsim {

void request_counters::record_continuous(int pan) {
    const auto now = std::chrono::steady_clock::now().time_since_epoch();
    continuous_arrivals.emplace_back(std::chrono::nanoseconds(now).count(), pan);
    if (continuous_arrivals.size() > max_arrivals) {
        continuous_arrivals.pop_front();
    }
}

nlohmann::json request_counters::to_json() const {
    nlohmann::json by_status = nlohmann::json::object();
    for (const auto& [status, count] : statuses) {
        by_status[std::to_string(status)] = count;
    }
    return {{"requests", requests},     {"authorised", authorised},
            {"statuses", by_status},    {"auth_failures", auth_failures},
            {"challenges", challenges}, {"locked", locked},
            {"stale", stale},           {"resets", resets},
            {"reboots", reboots},       {"continuous_arrivals", continuous_arrivals}};
}

}  // namespace camsim
