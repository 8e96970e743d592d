#pragma once

#include <deque>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "alert_hub.hpp"
#include "authenticator.hpp"
#include "fault_settings.hpp"
#include "isapi_documents.hpp"
#include "preset_store.hpp"
#include "ptz_model.hpp"

namespace camsim {

// The camera's hooks into the video side. Any of them may be empty (in-process tests).
struct camera_video {
    std::function<std::string(int width, int height)> snapshot;
    std::function<void(bool)> set_streaming;
    std::function<void(bool)> set_available;
};

// What the control API reports so that tests can prove how a client behaved.
struct request_counters {
    std::map<std::string, long> requests;    // every request, by lower-cased path
    std::map<std::string, long> authorised;  // requests that passed auth, by lower-cased path
    std::map<int, long> statuses;            // answers by HTTP status
    long auth_failures = 0;                  // credentialed attempts that failed verification
    long challenges = 0;                     // 401 answers sent
    long locked = 0;                         // requests refused because the address was locked
    long stale = 0;                          // right password on an unknown nonce or a replayed nc
    long resets = 0;                         // connections reset by the reset fault
    long reboots = 0;
    // When each accepted continuous PUT arrived (steady clock, ns; the same clock in every process
    // on the machine) and its pan, newest last: benchmarks match them to their own send times.
    std::deque<std::pair<std::int64_t, int>> continuous_arrivals;
    static constexpr std::size_t max_arrivals = 4096;

    void record_continuous(int pan);
    nlohmann::json to_json() const;
};

// The state one simulated camera's handlers share. Loop thread only, except `ptz` (thread-safe).
struct camera_context {
    camera_context(const ptz_limits& limits, std::vector<int> special_presets,
                   const auth_settings& auth_config, const clock_function& clock,
                   std::uint32_t seed)
        : ptz(limits, clock),
          presets(std::move(special_presets)),
          auth(auth_config, clock, seed),
          random(seed) {}

    device_identity identity;
    std::vector<stream_info> streams;
    fault_settings faults;
    ptz_model ptz;
    preset_store presets;
    authenticator auth;
    request_counters counters;
    alert_hub alerts;
    camera_video video;
    ptz_position home{0, 0, 10};
    steady_time started = std::chrono::steady_clock::now();
    std::mt19937 random;

    // True with the given probability (fault rates).
    bool chance(double rate) {
        return rate > 0.0 && std::uniform_real_distribution<double>(0.0, 1.0)(random) < rate;
    }
};

}  // namespace camsim
