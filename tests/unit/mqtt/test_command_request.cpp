#include <catch2/catch.hpp>

#include "mqtt/command_request.hpp"

using camtwin::mqtt::command_kind;
using camtwin::mqtt::command_request;
using camtwin::mqtt::decode_command;
using camtwin::mqtt::request_error;
using camtwin::twin::result_code;
using namespace std::chrono_literals;

namespace {

const camtwin::mqtt::command_defaults defaults{60, 200, 5000};

command_request accepted(std::string_view command, std::string_view payload) {
    auto decoded = decode_command(command, payload, defaults);
    if (auto* error = std::get_if<request_error>(&decoded)) {
        FAIL("refused: " << error->message);
    }
    return std::get<command_request>(decoded);
}

request_error refused(std::string_view command, std::string_view payload) {
    auto decoded = decode_command(command, payload, defaults);
    REQUIRE(std::holds_alternative<request_error>(decoded));
    return std::get<request_error>(decoded);
}

}  // namespace

TEST_CASE("an empty move payload means the device's defaults", "[mqtt]") {
    const auto move = accepted("move/up-left", "");

    CHECK(move.kind == command_kind::move);
    CHECK(move.velocity == camtwin::twin::ptz_velocity{-60, 60, 0});
    CHECK(move.duration == 200ms);
    CHECK(move.id.empty());
}

TEST_CASE("move and zoom fields are read", "[mqtt]") {
    const auto zoom = accepted("zoom/out", R"({"id":"z1","speed":25,"duration_ms":5000})");

    CHECK(zoom.velocity == camtwin::twin::ptz_velocity{0, 0, -25});
    CHECK(zoom.duration == 5000ms);
    CHECK(zoom.id == "z1");
    CHECK(accepted("move/down", R"({"speed":50.0})").velocity.tilt == -50);
}

TEST_CASE("preset, info and capture fields are read", "[mqtt]") {
    const auto set = accepted("preset/set", R"({"preset":7,"name":"gate"})");
    CHECK(set.kind == command_kind::preset_set);
    CHECK(set.preset == 7);
    CHECK(set.preset_name == "gate");
    CHECK(accepted("preset/set", R"({"preset":8})").preset_name == "Preset 8");
    CHECK(accepted("capture", R"({"max_age_ms":1500})").max_age == 1500ms);
    CHECK(accepted("info/get", "{}").kind == command_kind::info_get);
    CHECK(accepted("home", "{}").kind == command_kind::home);
    CHECK(accepted("stop", R"({"id":"s"})").kind == command_kind::stop);
}

TEST_CASE("each kind of bad payload gets its own code and names the problem", "[mqtt]") {
    struct bad {
        std::string_view command;
        std::string_view payload;
        result_code code;
        std::string_view message;
    };
    const std::vector<bad> cases{
        {"move/up", "{", result_code::bad_json, "the payload is not JSON"},
        {"move/up", "[1,2]", result_code::bad_json, "the payload must be a JSON object, got array"},
        {"move/up", "null", result_code::bad_json, "the payload must be a JSON object, got null"},
        {"move/up", R"({"duraton_ms":100})", result_code::unknown_field,
         "move/up does not take a field \"duraton_ms\""},
        {"stop", R"({"speed":10})", result_code::unknown_field,
         "stop does not take a field \"speed\""},
        {"move/up", R"({"speed":"fast"})", result_code::wrong_type,
         "speed must be an integer, got \"fast\""},
        {"move/up", R"({"speed":1.5})", result_code::wrong_type,
         "speed must be an integer, got 1.5"},
        {"move/up", R"({"id":42})", result_code::wrong_type, "id must be a string, got 42"},
        {"move/up", R"({"speed":0})", result_code::out_of_range, "speed must be 1..100, got 0"},
        {"move/up", R"({"duration_ms":5001})", result_code::out_of_range,
         "duration_ms must be 1..5000, got 5001"},
        {"move/up", R"({"speed":1e300})", result_code::wrong_type,
         "speed must be an integer, got 1e+300"},
        {"preset/goto", "{}", result_code::missing_field, "preset/goto needs a field \"preset\""},
        {"preset/goto", R"({"preset":301})", result_code::out_of_range,
         "preset must be 1..300, got 301"},
        {"preset/set", R"({"preset":3,"name":""})", result_code::out_of_range,
         "name must be 1..32 characters, got 0"},
        {"move/sideways", "", result_code::unknown_command, "no command \"move/sideways\""},
        {"zoom/up", "", result_code::unknown_command, "no command \"zoom/up\""},
        {"preset/delete", "", result_code::unknown_command, "no command \"preset/delete\""},
    };
    for (const auto& c : cases) {
        INFO(c.command << " " << c.payload);
        const auto error = refused(c.command, c.payload);
        CHECK(error.code == c.code);
        CHECK(error.message == c.message);
    }
}

TEST_CASE("an error result keeps the payload's id", "[mqtt]") {
    CHECK(refused("move/up", R"({"id":"x7","speed":0})").id == "x7");
    CHECK(refused("move/up", R"({"speed":0,"id":"x8"})").id == "x8");
}

TEST_CASE("hostile payloads are refused without harm", "[mqtt]") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(refused("move/up", deep).code == result_code::bad_json);
    CHECK(refused("move/up", std::string("\xff\xfe{", 3)).code == result_code::bad_json);
    const std::string long_id = R"({"id":")" + std::string(129, 'a') + R"("})";
    CHECK(refused("stop", long_id).code == result_code::out_of_range);
}
