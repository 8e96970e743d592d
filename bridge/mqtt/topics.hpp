#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mqtt/mqtt_connection.hpp"

namespace camtwin::mqtt {

// A command topic taken apart: shifu/<device>/<command>, command being "move/up", "stop", ...
struct command_topic {
    std::string device;
    std::string command;
};

// The topic layout of docs/mqtt.md under one prefix. Pure string work, no state.
class topic_scheme {
public:
    topic_scheme(std::string prefix, std::string client_id);

    std::string bridge_availability() const;
    std::string availability(std::string_view device) const;
    std::string state(std::string_view device) const;
    std::string info(std::string_view device) const;
    std::string info_xml(std::string_view device) const;
    std::string snapshot(std::string_view device) const;
    std::string result(std::string_view device) const;
    std::string command(std::string_view device, std::string_view command) const;

    // What camtwin subscribes to: each command with a '+' for the device, and for move, zoom
    // and preset a '+' for the sub-command too, so unknown devices and sub-commands get an
    // answer.
    std::vector<subscription> command_subscriptions() const;

    // The device and command of a topic under the prefix that one of the subscriptions
    // matches; nullopt for anything else.
    std::optional<command_topic> parse_command(std::string_view topic) const;

    const std::string& prefix() const { return prefix_; }

private:
    std::string prefix_;
    std::string client_id_;
};

}  // namespace camtwin::mqtt
