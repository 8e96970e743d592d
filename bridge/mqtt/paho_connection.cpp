#include "mqtt/paho_connection.hpp"

#include <boost/asio/post.hpp>
#include <mqtt/async_client.h>

#include "config/host_port.hpp"
#include "mqtt/tcp_nodelay.hpp"

namespace camtwin::mqtt {
namespace {

// Paho takes tcp:// and ssl://; the config also accepts the mqtt:// and mqtts:// spellings.
std::string paho_uri(const std::string& url) {
    if (url.starts_with("mqtts://")) {
        return "ssl://" + url.substr(8);
    }
    if (url.starts_with("mqtt://")) {
        return "tcp://" + url.substr(7);
    }
    return url;
}

bool is_tls(const std::string& url) {
    return url.starts_with("ssl://") || url.starts_with("mqtts://");
}

// The broker's port: the URL's, or the scheme's default.
int broker_port(const std::string& url) {
    const auto scheme_end = url.find("://");
    const auto address =
        parse_host_port(scheme_end == std::string::npos ? url : url.substr(scheme_end + 3));
    if (address && address->port != 0) {
        return address->port;
    }
    return is_tls(url) ? 8883 : 1883;
}

::mqtt::connect_options connect_options_for(const mqtt_config& config, bool v5,
                                            const std::string& will_topic) {
    ::mqtt::connect_options_builder builder;
    // The version first: setting it resets the clean-session or clean-start flag.
    builder.mqtt_version(v5 ? MQTTVERSION_5 : MQTTVERSION_3_1_1);
    builder.keep_alive_interval(std::chrono::seconds(config.keepalive_s))
        .connect_timeout(std::chrono::seconds(10))
        .will(::mqtt::message(will_topic, std::string("offline"), 1, true))
        .automatic_reconnect(false);
    if (v5) {
        builder.clean_session(false).clean_start(false);  // properties: see connect()
    } else {
        builder.clean_session(false);
    }
    if (!config.username.empty()) {
        builder.user_name(config.username).password(config.password.reveal());
    }
    if (is_tls(config.url)) {
        ::mqtt::ssl_options_builder tls;
        tls.enable_server_cert_auth(true).verify(true);
        if (!config.tls.ca_file.empty()) {
            tls.trust_store(config.tls.ca_file);
        }
        if (!config.tls.cert_file.empty()) {
            tls.key_store(config.tls.cert_file).private_key(config.tls.key_file);
        }
        builder.ssl(tls.finalize());
    }
    return builder.finalize();
}

}  // namespace

// Paho reports the outcome of connect() and disconnect() to a listener object.
class paho_connection::listener : public ::mqtt::iaction_listener {
public:
    listener(std::function<void()> success, std::function<void(std::string)> failure)
        : success_(std::move(success)), failure_(std::move(failure)) {}

    void on_success(const ::mqtt::token&) override { success_(); }
    void on_failure(const ::mqtt::token& token) override {
        failure_(::mqtt::exception::reason_code_str(token.get_reason_code()) + " (return code " +
                 std::to_string(token.get_return_code()) + ")");
    }

private:
    std::function<void()> success_;
    std::function<void(std::string)> failure_;
};

paho_connection::paho_connection(boost::asio::io_context& loop, const mqtt_config& config,
                                 std::string will_topic, std::shared_ptr<spdlog::logger> log)
    : loop_(loop),
      config_(config),
      will_topic_(std::move(will_topic)),
      log_(std::move(log)),
      v5_(config.protocol_version == "5") {
    client_ = std::make_unique<::mqtt::async_client>(
        paho_uri(config.url), config.client_id,
        ::mqtt::create_options(v5_ ? MQTTVERSION_5 : MQTTVERSION_3_1_1));

    client_->set_message_callback([this](const ::mqtt::const_message_ptr& message) {
        inbound_message in;
        in.arrived = std::chrono::steady_clock::now();
        in.topic = message->get_topic();
        in.payload = message->get_payload_str();
        in.qos = message->get_qos();
        in.retained = message->is_retained();
        in.duplicate = message->is_duplicate();
        const auto& props = message->get_properties();
        if (props.contains(::mqtt::property::RESPONSE_TOPIC)) {
            in.response_topic = ::mqtt::get<std::string>(props, ::mqtt::property::RESPONSE_TOPIC);
        }
        if (props.contains(::mqtt::property::CORRELATION_DATA)) {
            in.correlation_data =
                ::mqtt::get<std::string>(props, ::mqtt::property::CORRELATION_DATA);
        }
        post([this, in = std::move(in)]() mutable {
            if (handlers_.message) {
                handlers_.message(std::move(in));
            }
        });
    });
    client_->set_connection_lost_handler([this](const std::string& cause) {
        post([this, cause] {
            if (handlers_.disconnected) {
                handlers_.disconnected(cause.empty() ? "connection lost" : cause);
            }
        });
    });
    connect_listener_ = std::make_unique<listener>(
        [this] {
            // On Paho's thread, right after the CONNACK: the socket exists and nothing else is
            // written on it yet.
            set_tcp_nodelay_towards(broker_port(config_.url));
            post([this] {
                if (handlers_.connected) {
                    handlers_.connected();
                }
            });
        },
        [this](const std::string& reason) {
            post([this, reason] {
                if (handlers_.disconnected) {
                    handlers_.disconnected("connect failed: " + reason);
                }
            });
        });
}

paho_connection::~paho_connection() {
    alive_->store(false);
    try {
        if (client_->is_connected()) {
            client_->disconnect(0)->wait_for(std::chrono::milliseconds(500));
        }
    } catch (const ::mqtt::exception&) {
        // Going away either way.
    }
}

void paho_connection::post(std::function<void()> event) {
    boost::asio::post(loop_, [alive = alive_, event = std::move(event)] {
        if (alive->load()) {
            event();
        }
    });
}

void paho_connection::connect() {
    try {
        auto options = connect_options_for(config_, v5_, will_topic_);
        if (v5_) {
            // Set on the very object connect() copies from: Paho C++ 1.2.0 copies a
            // connect_options with its C struct still pointing at the source's properties, so
            // properties set through the builder (gone by now) were read after free.
            options.set_properties(
                {{::mqtt::property::SESSION_EXPIRY_INTERVAL, config_.session_expiry_s}});
        }
        client_->connect(options, nullptr, *connect_listener_);
    } catch (const ::mqtt::exception& error) {
        post([this, reason = std::string(error.what())] {
            if (handlers_.disconnected) {
                handlers_.disconnected("connect failed: " + reason);
            }
        });
    }
}

void paho_connection::subscribe(const std::vector<subscription>& subscriptions) {
    // One SUBSCRIBE per filter: Paho C++ 1.2.0 crashes in MQTTAsync_subscribeMany when it is
    // given per-filter v5 options.
    for (const auto& s : subscriptions) {
        try {
            if (v5_) {
                // No local: camtwin never needs to hear its own publications.
                client_->subscribe(
                    s.filter, s.qos,
                    ::mqtt::subscribe_options(::mqtt::subscribe_options::SUBSCRIBE_NO_LOCAL));
            } else {
                client_->subscribe(s.filter, s.qos);
            }
        } catch (const ::mqtt::exception& error) {
            log_->warn("subscribe to {} failed: {}", s.filter, error.what());
        }
    }
}

bool paho_connection::publish(const outbound_message& message) {
    auto out = ::mqtt::make_message(message.topic, message.payload, message.qos, message.retained);
    if (v5_ && !message.correlation_data.empty()) {
        out->set_properties({{::mqtt::property::CORRELATION_DATA, message.correlation_data}});
    }
    try {
        client_->publish(out);
        return true;
    } catch (const ::mqtt::exception& error) {
        log_->debug("publish to {} not sent: {}", message.topic, error.what());
        return false;
    }
}

void paho_connection::disconnect(std::chrono::milliseconds timeout, std::function<void()> done) {
    auto finished = std::make_shared<std::function<void()>>(std::move(done));
    auto finish = [this, finished] {
        post([finished] {
            if (*finished) {
                std::exchange(*finished, nullptr)();
            }
        });
    };
    disconnect_listener_ =
        std::make_unique<listener>(finish, [finish](const std::string&) { finish(); });
    try {
        if (!client_->is_connected()) {
            finish();
            return;
        }
        client_->disconnect(static_cast<int>(timeout.count()), nullptr, *disconnect_listener_);
    } catch (const ::mqtt::exception& error) {
        log_->debug("disconnect: {}", error.what());
        finish();
    }
}

bool paho_connection::is_connected() const {
    return client_->is_connected();
}

}  // namespace camtwin::mqtt
