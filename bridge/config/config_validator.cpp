#include "config/config_validator.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "config/host_port.hpp"

namespace camtwin {
namespace {

constexpr std::size_t max_name_length = 63;

std::string where(const environment_overrides& overrides, std::string_view path) {
    const auto found = overrides.find(path);
    return found == overrides.end() ? std::string(path)
                                    : fmt::format("{} (from {})", path, found->second);
}

bool has_scheme(std::string_view url, std::initializer_list<std::string_view> schemes) {
    return std::any_of(schemes.begin(), schemes.end(),
                       [&](std::string_view scheme) { return url.starts_with(scheme); });
}

// A topic level or prefix that camtwin publishes under: wildcards or empty levels would make
// the subscriptions match other devices' topics.
bool is_valid_topic_prefix(std::string_view prefix) {
    const bool bad_char = prefix.find_first_of("+#\0", 0, 3) != std::string_view::npos;
    return !prefix.empty() && !bad_char && !prefix.starts_with('/') && !prefix.ends_with('/') &&
           prefix.find("//") == std::string_view::npos;
}

void validate_tls(const mqtt_tls_config& tls, config_problems& problems) {
    for (const auto& [key, file] :
         {std::pair{"ca_file", &tls.ca_file}, std::pair{"cert_file", &tls.cert_file},
          std::pair{"key_file", &tls.key_file}}) {
        std::error_code error;
        if (!file->empty() && !std::filesystem::is_regular_file(*file, error)) {
            problems.add(std::string("mqtt.tls.") + key,
                         fmt::format("no such file: \"{}\"", *file));
        }
    }
    if (tls.cert_file.empty() != tls.key_file.empty()) {
        problems.add("mqtt.tls", "cert_file and key_file go together");
    }
}

void validate_mqtt(const mqtt_config& mqtt, const environment_overrides& overrides,
                   config_problems& problems) {
    const auto scheme_end = mqtt.url.find("://");
    const bool known_scheme = has_scheme(mqtt.url, {"tcp://", "ssl://", "mqtt://", "mqtts://"});
    if (!known_scheme || !parse_host_port(std::string_view(mqtt.url).substr(scheme_end + 3))) {
        problems.add(
            where(overrides, "mqtt.url"),
            fmt::format("must be tcp://host[:port] or ssl://host[:port], got \"{}\"", mqtt.url));
    }
    if (mqtt.client_id.empty() || mqtt.client_id.size() > 128 ||
        mqtt.client_id.find_first_of("/+#") != std::string::npos) {
        // It is a topic level too: shifu/_bridge/<client_id>/availability.
        problems.add("mqtt.client_id",
                     fmt::format("must be 1..128 characters without '/', '+' or '#', got \"{}\"",
                                 mqtt.client_id));
    }
    if (mqtt.protocol_version != "5" && mqtt.protocol_version != "3.1.1") {
        problems.add("mqtt.protocol_version",
                     fmt::format("must be \"5\" or \"3.1.1\", got \"{}\"", mqtt.protocol_version));
    }
    if (mqtt.reconnect.min_ms > mqtt.reconnect.max_ms) {
        problems.add("mqtt.reconnect.min_ms",
                     fmt::format("must not exceed reconnect.max_ms ({}), got {}",
                                 mqtt.reconnect.max_ms, mqtt.reconnect.min_ms));
    }
    validate_tls(mqtt.tls, problems);
    if (!is_valid_topic_prefix(mqtt.topic_prefix)) {
        problems.add("mqtt.topic_prefix",
                     fmt::format("must be a topic without wildcards or empty levels, got \"{}\"",
                                 mqtt.topic_prefix));
    }
    if (!is_valid_topic_prefix(mqtt.home_assistant.prefix)) {
        problems.add("mqtt.home_assistant.prefix",
                     fmt::format("must be a topic without wildcards or empty levels, got \"{}\"",
                                 mqtt.home_assistant.prefix));
    }
}

// Returns the main listener's port (0 when http.listen is invalid).
int validate_http(const http_config& http, const environment_overrides& overrides,
                  config_problems& problems) {
    const auto listen = parse_host_port(http.listen);
    if (!listen || listen->port == 0) {
        problems.add(where(overrides, "http.listen"),
                     fmt::format("must be host:port, got \"{}\"", http.listen));
        return 0;
    }
    return listen->port;
}

void validate_stream(const stream_config& stream, const std::string& path,
                     config_problems& problems) {
    if (stream.rtsp_url.empty()) {
        return;
    }
    if (!has_scheme(stream.rtsp_url, {"rtsp://", "rtsps://"})) {
        problems.add(
            path + ".rtsp_url",
            fmt::format("must start with rtsp:// or rtsps://, got \"{}\"", stream.rtsp_url));
        return;
    }
    const auto authority =
        std::string_view(stream.rtsp_url).substr(stream.rtsp_url.find("://") + 3);
    const auto host = authority.substr(0, authority.find('/'));
    if (host.empty()) {
        problems.add(path + ".rtsp_url", fmt::format("has no host: \"{}\"", stream.rtsp_url));
    } else if (host.find('@') != std::string_view::npos) {
        // Printing the URL here could print a password: name the problem only.
        problems.add(path + ".rtsp_url",
                     "must not contain credentials; camtwin adds the device's username and "
                     "password");
    }
}

void validate_device(const device_config& device, const std::string& path,
                     config_problems& problems) {
    if (!device.name.empty() && !is_valid_device_name(device.name)) {
        problems.add(path + ".name",
                     fmt::format("must match [a-z0-9][a-z0-9-]{{0,62}}, got \"{}\"", device.name));
    }
    if (!device.address.empty() && !parse_host_port(device.address)) {
        problems.add(path + ".address",
                     fmt::format("must be host[:port] without a scheme or path, got \"{}\"",
                                 device.address));
    }
    if (device.username.empty()) {
        problems.add(path + ".username", "must not be empty");
    }
    if (device.ptz.duration_ms > device.ptz.max_duration_ms) {
        problems.add(path + ".ptz.duration_ms",
                     fmt::format("must not exceed ptz.max_duration_ms ({}), got {}",
                                 device.ptz.max_duration_ms, device.ptz.duration_ms));
    }
    if (device.timeouts.connect_ms > device.timeouts.request_ms) {
        problems.add(path + ".timeouts.connect_ms",
                     fmt::format("must not exceed timeouts.request_ms ({}), got {}",
                                 device.timeouts.request_ms, device.timeouts.connect_ms));
    }
    if (device.auth_backoff.first_s > device.auth_backoff.max_s) {
        problems.add(path + ".auth_backoff.first_s",
                     fmt::format("must not exceed auth_backoff.max_s ({}), got {}",
                                 device.auth_backoff.max_s, device.auth_backoff.first_s));
    }
    validate_stream(device.stream, path + ".stream", problems);
}

void validate_unique_names_and_ports(const config& cfg, int main_port, config_problems& problems) {
    std::map<std::string, std::string> names;  // name -> path of its first use
    std::map<int, std::string> ports{{main_port, "http.listen"}};
    for (std::size_t i = 0; i < cfg.devices.size(); ++i) {
        const auto& device = cfg.devices[i];
        const auto path = fmt::format("devices[{}]", i);
        if (const auto [first, added] = names.emplace(device.name, path);
            !added && !device.name.empty()) {
            problems.add(path + ".name", fmt::format("\"{}\" is already the name of {}",
                                                     device.name, first->second));
        }
        if (device.http_port == 0) {
            continue;
        }
        if (const auto [first, added] = ports.emplace(device.http_port, path + ".http_port");
            !added) {
            problems.add(path + ".http_port", fmt::format("port {} is already used by {}",
                                                          device.http_port, first->second));
        }
    }
}

}  // namespace

bool is_valid_device_name(std::string_view name) {
    const auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    return !name.empty() && name.size() <= max_name_length && allowed(name.front()) &&
           std::all_of(name.begin(), name.end(), [&](char c) { return allowed(c) || c == '-'; });
}

void validate_config(const config& cfg, const environment_overrides& overrides,
                     config_problems& problems) {
    validate_mqtt(cfg.mqtt, overrides, problems);
    const int main_port = validate_http(cfg.http, overrides, problems);
    if (cfg.devices.empty()) {
        problems.add("devices", "at least one device is required");
    }
    if (cfg.devices.size() > max_devices) {
        problems.add("devices", fmt::format("at most {} devices are supported, got {}", max_devices,
                                            cfg.devices.size()));
    }
    for (std::size_t i = 0; i < cfg.devices.size(); ++i) {
        validate_device(cfg.devices[i], fmt::format("devices[{}]", i), problems);
    }
    validate_unique_names_and_ports(cfg, main_port, problems);
}

}  // namespace camtwin
