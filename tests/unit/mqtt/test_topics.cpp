#include <catch2/catch.hpp>

#include "mqtt/home_assistant.hpp"
#include "mqtt/recent_ids.hpp"
#include "mqtt/topics.hpp"

using camtwin::mqtt::home_assistant;
using camtwin::mqtt::recent_ids;
using camtwin::mqtt::topic_scheme;

TEST_CASE("topics follow the prefix", "[mqtt]") {
    const topic_scheme topics("site/shifu", "edge-1");

    CHECK(topics.result("cam1") == "site/shifu/cam1/result");
    CHECK(topics.info_xml("cam1") == "site/shifu/cam1/info/xml");
    CHECK(topics.bridge_availability() == "site/shifu/_bridge/edge-1/availability");
    CHECK(topics.command_subscriptions().front().filter == "site/shifu/+/move/+");
}

TEST_CASE("command topics are taken apart, anything else is not a command", "[mqtt]") {
    const topic_scheme topics("shifu", "c");

    auto move = topics.parse_command("shifu/cam1/move/up");
    REQUIRE(move);
    CHECK(move->device == "cam1");
    CHECK(move->command == "move/up");
    CHECK(topics.parse_command("shifu/cam-2/stop")->command == "stop");
    CHECK(topics.parse_command("shifu/cam1/info/get")->command == "info/get");

    CHECK_FALSE(topics.parse_command("shifu//stop"));
    CHECK_FALSE(topics.parse_command("shifu/cam1"));
    CHECK_FALSE(topics.parse_command("shifux/cam1/stop"));
    CHECK_FALSE(topics.parse_command("other/cam1/stop"));
    CHECK_FALSE(topics.parse_command("shifu/cam1/move/up/extra"));
    CHECK_FALSE(topics.parse_command("shifu/cam1/result/x"));
}

TEST_CASE("home assistant config topics are ours only under our node id", "[mqtt]") {
    const topic_scheme topics("shifu", "edge 1");
    camtwin::home_assistant_config config;
    config.enabled = true;
    const home_assistant ha(config, topics, "edge 1");

    const auto configs = ha.configs("cam-1", nullptr);
    REQUIRE(configs.size() == 13);  // one image and twelve buttons
    CHECK(configs.front().topic == "homeassistant/image/camtwin_edge_1/cam-1_snapshot/config");
    CHECK(configs.front().retained);
    for (const auto& message : configs) {
        CHECK(ha.device_of(message.topic) == "cam-1");
    }
    CHECK_FALSE(ha.device_of("homeassistant/button/someone_else/cam-1_stop/config"));
    CHECK_FALSE(ha.device_of("homeassistant/button/camtwin_edge_1/nounderscore/config"));
    CHECK(ha.own_configs_filter() == "homeassistant/+/camtwin_edge_1/+/config");
}

TEST_CASE("recent ids remember a bounded number of ids", "[mqtt]") {
    recent_ids ids(3);

    CHECK(ids.remember("a"));
    CHECK_FALSE(ids.remember("a"));
    CHECK(ids.remember("b"));
    CHECK(ids.remember("c"));
    CHECK(ids.remember("d"));  // "a" is forgotten now
    CHECK(ids.remember("a"));
    CHECK_FALSE(ids.remember("d"));
}
