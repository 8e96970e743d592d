#include <catch2/catch.hpp>

#include "http/command_reply.hpp"
#include "http/request_target.hpp"

using camtwin::http::parse_target;
using camtwin::http::parse_timeout;

TEST_CASE("request_target splits and decodes the path and the query", "[http]") {
    const auto parsed = parse_target("/devices/cam%201//move/up/?speed=40&duration_ms=&a+b=c%2Bd");
    REQUIRE(parsed.target);
    CHECK(parsed.target->segments == std::vector<std::string>{"devices", "cam 1", "move", "up"});
    CHECK(parsed.target->query_value("speed") == "40");
    CHECK(parsed.target->query_value("duration_ms") == "");
    CHECK(parsed.target->query_value("a b") == "c+d");
    CHECK_FALSE(parsed.target->query_value("missing"));
}

TEST_CASE("request_target keeps the first of repeated query names", "[http]") {
    const auto parsed = parse_target("/x?speed=1&speed=2");
    REQUIRE(parsed.target);
    CHECK(parsed.target->query_value("speed") == "1");
}

TEST_CASE("request_target refuses traversal and smuggled separators", "[http]") {
    for (const char* raw : {"/a/../b", "/a/./b", "/%2e%2e/etc", "/a/%2E%2e", "/a%2fb", "/a%5cb",
                            "/a%00b", "/a%zz", "/a%2", "/a?x=%g0", "http://host/a", "*", ""}) {
        INFO(raw);
        const auto parsed = parse_target(raw);
        CHECK_FALSE(parsed.target);
        CHECK_FALSE(parsed.error.empty());
    }
}

TEST_CASE("request_target bounds the number of segments", "[http]") {
    std::string deep;
    for (int i = 0; i < 40; ++i) {
        deep += "/a";
    }
    CHECK_FALSE(parse_target(deep).target);
    CHECK(parse_target("/").target->segments.empty());
}

TEST_CASE("parse_timeout follows Shifu: seconds, 0 or less for none, else an error", "[http]") {
    CHECK_FALSE(parse_timeout(std::nullopt).limit);
    CHECK(parse_timeout("3").limit == std::chrono::seconds(3));
    CHECK_FALSE(parse_timeout("0").limit);
    CHECK_FALSE(parse_timeout("-7").limit);
    CHECK(parse_timeout("0").error.empty());
    for (const char* bad : {"", "1.5", "3s", " 3", "abc", "99999999999999999999"}) {
        INFO(bad);
        CHECK_FALSE(parse_timeout(bad).error.empty());
    }
}
