// The MQTT test helpers against a real mosquitto: what later MQTT tests rely on must hold here.

#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "support/mosquitto_process.hpp"
#include "support/mqtt_test_client.hpp"

using camtwin::test::mosquitto_options;
using camtwin::test::mosquitto_process;
using camtwin::test::mqtt_client_options;
using camtwin::test::mqtt_protocol;
using camtwin::test::mqtt_publish_properties;
using camtwin::test::mqtt_test_client;
using camtwin::test::mqtt_topic_matches;
using namespace std::chrono_literals;

namespace {

constexpr auto arrival_timeout = 10s;

mqtt_client_options client_options(const mosquitto_process& broker, const std::string& id,
                                   mqtt_protocol protocol = mqtt_protocol::v5) {
    mqtt_client_options options;
    options.url = broker.url();
    options.client_id = id;
    options.protocol = protocol;
    return options;
}

mqtt_client_options persistent(mqtt_client_options options) {
    options.persistent_session = true;
    return options;
}

const char* protocol_name(mqtt_protocol protocol) {
    return protocol == mqtt_protocol::v5 ? "v5" : "v3.1.1";
}

}  // namespace

TEST_CASE("mqtt_topic_matches follows the MQTT wildcard rules", "[mqtt]") {
    CHECK(mqtt_topic_matches("a/b", "a/b"));
    CHECK_FALSE(mqtt_topic_matches("a/b", "a/b/c"));
    CHECK_FALSE(mqtt_topic_matches("a/b/c", "a/b"));
    CHECK(mqtt_topic_matches("a/+/c", "a/b/c"));
    CHECK_FALSE(mqtt_topic_matches("a/+", "a/b/c"));
    CHECK(mqtt_topic_matches("a/#", "a/b/c"));
    CHECK(mqtt_topic_matches("a/#", "a"));
    CHECK(mqtt_topic_matches("+/+", "a/"));
    CHECK(mqtt_topic_matches("#", "a/b"));
    CHECK_FALSE(mqtt_topic_matches("#", "$SYS/broker/uptime"));
}

TEST_CASE("mqtt_test_client gets a retained message as a late subscriber", "[mqtt]") {
    mosquitto_process broker;
    mqtt_test_client publisher;
    publisher.connect(client_options(broker, "retain-pub"));
    publisher.publish("test/retained", "kept", 1, true);
    publisher.publish("test/live", "gone", 1, false);

    mqtt_test_client subscriber;
    subscriber.connect(client_options(broker, "retain-sub"));
    subscriber.subscribe("test/#", 1);

    const auto message = subscriber.wait_for_topic("test/retained", arrival_timeout);
    REQUIRE(message);
    CHECK(message->payload == "kept");
    CHECK(message->retained);
    CHECK(message->qos == 1);
    CHECK(subscriber.messages("test/live").empty());
}

TEST_CASE("mqtt_test_client gets QoS 1 messages queued while its persistent session was away",
          "[mqtt]") {
    const auto protocol = GENERATE(mqtt_protocol::v5, mqtt_protocol::v3_1_1);
    INFO("MQTT " << protocol_name(protocol));
    mosquitto_process broker;
    const auto subscriber_options = persistent(client_options(broker, "queue-sub", protocol));

    mqtt_test_client subscriber;
    subscriber.connect(subscriber_options);
    CHECK_FALSE(subscriber.session_present());
    subscriber.subscribe("test/queued", 1);
    subscriber.disconnect();

    mqtt_test_client publisher;
    publisher.connect(client_options(broker, "queue-pub", protocol));
    publisher.publish("test/queued", std::string("bin\0ary", 7), 1);

    subscriber.connect(subscriber_options);
    CHECK(subscriber.session_present());
    const auto message = subscriber.wait_for_topic("test/queued", arrival_timeout);
    REQUIRE(message);
    CHECK(message->payload == std::string("bin\0ary", 7));
    CHECK_FALSE(message->retained);
}

TEST_CASE("mosquitto_process keeps sessions and queued messages across stop and start", "[mqtt]") {
    mosquitto_process broker;
    const auto port = broker.port();
    const auto subscriber_options = persistent(client_options(broker, "restart-sub"));

    mqtt_test_client subscriber;
    subscriber.connect(subscriber_options);
    subscriber.subscribe("test/queued", 1);
    subscriber.disconnect();

    mqtt_test_client publisher;
    publisher.connect(client_options(broker, "restart-pub"));
    publisher.publish("test/queued", "survives", 1);
    publisher.disconnect();

    broker.stop();
    CHECK_FALSE(broker.running());
    broker.start();
    REQUIRE(broker.running());
    CHECK(broker.port() == port);

    subscriber.connect(subscriber_options);
    CHECK(subscriber.session_present());
    const auto message = subscriber.wait_for_topic("test/queued", arrival_timeout);
    REQUIRE(message);
    CHECK(message->payload == "survives");
}

TEST_CASE("mqtt_test_client round-trips v5 response topic and correlation data", "[mqtt]") {
    mosquitto_process broker;
    mqtt_test_client responder;
    responder.connect(client_options(broker, "responder"));
    responder.subscribe("test/request", 1);
    mqtt_test_client requester;
    requester.connect(client_options(broker, "requester"));
    requester.subscribe("test/reply/requester", 1);

    const std::string correlation("\x01\x00\xff", 3);
    mqtt_publish_properties properties;
    properties.response_topic = "test/reply/requester";
    properties.correlation_data = correlation;
    requester.publish("test/request", "ping", properties, 1);

    const auto request = responder.wait_for_topic("test/request", arrival_timeout);
    REQUIRE(request);
    REQUIRE(request->response_topic == "test/reply/requester");
    REQUIRE(request->correlation_data == correlation);

    mqtt_publish_properties echo;
    echo.correlation_data = request->correlation_data;
    responder.publish(*request->response_topic, "pong", echo, 1);

    const auto reply = requester.wait_for_topic("test/reply/requester", arrival_timeout);
    REQUIRE(reply);
    CHECK(reply->payload == "pong");
    CHECK(reply->correlation_data == correlation);
    CHECK_FALSE(reply->response_topic);
}

// TODO(#5): after the republish fix this still failed once in about 15 local runs (12 s, a wait
// timed out; the output was lost to a later run). The cause is not found yet.
TEST_CASE("mqtt_test_client's buffering publisher loses nothing across a broker restart",
          "[mqtt]") {
    mosquitto_process broker;
    auto subscriber_options = persistent(client_options(broker, "buffer-sub"));
    subscriber_options.auto_reconnect = true;
    mqtt_test_client subscriber;
    subscriber.connect(subscriber_options);
    subscriber.subscribe("test/seq/#", 1);

    auto publisher_options = persistent(client_options(broker, "buffer-pub"));
    publisher_options.auto_reconnect = true;
    publisher_options.max_buffered = 100;
    mqtt_test_client publisher;
    publisher.connect(publisher_options);

    constexpr int count = 20;
    for (int i = 0; i < count / 2; ++i) {
        publisher.publish_nowait("test/seq/" + std::to_string(i), std::to_string(i), 1);
    }
    REQUIRE(publisher.wait_published(arrival_timeout));
    broker.stop();
    for (int i = count / 2; i < count; ++i) {
        publisher.publish_nowait("test/seq/" + std::to_string(i), std::to_string(i), 1);
    }
    broker.start();

    REQUIRE(publisher.wait_published(arrival_timeout));
    const auto received = subscriber.wait_for_count("test/seq/#", count, arrival_timeout);
    std::set<std::string> payloads;
    for (const auto& message : received) {
        payloads.insert(message.payload);
    }
    CHECK(payloads.size() == count);
}

TEST_CASE("mosquitto_process with a user refuses wrong credentials", "[mqtt]") {
    mosquitto_options options;
    options.user = "camtwin";
    options.password = "s3cret pass";
    mosquitto_process broker(options);

    auto anonymous = client_options(broker, "anonymous");
    anonymous.timeout = 3s;
    mqtt_test_client client;
    CHECK_THROWS(client.connect(anonymous));

    auto wrong = anonymous;
    wrong.user = "camtwin";
    wrong.password = "wrong";
    CHECK_THROWS(client.connect(wrong));

    auto right = wrong;
    right.password = "s3cret pass";
    client.connect(right);
    client.subscribe("test/auth", 1);
    client.publish("test/auth", "in", 1);
    const auto message = client.wait_for_topic("test/auth", arrival_timeout);
    REQUIRE(message);
    CHECK(message->payload == "in");
}
