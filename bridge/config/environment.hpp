#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace camtwin {

// Looks up an environment variable; nullopt when unset. Passed in rather than read from the
// process, so that tests never touch the real environment.
using environment = std::function<std::optional<std::string>(const std::string& name)>;

environment process_environment();

// CAMTWIN_DEVICE_<NAME>_PASSWORD, with the name upper-cased and '-' turned into '_'. Device
// names are [a-z0-9-], so two devices never share a variable.
std::string device_password_variable(std::string_view device_name);

// Which settings the environment replaced: config path -> variable name. Messages about those
// settings name the variable, since that is where the operator must look.
using environment_overrides = std::map<std::string, std::string, std::less<>>;

// Applies CAMTWIN_MQTT_URL, CAMTWIN_MQTT_USERNAME and CAMTWIN_HTTP_LISTEN. Secrets are resolved
// separately (secret_resolver), from files or the environment.
environment_overrides apply_environment(config& cfg, const environment& env);

}  // namespace camtwin
