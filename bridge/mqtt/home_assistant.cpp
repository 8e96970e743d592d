#include "mqtt/home_assistant.hpp"

#include <array>
#include <cctype>

#include <nlohmann/json.hpp>

#include "app/version.hpp"

namespace camtwin::mqtt {
namespace {

using json = nlohmann::json;

struct button {
    std::string_view entity;   // object id suffix
    std::string_view command;  // topic part after the device
    std::string_view name;
    std::string_view icon;
};

constexpr std::array<button, 12> buttons{{
    {"move_up", "move/up", "Move up", "mdi:arrow-up"},
    {"move_down", "move/down", "Move down", "mdi:arrow-down"},
    {"move_left", "move/left", "Move left", "mdi:arrow-left"},
    {"move_right", "move/right", "Move right", "mdi:arrow-right"},
    {"move_up_left", "move/up-left", "Move up left", "mdi:arrow-top-left"},
    {"move_up_right", "move/up-right", "Move up right", "mdi:arrow-top-right"},
    {"move_down_left", "move/down-left", "Move down left", "mdi:arrow-bottom-left"},
    {"move_down_right", "move/down-right", "Move down right", "mdi:arrow-bottom-right"},
    {"zoom_in", "zoom/in", "Zoom in", "mdi:magnify-plus"},
    {"zoom_out", "zoom/out", "Zoom out", "mdi:magnify-minus"},
    {"stop", "stop", "Stop", "mdi:stop"},
    {"home", "home", "Home", "mdi:home"},
}};

// HA accepts [a-zA-Z0-9_-] in node and object ids; anything else becomes '_'.
std::string ha_id(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '-') {
            c = '_';
        }
    }
    return out;
}

std::string entity_id(std::string_view object_id) {
    std::string out(object_id);
    for (char& c : out) {
        c = std::isalnum(static_cast<unsigned char>(c)) != 0
                ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                : '_';
    }
    return out;
}

}  // namespace

home_assistant::home_assistant(const home_assistant_config& config, const topic_scheme& topics,
                               const std::string& client_id)
    : config_(config), topics_(topics), node_id_("camtwin_" + ha_id(client_id)) {}

std::vector<std::string> home_assistant::status_topics() const {
    // HA's birth topic is a setting of its own, homeassistant/status unless changed; with a
    // custom discovery prefix the operator may have moved it along, so both are heard.
    std::vector<std::string> out{"homeassistant/status"};
    if (config_.prefix != "homeassistant") {
        out.push_back(config_.prefix + "/status");
    }
    return out;
}

std::string home_assistant::own_configs_filter() const {
    return config_.prefix + "/+/" + node_id_ + "/+/config";
}

std::vector<outbound_message> home_assistant::configs(std::string_view device,
                                                      const camera::device_info* info) const {
    const std::string unique = node_id_ + "_" + std::string(device);
    json ha_device{
        {"identifiers", json::array({unique})}, {"name", device}, {"manufacturer", "Hikvision"}};
    if (info) {
        if (!info->model.empty()) {
            ha_device["model"] = info->model;
        }
        if (!info->serial_number.empty()) {
            ha_device["serial_number"] = info->serial_number;
        }
        if (!info->firmware_version.empty()) {
            ha_device["sw_version"] = info->firmware_version;
        }
    }
    const json common{
        {"device", ha_device},
        {"origin", {{"name", "camtwin"}, {"sw_version", camtwin::version}}},
        {"availability", json::array({{{"topic", topics_.bridge_availability()}},
                                      {{"topic", topics_.availability(device)}}})},
        {"availability_mode", "all"},
        {"qos", 1},
    };
    auto message = [&](std::string_view component, std::string_view entity, json body) {
        const std::string object_id = std::string(device) + "_" + std::string(entity);
        body.update(common);
        body["unique_id"] = node_id_ + "_" + object_id;
        // HA entity ids take [a-z0-9_] only (object_id, its older form, ended in 2026.4).
        body["default_entity_id"] = std::string(component) + "." + entity_id(object_id);
        return outbound_message{config_.prefix + "/" + std::string(component) + "/" + node_id_ +
                                    "/" + object_id + "/config",
                                body.dump(-1, ' ', false, json::error_handler_t::replace), 1, true};
    };

    std::vector<outbound_message> out;
    out.push_back(message("image", "snapshot",
                          {{"name", "Snapshot"},
                           {"image_topic", topics_.snapshot(device)},
                           {"content_type", "image/jpeg"}}));
    for (const button& b : buttons) {
        // "{}" rather than HA's default "PRESS": an empty JSON object means every default.
        out.push_back(message("button", b.entity,
                              {{"name", b.name},
                               {"icon", b.icon},
                               {"command_topic", topics_.command(device, b.command)},
                               {"payload_press", "{}"},
                               {"retain", false}}));
    }
    return out;
}

std::optional<std::string> home_assistant::device_of(std::string_view config_topic) const {
    // <prefix>/<component>/<node_id>/<device>_<entity>/config
    const std::string head = config_.prefix + "/";
    const std::string node = "/" + node_id_ + "/";
    if (!config_topic.starts_with(head) || !config_topic.ends_with("/config")) {
        return std::nullopt;
    }
    const auto at = config_topic.find(node, head.size());
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const auto object_id = config_topic.substr(at + node.size());
    // Device names have no '_' ([a-z0-9-]), so the first one ends the name.
    const auto underscore = object_id.find('_');
    if (underscore == 0 || underscore == std::string_view::npos) {
        return std::nullopt;
    }
    return std::string(object_id.substr(0, underscore));
}

}  // namespace camtwin::mqtt
