#include "config/secret_resolver.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

namespace camtwin {
namespace {

// Kubernetes and `echo` both end secret files with a newline that is not part of the password.
// A larger file is not a password: refusing it keeps a wrong mount from filling memory.
constexpr std::size_t max_secret_bytes = 4096;

struct secret_lookup {
    std::string variable;
    std::string file;
    std::string file_path;  // config path of the *_file key, for messages
};

std::string trim_line_end(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    return text;
}

std::optional<std::string> read_secret_file(const secret_lookup& where, config_problems& problems) {
    std::ifstream stream(where.file, std::ios::binary);
    if (!stream) {
        problems.add(where.file_path,
                     fmt::format("cannot read \"{}\": {}", where.file, std::strerror(errno)));
        return std::nullopt;
    }
    std::string content;
    content.resize(max_secret_bytes + 1);
    stream.read(content.data(), static_cast<std::streamsize>(content.size()));
    content.resize(static_cast<std::size_t>(stream.gcount()));
    if (content.size() > max_secret_bytes) {
        problems.add(where.file_path,
                     fmt::format("\"{}\" is larger than {} bytes", where.file, max_secret_bytes));
        return std::nullopt;
    }
    content = trim_line_end(std::move(content));
    if (content.empty()) {
        problems.add(where.file_path, fmt::format("\"{}\" is empty", where.file));
        return std::nullopt;
    }
    return content;
}

// What a lookup found: a value and where it came from, nothing, or a file that failed (the
// problem is already recorded then, so no second "missing" line is added).
struct found_secret {
    secret value;
    std::string source;
    bool unreadable = false;
};

found_secret find_secret(const secret_lookup& where, const environment& env,
                         config_problems& problems) {
    if (auto value = env(where.variable); value && !value->empty()) {
        return {secret(std::move(*value)), "environment " + where.variable};
    }
    if (where.file.empty()) {
        return {};
    }
    auto content = read_secret_file(where, problems);
    if (!content) {
        return {secret(), "", true};
    }
    return {secret(std::move(*content)), "file " + where.file};
}

void resolve_broker(mqtt_config& mqtt, const environment& env, config_problems& problems) {
    const secret_lookup where{"CAMTWIN_MQTT_PASSWORD", mqtt.password_file, "mqtt.password_file"};
    auto found = find_secret(where, env, problems);
    mqtt.password = std::move(found.value);
    mqtt.password_source = std::move(found.source);
    if (found.unreadable) {
        return;
    }
    if (!mqtt.username.empty() && mqtt.password.empty()) {
        problems.add("mqtt.username",
                     "is set but there is no password: set mqtt.password_file or "
                     "CAMTWIN_MQTT_PASSWORD");
    }
    if (mqtt.username.empty() && !mqtt.password.empty()) {
        problems.add("mqtt.username", "is required when a broker password is set");
    }
}

void resolve_http_token(http_config& http, const environment& env, config_problems& problems) {
    const secret_lookup where{"CAMTWIN_HTTP_TOKEN", http.token_file, "http.token_file"};
    auto found = find_secret(where, env, problems);
    http.token = std::move(found.value);
    http.token_source = std::move(found.source);
}

void resolve_device(device_config& device, std::size_t index, const environment& env,
                    config_problems& problems) {
    const auto path = fmt::format("devices[{}]", index);
    const secret_lookup where{device_password_variable(device.name), device.password_file,
                              path + ".password_file"};
    auto found = find_secret(where, env, problems);
    device.password = std::move(found.value);
    device.password_source = std::move(found.source);
    if (device.password.empty() && !found.unreadable) {
        problems.add(path,
                     fmt::format("no camera password: set password_file or {}", where.variable));
    }
}

}  // namespace

void resolve_secrets(config& cfg, const environment& env, config_problems& problems) {
    resolve_broker(cfg.mqtt, env, problems);
    resolve_http_token(cfg.http, env, problems);
    for (std::size_t i = 0; i < cfg.devices.size(); ++i) {
        resolve_device(cfg.devices[i], i, env, problems);
    }
}

}  // namespace camtwin
