#pragma once

#include "config/config.hpp"
#include "config/config_error.hpp"
#include "config/environment.hpp"

namespace camtwin {

inline constexpr std::size_t max_devices = 256;

// Checks what single fields cannot: formats of URLs and addresses, unique device names and
// ports, limits that relate two settings. Settings replaced by the environment are named with
// their variable.
void validate_config(const config& cfg, const environment_overrides& overrides,
                     config_problems& problems);

// [a-z0-9][a-z0-9-]{0,62}: a DNS label, since the name becomes a Kubernetes Service name and an
// MQTT topic level.
bool is_valid_device_name(std::string_view name);

}  // namespace camtwin
