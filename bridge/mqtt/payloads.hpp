#pragma once

#include <string>
#include <string_view>

#include "camera/isapi_types.hpp"
#include "twin/command_result.hpp"
#include "twin/twin_json.hpp"
#include "twin/twin_state.hpp"

namespace camtwin::mqtt {

// The JSON documents camtwin publishes; their schemas are in schemas/mqtt/. The state and
// info documents are the twin's own (twin/twin_json.hpp), shared with the HTTP front.

struct result_fields {
    std::string id;
    std::string device;
    std::string command;
    twin::command_result result;
    double latency_ms = 0.0;
};

std::string result_json(const result_fields& fields);

// "online" while the camera answers with the credentials (online or degraded), else "offline".
std::string availability_of(const twin::twin_state& state);

}  // namespace camtwin::mqtt
