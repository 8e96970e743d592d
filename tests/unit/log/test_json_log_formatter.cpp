#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/details/log_msg.h>

#include "log/json_log_formatter.hpp"

TEST_CASE("json log formatter writes one parsable object per line", "[log]") {
    camtwin::json_log_formatter formatter;
    const spdlog::details::log_msg msg("mqtt", spdlog::level::warn,
                                       "camera said \"no\"\nthen \x01 and \xff");
    spdlog::memory_buf_t out;

    formatter.format(msg, out);
    const std::string line(out.data(), out.size());

    REQUIRE(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);
    const auto parsed = nlohmann::json::parse(line);
    CHECK(parsed["level"] == "warning");
    CHECK(parsed["component"] == "mqtt");
    CHECK(parsed["msg"].get<std::string>().starts_with("camera said \"no\"\nthen \x01 and "));
    CHECK(parsed["time"].get<std::string>().ends_with("Z"));
}
