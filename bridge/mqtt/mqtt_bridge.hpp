#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/logger.h>

#include "config/config.hpp"
#include "mqtt/command_request.hpp"
#include "mqtt/home_assistant.hpp"
#include "mqtt/mqtt_connection.hpp"
#include "mqtt/recent_ids.hpp"
#include "mqtt/topics.hpp"
#include "twin/device_twin.hpp"

namespace camtwin::mqtt {

// Counters for the metrics endpoint (#6) and the logs.
struct bridge_stats {
    std::uint64_t reconnects = 0;
    std::uint64_t commands = 0;
    std::uint64_t duplicates_dropped = 0;
    std::uint64_t results_dropped = 0;  // the outbox overflowed while the broker was away
    std::uint64_t snapshots_dropped = 0;
};

// The MQTT front of the service (docs/mqtt.md): turns command messages into twin calls and
// answers each with one result, publishes every twin's availability, state, info and snapshots,
// and Home Assistant discovery. It owns the reconnect loop: after each connect it subscribes
// again and re-publishes what is retained, because a broker that lost the session would
// otherwise leave camtwin deaf and its topics stale.
//
// Threads: every member runs on the loop thread (the connection posts its events there).
class mqtt_bridge {
public:
    struct device_binding {
        const device_config* config = nullptr;
        std::shared_ptr<twin::device_twin> twin;
    };

    mqtt_bridge(boost::asio::io_context& loop, const mqtt_config& config,
                std::vector<device_binding> devices, std::unique_ptr<mqtt_connection> connection,
                std::shared_ptr<spdlog::logger> log);

    void start();
    // Publishes the bridge's "offline" and ends the session; done runs when it has ended.
    void shutdown(std::function<void()> done);

    // Called once per command answered, for the metrics: device, command, result, latency.
    using command_observer = std::function<void(const std::string&, const std::string&,
                                                const twin::command_result&, double)>;
    void on_command(command_observer observer) { observer_ = std::move(observer); }

    bool connected() const { return connected_; }
    const bridge_stats& stats() const { return stats_; }

private:
    struct device_link {
        device_binding binding;
        std::string name;
        std::shared_ptr<const camera::device_info> info;
        std::string availability;  // as last published; empty before the first probe
        recent_ids seen;
        std::unique_ptr<boost::asio::steady_timer> info_timer;
        std::unique_ptr<boost::asio::steady_timer> snapshot_timer;
    };

    // The connection.
    void connect();
    void on_connected();
    void on_disconnected(const std::string& reason);
    std::vector<subscription> subscriptions() const;

    // Commands.
    void on_message(const inbound_message& message);
    void handle_command(const command_topic& topic, const inbound_message& message);
    void run(device_link& device, const command_request& request, const inbound_message& message);
    void answer(const std::string& device, const std::string& command, std::string id,
                const twin::command_result& result, const inbound_message& message);

    // What camtwin publishes.
    void on_state(device_link& device, const twin::twin_state& state);
    void publish_retained(device_link& device);
    void fetch_info(device_link& device, std::chrono::milliseconds max_age,
                    std::function<void(const twin::command_result&)> done);
    void publish_info(device_link& device);
    void fetch_snapshot(device_link& device, std::chrono::milliseconds max_age,
                        std::function<void(const twin::command_result&)> done);
    void publish_discovery(device_link& device);
    void remove_stale_discovery(const inbound_message& message);
    // Runs tick every interval_s seconds until shutdown; 0 never.
    void every(boost::asio::steady_timer& timer, int interval_s, std::function<void()> tick);
    void send(outbound_message message);
    void send_or_keep(outbound_message message);
    void flush_outbox();

    device_link* find(const std::string& name);
    std::string make_id();

    const mqtt_config& config_;
    topic_scheme topics_;
    home_assistant discovery_;
    std::map<std::string, device_link> devices_;
    std::unique_ptr<mqtt_connection> connection_;
    std::shared_ptr<spdlog::logger> log_;

    bool connected_ = false;
    bool stopping_ = false;
    int failed_attempts_ = 0;
    boost::asio::steady_timer reconnect_timer_;
    std::deque<outbound_message> outbox_;
    bridge_stats stats_;
    command_observer observer_;
    std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace camtwin::mqtt
