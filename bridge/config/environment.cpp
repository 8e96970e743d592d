#include "config/environment.hpp"

#include <cctype>
#include <cstdlib>

namespace camtwin {

environment process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        return value == nullptr ? std::nullopt : std::optional<std::string>(value);
    };
}

std::string device_password_variable(std::string_view device_name) {
    std::string variable = "CAMTWIN_DEVICE_";
    for (const char c : device_name) {
        variable += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return variable + "_PASSWORD";
}

environment_overrides apply_environment(config& cfg, const environment& env) {
    struct binding {
        const char* variable;
        const char* path;
        std::string* target;
    };
    const binding bindings[] = {
        {"CAMTWIN_MQTT_URL", "mqtt.url", &cfg.mqtt.url},
        {"CAMTWIN_MQTT_USERNAME", "mqtt.username", &cfg.mqtt.username},
        {"CAMTWIN_HTTP_LISTEN", "http.listen", &cfg.http.listen},
    };

    environment_overrides overrides;
    for (const auto& [variable, path, target] : bindings) {
        if (auto value = env(variable)) {
            *target = std::move(*value);
            overrides.emplace(path, variable);
        }
    }
    return overrides;
}

}  // namespace camtwin
