#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "camera/isapi_types.hpp"
#include "config/config.hpp"
#include "mqtt/mqtt_connection.hpp"
#include "mqtt/topics.hpp"

namespace camtwin::mqtt {

// Home Assistant MQTT discovery for camtwin's devices: per camera one HA device with an image
// entity (the snapshot topic) and a button per move, zoom, stop and home. Topics are
// <prefix>/<component>/<node_id>/<device>_<entity>/config, node_id being camtwin's client id
// reduced to the characters HA allows, so that one camtwin's configs can be found (and the
// stale ones removed) without touching anyone else's. Pure: builds messages, sends nothing.
class home_assistant {
public:
    home_assistant(const home_assistant_config& config, const topic_scheme& topics,
                   const std::string& client_id);

    bool enabled() const { return config_.enabled; }

    // Where HA announces itself ("online" after it starts): discovery is published again then.
    std::vector<std::string> status_topics() const;
    // Matches every discovery config this camtwin may have published, for any device.
    std::string own_configs_filter() const;

    // The retained discovery configs of one device; info fills the HA device's model, serial
    // number and firmware when it is known.
    std::vector<outbound_message> configs(std::string_view device,
                                          const camera::device_info* info) const;

    // The device a config topic of ours belongs to; nullopt for a topic that is not ours.
    std::optional<std::string> device_of(std::string_view config_topic) const;

private:
    home_assistant_config config_;
    const topic_scheme& topics_;
    std::string node_id_;
};

}  // namespace camtwin::mqtt
