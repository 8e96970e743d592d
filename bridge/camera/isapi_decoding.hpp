#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "camera/isapi_types.hpp"

namespace camtwin::camera {

// Decoders for the ISAPI documents camtwin reads. Each takes the body and the request path (for
// messages), tolerates missing, extra and reordered elements and any namespace, range-checks
// every number, and throws camera_error(bad_response) on what it cannot use.

device_info decode_device_info(std::string_view body, std::string path);
ptz_position decode_ptz_status(std::string_view body, std::string path);
std::vector<ptz_preset> decode_presets(std::string_view body, std::string path);
ptz_capabilities decode_ptz_capabilities(std::string_view body, std::string path);
std::vector<streaming_channel> decode_streaming_channels(std::string_view body, std::string path);

// A ResponseStatus document, or nullopt when the body is not one. Never throws.
std::optional<response_status> decode_response_status(std::string_view body);

// The ids of a specialNo opt list ("33,34,35,90"); unparsable items are skipped.
std::vector<int> parse_id_list(std::string_view list);

}  // namespace camtwin::camera
