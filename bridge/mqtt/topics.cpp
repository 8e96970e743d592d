#include "mqtt/topics.hpp"

#include <array>

namespace camtwin::mqtt {
namespace {

// The command part of each subscription, after shifu/+/.
constexpr std::array<std::string_view, 7> command_filters{
    "move/+", "zoom/+", "stop", "preset/+", "home", "info/get", "capture"};

}  // namespace

topic_scheme::topic_scheme(std::string prefix, std::string client_id)
    : prefix_(std::move(prefix)), client_id_(std::move(client_id)) {}

std::string topic_scheme::bridge_availability() const {
    return prefix_ + "/_bridge/" + client_id_ + "/availability";
}

std::string topic_scheme::availability(std::string_view device) const {
    return command(device, "availability");
}

std::string topic_scheme::state(std::string_view device) const {
    return command(device, "state");
}

std::string topic_scheme::info(std::string_view device) const {
    return command(device, "info");
}

std::string topic_scheme::info_xml(std::string_view device) const {
    return command(device, "info/xml");
}

std::string topic_scheme::snapshot(std::string_view device) const {
    return command(device, "snapshot");
}

std::string topic_scheme::result(std::string_view device) const {
    return command(device, "result");
}

std::string topic_scheme::command(std::string_view device, std::string_view name) const {
    std::string topic = prefix_;
    topic.append("/").append(device).append("/").append(name);
    return topic;
}

std::vector<subscription> topic_scheme::command_subscriptions() const {
    std::vector<subscription> out;
    out.reserve(std::size(command_filters));
    for (std::string_view filter : command_filters) {
        out.push_back({command("+", filter), 1});
    }
    return out;
}

std::optional<command_topic> topic_scheme::parse_command(std::string_view topic) const {
    if (!topic.starts_with(prefix_) || topic.size() <= prefix_.size() ||
        topic[prefix_.size()] != '/') {
        return std::nullopt;
    }
    topic.remove_prefix(prefix_.size() + 1);
    const auto slash = topic.find('/');
    if (slash == 0 || slash == std::string_view::npos) {
        return std::nullopt;
    }
    command_topic out{std::string(topic.substr(0, slash)), std::string(topic.substr(slash + 1))};
    // Only what the subscriptions can deliver: one level, or move/zoom/preset plus one level.
    const auto second = out.command.find('/');
    const std::string_view head = std::string_view(out.command).substr(0, second);
    const bool two_levels = second != std::string::npos;
    if (two_levels && (out.command.find('/', second + 1) != std::string::npos ||
                       (head != "move" && head != "zoom" && head != "preset" && head != "info"))) {
        return std::nullopt;
    }
    return out;
}

}  // namespace camtwin::mqtt
