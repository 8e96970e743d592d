#include <csignal>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../camera/camera_fixture.hpp"
#include "mqtt_fixture.hpp"

using camtwin::test::client_options;
using camtwin::test::eventually;
using camtwin::test::mqtt_client_options;
using camtwin::test::mqtt_received;
using camtwin::test::mqtt_rig;
using camtwin::test::mqtt_test_client;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

int authorised_requests(camtwin::test::camsim_process& sim, const std::string& lower_path) {
    const auto requests = sim.state()["counters"]["authorised"];
    return requests.contains(lower_path) ? requests[lower_path].get<int>() : 0;
}

const std::string continuous = "/isapi/ptzctrl/channels/1/continuous";

}  // namespace

TEST_CASE("mqtt move/up moves the camera and answers with one result", "[mqtt][slow]") {
    mqtt_rig rig;

    rig.client().publish("shifu/cam1/move/up", R"({"id":"m1","speed":50,"duration_ms":2000})");

    const auto result = rig.result("m1");
    REQUIRE(result);
    CHECK((*result)["ok"] == true);
    CHECK((*result)["code"] == "ok");
    CHECK((*result)["command"] == "move/up");
    CHECK((*result)["latency_ms"].get<double>() >= 0.0);
    CHECK(rig.sim().state()["ptz"]["velocity"]["tilt"] == 50);
    // The stop after the duration, then the camera still and the state published as such.
    REQUIRE(eventually([&] { return rig.sim().state()["ptz"]["moving"] == false; }, 5s));
    std::this_thread::sleep_for(300ms);
    CHECK(rig.client().messages("shifu/cam1/result").size() == 1);
    rig.check_published_payloads();
}

TEST_CASE("mqtt answers every command of the contract", "[mqtt][slow]") {
    mqtt_rig rig;
    const std::vector<std::string> moves{
        "move/up",       "move/down",      "move/left",       "move/right", "move/up-left",
        "move/up-right", "move/down-left", "move/down-right", "zoom/in",    "zoom/out"};
    for (const auto& move : moves) {
        INFO(move);
        const auto result = rig.command(move, {{"duration_ms", 50}});
        REQUIRE(result);
        CHECK((*result)["ok"] == true);
    }
    // Ten moves and at least the last one's stop (a move that comes before the previous one's
    // stop replaces that stop), and then a camera at rest. A result comes with the camera's answer
    // to the move, so the last stop is still due when the last result arrives.
    CHECK(eventually([&] { return authorised_requests(rig.sim(), continuous) >= 11; }, 5s));
    CHECK(eventually([&] { return rig.sim().state()["ptz"]["moving"] == false; }, 5s));

    for (const auto& [tail, payload] : std::vector<std::pair<std::string, json>>{
             {"stop", json::object()},
             {"preset/set", {{"preset", 5}, {"name", "gate"}}},
             {"preset/goto", {{"preset", 5}}},
             {"home", json::object()},
             {"info/get", json::object()},
             {"capture", {{"max_age_ms", 0}}}}) {
        INFO(tail);
        const auto result = rig.command(tail, payload);
        REQUIRE(result);
        CHECK((*result)["ok"] == true);
    }
    CHECK(rig.sim().state()["presets"][0]["name"] == "gate");

    // info/get and capture published what they fetched.
    const auto info = rig.observer().wait_for_topic("shifu/cam1/info", 5s);
    REQUIRE(info);
    CHECK(json::parse(info->payload)["model"] == "DS-2DF8425IX-AELW");
    const auto xml = rig.observer().wait_for_topic("shifu/cam1/info/xml", 5s);
    REQUIRE(xml);
    CHECK(xml->payload.find("<DeviceInfo") != std::string::npos);
    const auto snapshot = rig.observer().wait_for_topic("shifu/cam1/snapshot", 5s);
    REQUIRE(snapshot);
    CHECK(snapshot->payload.substr(0, 2) == "\xff\xd8");
    rig.check_published_payloads();
}

TEST_CASE("mqtt answers each kind of bad input with its own code", "[mqtt][slow]") {
    mqtt_rig rig;
    struct bad {
        std::string topic;
        std::string payload;
        std::string code;
    };
    const std::vector<bad> cases{
        {"shifu/nocam/move/up", "", "unknown_device"},
        {"shifu/cam1/move/sideways", "", "unknown_command"},
        {"shifu/cam1/preset/delete", R"({"preset":1})", "unknown_command"},
        {"shifu/cam1/move/up", "{not json", "bad_json"},
        {"shifu/cam1/move/up", "[1]", "bad_json"},
        {"shifu/cam1/move/up", R"({"speed":"fast"})", "wrong_type"},
        {"shifu/cam1/move/up", R"({"speed":101})", "out_of_range"},
        {"shifu/cam1/move/up", R"({"duration_ms":999999})", "out_of_range"},
        {"shifu/cam1/move/up", R"({"sped":10})", "unknown_field"},
        {"shifu/cam1/preset/goto", "{}", "missing_field"},
        {"shifu/cam1/preset/goto", R"({"preset":94})", "refused"},
        {"shifu/cam1/move/up", std::string(20000, ' '), "payload_too_large"},
    };
    for (const auto& c : cases) {
        rig.client().publish(c.topic, c.payload);
    }
    const auto results = rig.client().wait_for_count("shifu/+/result", cases.size(), 10s);
    REQUIRE(results.size() == cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO(cases[i].topic << " " << cases[i].payload.substr(0, 40));
        const auto body = json::parse(results[i].payload);
        CHECK(body["ok"] == false);
        CHECK(body["code"] == cases[i].code);
        CHECK_FALSE(body["message"].get<std::string>().empty());
    }
    // Nothing reached the camera, and camtwin is still there and still answering.
    CHECK(authorised_requests(rig.sim(), continuous) == 0);
    CHECK(authorised_requests(rig.sim(), "/isapi/ptzctrl/channels/1/presets/94/goto") == 0);
    const auto after = rig.command("home", json::object());
    REQUIRE(after);
    CHECK((*after)["ok"] == true);
    rig.check_published_payloads();
}

TEST_CASE("mqtt answers on the v5 response topic with the correlation data", "[mqtt][slow]") {
    mqtt_rig rig;
    mqtt_test_client requester;
    requester.connect(client_options(rig.broker().url(), "requester"));
    requester.subscribe("app/replies/#");

    requester.publish("shifu/cam1/home", R"({"id":"r1"})",
                      {std::string("app/replies/1"), std::string("corr-\x01\x02", 7)});

    const auto reply = requester.wait_for_topic("app/replies/1", 10s);
    REQUIRE(reply);
    CHECK(json::parse(reply->payload)["id"] == "r1");
    REQUIRE(reply->correlation_data);
    CHECK(*reply->correlation_data == std::string("corr-\x01\x02", 7));
    CHECK(rig.result("r1"));  // and on the result topic too
}

TEST_CASE("mqtt retained availability, state and info reach a late subscriber", "[mqtt][slow]") {
    mqtt_rig rig;
    REQUIRE(rig.observer().wait_for_topic("shifu/cam1/info", 10s));

    mqtt_test_client late;
    late.connect(client_options(rig.broker().url(), "late"));
    late.subscribe("shifu/#");

    for (const std::string topic : {"shifu/_bridge/rig/availability", "shifu/cam1/availability",
                                    "shifu/cam1/state", "shifu/cam1/info", "shifu/cam1/info/xml"}) {
        INFO(topic);
        const auto message = late.wait_for_topic(topic, 5s);
        REQUIRE(message);
        CHECK(message->retained);
    }
    CHECK(late.wait_for_topic("shifu/cam1/availability", 1s)->payload == "online");
    CHECK(late.wait_for_topic("shifu/_bridge/rig/availability", 1s)->payload == "online");
}

TEST_CASE("mqtt bridge availability: offline on shutdown, Last Will on SIGKILL", "[mqtt][slow]") {
    mqtt_rig rig;
    const std::string bridge = "shifu/_bridge/rig/availability";
    REQUIRE(rig.observer().wait_for(
        [&](const mqtt_received& m) { return m.topic == bridge && m.payload == "online"; }, 5s));

    SECTION("a clean stop says offline") {
        CHECK(rig.stop_camtwin() == 0);
    }
    SECTION("a killed camtwin leaves its Last Will") {
        rig.camtwin().signal(SIGKILL);
        REQUIRE(rig.camtwin().wait(5s));
    }
    // The broker sends the will after the keep-alive expires (1.5 x 30 s) or at once when the
    // socket closes, as it does for a killed process.
    CHECK(rig.observer().wait_for(
        [&](const mqtt_received& m) { return m.topic == bridge && m.payload == "offline"; }, 10s));
}

TEST_CASE("mqtt availability follows the camera away and back, and state says why",
          "[mqtt][slow]") {
    mqtt_rig rig;
    const auto availability_is = [&](const std::string& value) {
        return rig.observer().wait_for(
            [&](const mqtt_received& m) {
                return m.topic == "shifu/cam1/availability" && m.payload == value;
            },
            10s);
    };
    REQUIRE(availability_is("online"));
    rig.observer().clear();

    rig.sim().set_faults({{"away", true}});
    REQUIRE(availability_is("offline"));
    const auto state = rig.observer().wait_for(
        [](const mqtt_received& m) {
            return m.topic == "shifu/cam1/state" &&
                   json::parse(m.payload)["health"] == "unreachable";
        },
        10s);
    REQUIRE(state);
    CHECK_FALSE(json::parse(state->payload)["last_error"].get<std::string>().empty());

    rig.observer().clear();
    rig.sim().set_faults({{"away", false}});
    CHECK(availability_is("online"));
    rig.check_published_payloads();
}

TEST_CASE("mqtt QoS 1 commands survive a broker restart: none lost, none run twice",
          "[mqtt][slow]") {
    mqtt_rig rig;
    mqtt_test_client publisher;
    auto options = client_options(rig.broker().url(), "publisher");
    options.persistent_session = true;
    options.auto_reconnect = true;
    options.max_buffered = 1000;
    publisher.connect(options);
    rig.client().disconnect();  // results are counted by the observer, which reconnects below

    constexpr int commands = 60;
    for (int i = 0; i < commands; ++i) {
        if (i == commands / 3) {
            rig.broker().stop();
            rig.broker().start();
        }
        publisher.publish_nowait("shifu/cam1/home", json{{"id", "q" + std::to_string(i)}}.dump());
        std::this_thread::sleep_for(20ms);
    }
    REQUIRE(publisher.wait_published(30s));

    // The observer's session was clean: reconnect it and collect results from now on, plus count
    // at the camera, which saw every command that ran.
    REQUIRE(eventually(
        [&] {
            return authorised_requests(rig.sim(), "/isapi/ptzctrl/channels/1/homeposition/goto") >=
                   commands;
        },
        20s));
    std::this_thread::sleep_for(1s);  // a repeat, if any, would arrive now
    CHECK(authorised_requests(rig.sim(), "/isapi/ptzctrl/channels/1/homeposition/goto") ==
          commands);
}

TEST_CASE("mqtt home assistant discovery: published, again on HA's birth, stale ones removed",
          "[mqtt][slow]") {
    // A config left behind by a device that has since left camtwin's config.
    const std::string stale = "homeassistant/button/camtwin_rig/oldcam_stop/config";
    mqtt_rig rig("  home_assistant: {enabled: true}\n");

    const auto configs =
        rig.observer().wait_for_count("homeassistant/+/camtwin_rig/+/config", 13, 10s);
    REQUIRE(configs.size() == 13);
    CHECK(rig.observer().wait_for(
        [](const mqtt_received& m) {
            if (m.topic != "homeassistant/image/camtwin_rig/cam1_snapshot/config") {
                return false;
            }
            const auto body = json::parse(m.payload);
            return body["image_topic"] == "shifu/cam1/snapshot" &&
                   body["device"].value("model", "") == "DS-2DF8425IX-AELW";  // after the info
        },
        10s));

    // HA restarts: it says online, and gets every config again.
    rig.observer().clear();
    rig.client().publish("homeassistant/status", "online");
    CHECK(rig.observer().wait_for_count("homeassistant/+/camtwin_rig/+/config", 13, 10s).size() ==
          13);

    // A retained config of a device camtwin no longer has is emptied (HA then removes it).
    mqtt_test_client old;
    old.connect(client_options(rig.broker().url(), "old"));
    old.publish(stale, R"({"command_topic":"shifu/oldcam/stop","unique_id":"x"})", 1, true);
    CHECK(rig.observer().wait_for(
        [&](const mqtt_received& m) { return m.topic == stale && m.payload.empty(); }, 10s));

    // The button press HA sends ("{}") is a valid command.
    const auto pressed =
        json::parse(rig.observer()
                        .wait_for_topic("homeassistant/button/camtwin_rig/cam1_home/config", 1s)
                        ->payload);
    rig.client().publish(pressed["command_topic"], pressed["payload_press"].get<std::string>());
    const auto result = rig.client().wait_for_topic("shifu/cam1/result", 10s);
    REQUIRE(result);
    CHECK(json::parse(result->payload)["ok"] == true);

    std::vector<mqtt_received> ours;
    for (auto& m : rig.observer().messages()) {
        if (m.topic != stale || m.payload.empty()) {
            ours.push_back(m);
        }
    }
    const auto checked = camtwin::test::validate_payloads(ours);
    INFO(checked.out << checked.err);
    CHECK(checked.exit_code == 0);
}
