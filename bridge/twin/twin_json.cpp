#include "twin/twin_json.hpp"

#include <fmt/chrono.h>
#include <nlohmann/json.hpp>

namespace camtwin::twin {
namespace {

using json = nlohmann::json;

// RFC 3339 in UTC with milliseconds: 2026-12-03T20:01:02.345Z.
std::string utc_timestamp(std::chrono::system_clock::time_point at) {
    const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(at);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at - seconds).count();
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", seconds, ms);
}

// Camera strings are untrusted bytes; JSON needs valid UTF-8, so bad sequences are replaced.
std::string dump(const json& document) {
    return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string state_json(std::string_view device, const twin::twin_state& state) {
    json out{{"device", device},
             {"health", to_string(state.status)},
             {"last_error", state.last_error},
             {"last_success", nullptr},
             {"auth_scheme", state.auth_scheme},
             {"moving", state.moving},
             {"ptz", nullptr}};
    if (state.last_success) {
        out["last_success"] = utc_timestamp(*state.last_success);
    }
    if (state.stream) {
        out["stream"] = {{"state", state.stream->state}, {"last_error", state.stream->last_error}};
    }
    if (state.position) {
        out["ptz"] = {{"azimuth", state.position->azimuth},
                      {"elevation", state.position->elevation},
                      {"zoom", state.position->zoom}};
    }
    return dump(out);
}

std::string info_json(std::string_view device, const camera::device_info& info) {
    return dump({{"device", device},
                 {"device_name", info.device_name},
                 {"device_id", info.device_id},
                 {"model", info.model},
                 {"serial_number", info.serial_number},
                 {"mac_address", info.mac_address},
                 {"firmware_version", info.firmware_version},
                 {"firmware_released_date", info.firmware_released_date},
                 {"device_type", info.device_type},
                 {"manufacturer", info.manufacturer}});
}

}  // namespace camtwin::twin
