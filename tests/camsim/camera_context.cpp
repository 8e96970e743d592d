#include "camera_context.hpp"

namespace camsim {

nlohmann::json request_counters::to_json() const {
    nlohmann::json by_status = nlohmann::json::object();
    for (const auto& [status, count] : statuses) {
        by_status[std::to_string(status)] = count;
    }
    return {{"requests", requests},     {"authorised", authorised},
            {"statuses", by_status},    {"auth_failures", auth_failures},
            {"challenges", challenges}, {"locked", locked},
            {"stale", stale},           {"resets", resets},
            {"reboots", reboots}};
}

}  // namespace camsim
