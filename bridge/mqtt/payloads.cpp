#include "mqtt/payloads.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

namespace camtwin::mqtt {
namespace {

using json = nlohmann::json;

// Camera strings are untrusted bytes; JSON needs valid UTF-8, so bad sequences are replaced.
std::string dump(const json& document) {
    return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string result_json(const result_fields& fields) {
    const double latency = std::round(fields.latency_ms * 1000.0) / 1000.0;
    return dump({{"id", fields.id},
                 {"device", fields.device},
                 {"command", fields.command},
                 {"ok", fields.result.ok()},
                 {"code", twin::to_string(fields.result.code)},
                 {"message", fields.result.message},
                 {"latency_ms", latency}});
}

std::string availability_of(const twin::twin_state& state) {
    const bool answering =
        state.status == twin::health::online || state.status == twin::health::degraded;
    return answering ? "online" : "offline";
}

}  // namespace camtwin::mqtt
