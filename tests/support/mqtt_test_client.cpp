#include "support/mqtt_test_client.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <mqtt/async_client.h>

#include "mqtt/tcp_nodelay.hpp"

namespace camtwin::test {
namespace {

using clock_type = std::chrono::steady_clock;

// Reason codes from 0x80 up are failures, in SUBACK and PUBACK alike (v3.1.1's SUBACK 0x80 too).
constexpr int first_failure_code = 0x80;

std::runtime_error failure(const std::string& what, const ::mqtt::exception& error) {
    return std::runtime_error("mqtt_test_client: " + what + ": " + error.what());
}

std::optional<std::string> string_property(const ::mqtt::properties& properties,
                                           ::mqtt::property::code code) {
    if (!properties.contains(code)) {
        return std::nullopt;
    }
    return ::mqtt::get<std::string>(properties, code);
}

mqtt_received to_received(const ::mqtt::message& message) {
    mqtt_received received;
    received.topic = message.get_topic();
    received.payload = message.get_payload_str();
    received.qos = message.get_qos();
    received.retained = message.is_retained();
    received.duplicate = message.is_duplicate();
    const auto& properties = message.get_properties();
    received.response_topic = string_property(properties, ::mqtt::property::RESPONSE_TOPIC);
    received.correlation_data = string_property(properties, ::mqtt::property::CORRELATION_DATA);
    return received;
}

::mqtt::create_options create_options(const mqtt_client_options& options) {
    const int version = options.protocol == mqtt_protocol::v5 ? MQTTVERSION_5 : MQTTVERSION_3_1_1;
    ::mqtt::create_options create(version);
    if (options.max_buffered > 0) {
        create.set_send_while_disconnected(true);
        create.set_max_buffered_messages(options.max_buffered);
        create.set_delete_oldest_messages(false);
    }
    return create;
}

::mqtt::connect_options connect_options(const mqtt_client_options& options) {
    ::mqtt::connect_options connect;
    // Paho counts the connect timeout in whole seconds.
    connect.set_connect_timeout(
        std::max(std::chrono::seconds(1),
                 std::chrono::duration_cast<std::chrono::seconds>(options.timeout)));
    connect.set_keep_alive_interval(std::chrono::seconds(30));
    if (options.protocol == mqtt_protocol::v5) {
        // Paho C refuses a v5 connect whose v3 clean-session flag is still set (its default).
        connect.set_mqtt_version(MQTTVERSION_5);
        connect.set_clean_session(false);
        connect.set_clean_start(!options.persistent_session);
        if (options.persistent_session) {
            connect.set_properties(
                ::mqtt::properties{{::mqtt::property::SESSION_EXPIRY_INTERVAL,
                                    static_cast<std::int32_t>(options.session_expiry_s)}});
        }
    } else {
        connect.set_mqtt_version(MQTTVERSION_3_1_1);
        connect.set_clean_start(false);
        connect.set_clean_session(!options.persistent_session);
    }
    if (options.user) {
        connect.set_user_name(*options.user);
        connect.set_password(options.password);
    }
    if (options.auto_reconnect) {
        connect.set_automatic_reconnect(std::chrono::seconds(1), std::chrono::seconds(2));
    }
    return connect;
}

::mqtt::message_ptr make_message(const std::string& topic, std::string_view payload, int qos,
                                 bool retained, const mqtt_publish_properties& extra) {
    ::mqtt::properties properties;
    if (extra.response_topic) {
        properties.add({::mqtt::property::RESPONSE_TOPIC, *extra.response_topic});
    }
    if (extra.correlation_data) {
        properties.add({::mqtt::property::CORRELATION_DATA, *extra.correlation_data});
    }
    return ::mqtt::message::create(topic, ::mqtt::binary(payload), qos, retained, properties);
}

// Paho C++ 1.2.0 wakes a token's waiters before its client lets go of the token: on Paho's
// thread, token::on_success() notifies, then calls client.remove_token(this). Destroying the
// client (or dropping the last reference to the token) right after a wait can therefore race
// with that call. Wait until the client has let go (only `others` references besides ours are
// left), then take the client's mutex, which remove_token() released: from there on Paho's
// thread is done with both, and ThreadSanitizer sees the hand-over too.
// Templates, so that a delivery token is not copied into a token_ptr (one more reference).
template <class token_type>
void settle(const ::mqtt::async_client& client, const std::shared_ptr<token_type>& token,
            long others) {
    const auto deadline = clock_type::now() + std::chrono::seconds(1);
    while (token.use_count() > 1 + others && clock_type::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    client.get_pending_delivery_tokens();
}

// Waits for a token and settles it; throws on failure, on timeout and on a failure reason code.
// others: references to the token besides ours that outlive its completion (the client keeps
// its connect token).
template <class token_type>
void await(const ::mqtt::async_client& client, const std::shared_ptr<token_type>& token,
           std::chrono::milliseconds timeout, const std::string& what, long others = 0) {
    bool done = false;
    try {
        done = token->wait_for(timeout);
    } catch (const ::mqtt::exception& error) {
        settle(client, token, others);
        throw failure(what, error);
    }
    if (!done) {
        throw std::runtime_error("mqtt_test_client: " + what + ": no answer within " +
                                 std::to_string(timeout.count()) + " ms");
    }
    settle(client, token, others);
    if (token->get_reason_code() >= first_failure_code) {
        throw std::runtime_error("mqtt_test_client: " + what + ": reason code " +
                                 std::to_string(token->get_reason_code()));
    }
}

}  // namespace

bool mqtt_topic_matches(std::string_view filter, std::string_view topic) {
    // Wildcards at the first level do not match the broker's own $SYS topics.
    if (topic.starts_with('$') && (filter.starts_with('+') || filter.starts_with('#'))) {
        return false;
    }
    while (true) {
        const auto filter_end = filter.find('/');
        const auto topic_end = topic.find('/');
        const auto level = filter.substr(0, filter_end);
        if (level == "#") {
            return true;
        }
        if (level != "+" && level != topic.substr(0, topic_end)) {
            return false;
        }
        if (filter_end == std::string_view::npos && topic_end == std::string_view::npos) {
            return true;
        }
        if (filter_end == std::string_view::npos || topic_end == std::string_view::npos) {
            // "a/#" also matches "a": the # stands for the parent level too.
            return topic_end == std::string_view::npos && filter.substr(filter_end + 1) == "#";
        }
        filter.remove_prefix(filter_end + 1);
        topic.remove_prefix(topic_end + 1);
    }
}

// Declared in this order so that the Paho client, whose callbacks use the mutex and the list,
// goes before them, and the tokens, which point into the client, go before it.
struct mqtt_test_client::impl {
    mutable std::mutex mutex;
    mutable std::condition_variable arrived;
    std::vector<mqtt_received> received;

    mqtt_client_options options;
    bool session_present = false;
    std::unique_ptr<::mqtt::async_client> client;
    std::vector<::mqtt::delivery_token_ptr> pending;
    int republished = 0;  // publishes that failed as the connection dropped, sent again

    void on_message(const ::mqtt::const_message_ptr& message) {
        {
            const std::lock_guard lock(mutex);
            received.push_back(to_received(*message));
        }
        arrived.notify_all();
    }

    ::mqtt::async_client& connected_client() const {
        if (!client) {
            throw std::logic_error("mqtt_test_client: not connected");
        }
        return *client;
    }

    // The matches among the received messages, waiting until there are at least count.
    std::vector<mqtt_received> wait_matching(const std::function<bool(const mqtt_received&)>& match,
                                             std::size_t count,
                                             std::chrono::milliseconds timeout) const {
        std::vector<mqtt_received> matches;
        std::unique_lock lock(mutex);
        arrived.wait_for(lock, timeout, [&] {
            matches.clear();
            for (const auto& message : received) {
                if (match(message)) {
                    matches.push_back(message);
                }
            }
            return matches.size() >= count;
        });
        return matches;
    }
};

mqtt_test_client::mqtt_test_client() : impl_(std::make_unique<impl>()) {}

mqtt_test_client::~mqtt_test_client() {
    try {
        disconnect();
    } catch (const std::exception&) {
        // The broker may be gone already; the client goes anyway.
    }
}

void mqtt_test_client::connect(mqtt_client_options options) {
    disconnect();

    auto& self = *impl_;
    self.options = std::move(options);
    try {
        self.client = std::make_unique<::mqtt::async_client>(
            self.options.url, self.options.client_id, create_options(self.options), nullptr);
    } catch (const ::mqtt::exception& error) {
        throw failure("cannot create a client for " + self.options.url, error);
    }
    self.client->set_message_callback(
        [&self](const ::mqtt::const_message_ptr& message) { self.on_message(message); });

    const auto token = self.client->connect(connect_options(self.options));
    try {
        // The client keeps its connect token, besides its list of pending ones.
        await(*self.client, token, self.options.timeout, "connect to " + self.options.url, 1);
    } catch (const std::exception&) {
        self.client.reset();
        throw;
    }
    self.session_present = token->get_connect_response().is_session_present();
    // As camtwin does (mqtt/tcp_nodelay.hpp): without it every request-and-answer pair of
    // small packets waits 40 ms on a delayed ACK.
    camtwin::mqtt::set_tcp_nodelay_towards(
        std::stoi(self.options.url.substr(self.options.url.rfind(':') + 1)));
}

bool mqtt_test_client::connected() const {
    return impl_->client && impl_->client->is_connected();
}

bool mqtt_test_client::session_present() const {
    return impl_->session_present;
}

void mqtt_test_client::subscribe(const std::string& filter, int qos) {
    auto& client = impl_->connected_client();
    const auto token = client.subscribe(filter, qos);
    await(client, token, impl_->options.timeout, "subscribe to " + filter);
    // A local: a range-for over a temporary's member would dangle.
    const auto response = token->get_subscribe_response();
    for (const auto code : response.get_reason_codes()) {
        if (code >= first_failure_code) {
            throw std::runtime_error("mqtt_test_client: subscribe to " + filter +
                                     " refused with reason code " + std::to_string(code));
        }
    }
}

void mqtt_test_client::publish(const std::string& topic, std::string_view payload, int qos,
                               bool retained) {
    publish(topic, payload, mqtt_publish_properties{}, qos, retained);
}

void mqtt_test_client::publish(const std::string& topic, std::string_view payload,
                               const mqtt_publish_properties& properties, int qos, bool retained) {
    auto& client = impl_->connected_client();
    ::mqtt::delivery_token_ptr token;
    try {
        token = client.publish(make_message(topic, payload, qos, retained, properties));
    } catch (const ::mqtt::exception& error) {
        throw failure("publish to " + topic, error);
    }
    await(client, token, impl_->options.timeout, "publish to " + topic);
}

void mqtt_test_client::publish_nowait(const std::string& topic, std::string_view payload, int qos,
                                      bool retained) {
    try {
        impl_->pending.push_back(impl_->connected_client().publish(
            make_message(topic, payload, qos, retained, mqtt_publish_properties{})));
    } catch (const ::mqtt::exception& error) {
        throw failure("publish to " + topic, error);
    }
}

bool mqtt_test_client::wait_published(std::chrono::milliseconds timeout) {
    constexpr int max_republished = 10;
    const auto deadline = clock_type::now() + timeout;
    auto& pending = impl_->pending;
    while (!pending.empty()) {
        const auto token = pending.front();
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now());
        bool done = false;
        try {
            done = token->wait_for(left);
        } catch (const ::mqtt::exception&) {
            done = true;  // failed: await() below reports it
        }
        if (!done) {
            return false;
        }
        pending.erase(pending.begin());
        try {
            await(impl_->connected_client(), token, std::chrono::milliseconds(0),
                  "publish to " + token->get_message()->get_topic());
        } catch (const std::runtime_error&) {
            // Paho C 1.3.11 fails (code -1) a publish that it was writing when the connection
            // dropped, instead of keeping it for the resumed session as it keeps the others. A
            // publisher that loses nothing sends such a message again; QoS 1 allows the
            // duplicate.
            if (++impl_->republished > max_republished) {
                throw;
            }
            pending.insert(pending.begin(),
                           impl_->connected_client().publish(token->get_message()));
        }
    }
    return true;
}

void mqtt_test_client::disconnect() {
    auto& self = *impl_;
    self.pending.clear();
    if (!self.client) {
        return;
    }
    // Take the client first: whatever happens below, the next connect() starts afresh.
    const auto client = std::move(self.client);
    if (!client->is_connected()) {
        return;
    }
    await(*client, client->disconnect(), self.options.timeout, "disconnect");
}

std::optional<mqtt_received> mqtt_test_client::wait_for(
    const std::function<bool(const mqtt_received&)>& match,
    std::chrono::milliseconds timeout) const {
    auto matches = impl_->wait_matching(match, 1, timeout);
    if (matches.empty()) {
        return std::nullopt;
    }
    return std::move(matches.front());
}

std::optional<mqtt_received> mqtt_test_client::wait_for_topic(
    const std::string& filter, std::chrono::milliseconds timeout) const {
    return wait_for(
        [&](const mqtt_received& message) { return mqtt_topic_matches(filter, message.topic); },
        timeout);
}

std::vector<mqtt_received> mqtt_test_client::wait_for_count(
    const std::string& filter, std::size_t count, std::chrono::milliseconds timeout) const {
    return impl_->wait_matching(
        [&](const mqtt_received& message) { return mqtt_topic_matches(filter, message.topic); },
        count, timeout);
}

std::vector<mqtt_received> mqtt_test_client::messages() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->received;
}

std::vector<mqtt_received> mqtt_test_client::messages(const std::string& filter) const {
    const std::lock_guard lock(impl_->mutex);
    std::vector<mqtt_received> matches;
    for (const auto& message : impl_->received) {
        if (mqtt_topic_matches(filter, message.topic)) {
            matches.push_back(message);
        }
    }
    return matches;
}

void mqtt_test_client::clear() {
    const std::lock_guard lock(impl_->mutex);
    impl_->received.clear();
}

}  // namespace camtwin::test
