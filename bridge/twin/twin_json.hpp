#pragma once

#include <string>
#include <string_view>

#include "camera/isapi_types.hpp"
#include "twin/twin_state.hpp"

namespace camtwin::twin {

// The twin's state and the camera's info as JSON, the same documents on every front: MQTT
// publishes them (schemas/mqtt/state.schema.json, info.schema.json) and HTTP serves them.
std::string state_json(std::string_view device, const twin_state& state);
std::string info_json(std::string_view device, const camera::device_info& info);

}  // namespace camtwin::twin
