#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace camtwin::mqtt {

// A message as the bridge sees it, whatever the client library.
struct inbound_message {
    std::string topic;
    std::string payload;
    int qos = 0;
    bool retained = false;
    bool duplicate = false;      // a redelivery the broker flagged
    std::string response_topic;  // MQTT v5; empty when absent
    std::string correlation_data;
    std::chrono::steady_clock::time_point arrived;  // when the library handed it over
};

struct outbound_message {
    outbound_message() = default;
    outbound_message(std::string to, std::string body, int quality, bool retain,
                     std::string correlation = {})
        : topic(std::move(to)),
          payload(std::move(body)),
          qos(quality),
          retained(retain),
          correlation_data(std::move(correlation)) {}

    std::string topic;
    std::string payload;
    int qos = 1;
    bool retained = false;
    std::string correlation_data;  // MQTT v5; sent only when not empty
};

struct subscription {
    std::string filter;
    int qos = 1;
};

// The narrow face of an MQTT client that the bridge is written against. The implementation
// (paho_connection) posts every event into the service's event loop, so the handlers and every
// member run on the loop thread. connect() and disconnect() are asynchronous; their outcome
// arrives as an event.
class mqtt_connection {
public:
    struct handlers {
        std::function<void()> connected;
        std::function<void(const std::string& reason)> disconnected;  // lost, or connect failed
        std::function<void(inbound_message)> message;
    };

    virtual ~mqtt_connection() = default;

    virtual void set_handlers(handlers h) = 0;
    virtual void connect() = 0;
    virtual void subscribe(const std::vector<subscription>& subscriptions) = 0;
    // Hands the message to the client library without waiting for the broker. False when it
    // cannot be sent now (not connected, or the library refused it); the caller decides.
    virtual bool publish(const outbound_message& message) = 0;
    // Ends the session cleanly (no Last Will); done runs on the loop when it has ended or the
    // timeout passed.
    virtual void disconnect(std::chrono::milliseconds timeout, std::function<void()> done) = 0;
    virtual bool is_connected() const = 0;
    virtual bool supports_properties() const = 0;  // MQTT v5
};

}  // namespace camtwin::mqtt
