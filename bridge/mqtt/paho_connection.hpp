#pragma once

#include <atomic>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <spdlog/logger.h>

#include "config/config.hpp"
#include "mqtt/mqtt_connection.hpp"

namespace mqtt {
class async_client;
}

namespace camtwin::mqtt {

// mqtt_connection over Eclipse Paho MQTT C++ (async_client). Paho calls back on its own thread;
// every callback is posted into the loop, so the bridge sees one thread. The session is
// persistent (MQTT v5: clean start off and a session expiry; v3.1.1: clean session off) and the
// Last Will is "offline", retained, on the bridge's availability topic. Paho's own automatic
// reconnect is off: the bridge reconnects with its own back-off and jitter, and re-subscribes
// and re-publishes after each connect.
class paho_connection : public mqtt_connection {
public:
    paho_connection(boost::asio::io_context& loop, const mqtt_config& config,
                    std::string will_topic, std::shared_ptr<spdlog::logger> log);
    ~paho_connection() override;

    void set_handlers(handlers h) override { handlers_ = std::move(h); }
    void connect() override;
    void subscribe(const std::vector<subscription>& subscriptions) override;
    bool publish(const outbound_message& message) override;
    void disconnect(std::chrono::milliseconds timeout, std::function<void()> done) override;
    bool is_connected() const override;
    bool supports_properties() const override { return v5_; }

private:
    class listener;

    void post(std::function<void()> event);

    boost::asio::io_context& loop_;
    const mqtt_config& config_;
    std::string will_topic_;
    std::shared_ptr<spdlog::logger> log_;
    bool v5_;
    handlers handlers_;
    // Declared before the client, so that they outlive it: Paho calls them until it is gone.
    std::unique_ptr<listener> connect_listener_;
    std::unique_ptr<listener> disconnect_listener_;
    std::unique_ptr<::mqtt::async_client> client_;
    // Set before the client goes, so that late Paho callbacks post nothing.
    std::shared_ptr<std::atomic<bool>> alive_ = std::make_shared<std::atomic<bool>>(true);
};

}  // namespace camtwin::mqtt
