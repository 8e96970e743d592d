#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace camtwin::test {

enum class mqtt_protocol { v3_1_1, v5 };

struct mqtt_client_options {
    std::string url;  // tcp://127.0.0.1:PORT
    std::string client_id;
    mqtt_protocol protocol = mqtt_protocol::v5;

    // false: a clean start (v5) or clean session (v3.1.1); the broker forgets the client at
    // connect and, in v5, at disconnect. true: resume the session the broker kept for this
    // client id, or create one that outlives the connection (v5: clean start off and a session
    // expiry of session_expiry_s; v3.1.1: clean session off, kept until the broker drops it).
    bool persistent_session = false;
    std::uint32_t session_expiry_s = 3600;

    std::optional<std::string> user;  // with password; none: connect anonymously
    std::string password;

    // Reconnect by itself after a lost connection, first after 1 s, then every 2 s. A clean
    // session comes back without its subscriptions; use a persistent session to keep them.
    bool auto_reconnect = false;

    // > 0: publish_nowait() keeps accepting messages while the connection is down (after the
    // first successful connect) and buffers up to this many; see publish_nowait().
    int max_buffered = 0;

    // Bounds every wait of connect(), subscribe(), publish() and disconnect().
    std::chrono::milliseconds timeout = std::chrono::seconds(10);
};

// MQTT v5 publish properties; empty ones are not sent.
struct mqtt_publish_properties {
    std::optional<std::string> response_topic;
    std::optional<std::string> correlation_data;  // bytes
};

struct mqtt_received {
    std::string topic;
    std::string payload;  // bytes, as received
    int qos = 0;
    bool retained = false;
    bool duplicate = false;
    std::optional<std::string> response_topic;    // v5 only
    std::optional<std::string> correlation_data;  // v5 only, bytes
};

// True when an MQTT topic filter (with + and #) matches a topic name.
bool mqtt_topic_matches(std::string_view filter, std::string_view topic);

// An MQTT client for tests (Paho C++ underneath, kept out of this header): connects, subscribes,
// publishes and collects every message it receives, in arrival order, until clear().
//
// connect(), subscribe(), publish*(), wait_published() and disconnect() belong to one test thread.
// Messages arrive on Paho's thread; messages(), clear() and the wait_for*() functions may be
// called from any thread. Every wait is bounded; failures throw std::runtime_error.
//
// Received messages survive disconnect() and connect(), so a test can reconnect a persistent
// session and wait for what the broker queued meanwhile.
//
// Paho C 1.3.11/1.3.12 (Debian 12) is slow to connect a client while another client of the same
// process is connected: about 2 s instead of milliseconds (eclipse/paho.mqtt.c#1430, fixed
// upstream later). Timeouts here allow for it; tests should not add clients they do not need.
class mqtt_test_client {
public:
    mqtt_test_client();
    ~mqtt_test_client();

    mqtt_test_client(const mqtt_test_client&) = delete;
    mqtt_test_client& operator=(const mqtt_test_client&) = delete;

    // Connects (a new Paho client each time; disconnects first when connected) and waits for the
    // broker's CONNACK. Throws on refusal or after options.timeout.
    void connect(mqtt_client_options options);

    bool connected() const;

    // Whether the broker resumed a session at the last connect().
    bool session_present() const;

    // Subscribes and waits for the SUBACK; throws when the broker refuses the filter.
    void subscribe(const std::string& filter, int qos = 1);

    // Publishes and waits until the message is done: PUBACK for QoS 1, sent for QoS 0.
    void publish(const std::string& topic, std::string_view payload, int qos = 1,
                 bool retained = false);
    void publish(const std::string& topic, std::string_view payload,
                 const mqtt_publish_properties& properties, int qos = 1, bool retained = false);

    // Publishes without waiting; wait_published() waits for all of them.
    //
    // With max_buffered, auto_reconnect and a persistent session this is a publisher that
    // loses no QoS 1 message across a broker restart or a dropped connection: a message
    // published while disconnected waits in Paho's buffer, one in flight when the connection
    // dropped is sent again (flagged duplicate) after the reconnect (by wait_published() when
    // Paho failed it instead), and each is delivered to the
    // broker at least once, possibly twice. The buffer is in memory only (it dies with
    // the test process), holds at most max_buffered messages (publish_nowait throws beyond
    // that), and before the first successful connect nothing is buffered. Whether subscribers
    // get them is the broker's business: subscribers need persistent sessions, and a broker that
    // is killed may lose what it had not saved yet. Paho C 1.3.11 sends a backlog slowly: once
    // the broker's Receive Maximum (mosquitto: 20) is in flight, about that many per second.
    void publish_nowait(const std::string& topic, std::string_view payload, int qos = 1,
                        bool retained = false);

    // Waits until every publish_nowait() message is done; false on timeout. Throws when one
    // failed.
    bool wait_published(std::chrono::milliseconds timeout);

    // Disconnects cleanly (a DISCONNECT packet, so no Last Will) and waits for it; a no-op when
    // not connected.
    void disconnect();

    // The first received message (oldest first, including those already received) that matches,
    // waiting for one until the timeout; nullopt on timeout. match runs under the client's lock:
    // it must not call this client.
    std::optional<mqtt_received> wait_for(const std::function<bool(const mqtt_received&)>& match,
                                          std::chrono::milliseconds timeout) const;

    // The first received message on a topic that the filter matches.
    std::optional<mqtt_received> wait_for_topic(const std::string& filter,
                                                std::chrono::milliseconds timeout) const;

    // Waits until at least count received messages match the filter; returns all the matching
    // ones (fewer than count on timeout).
    std::vector<mqtt_received> wait_for_count(const std::string& filter, std::size_t count,
                                              std::chrono::milliseconds timeout) const;

    std::vector<mqtt_received> messages() const;

    // Received messages on topics the filter matches (an exact topic matches itself).
    std::vector<mqtt_received> messages(const std::string& filter) const;

    void clear();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace camtwin::test
