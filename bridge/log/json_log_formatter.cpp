#include "log/json_log_formatter.hpp"

#include <chrono>

#include <fmt/chrono.h>
#include <nlohmann/json.hpp>

namespace camtwin {

void json_log_formatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
    const auto millis = std::chrono::time_point_cast<std::chrono::milliseconds>(msg.time);
    const nlohmann::json line = {
        {"time", fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", millis)},
        {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                              spdlog::level::to_string_view(msg.level).size())},
        {"component", std::string(msg.logger_name.data(), msg.logger_name.size())},
        {"msg", std::string(msg.payload.data(), msg.payload.size())},
    };
    // Replace, not throw, on invalid UTF-8: a camera's bytes can end up in a message.
    const auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
}

std::unique_ptr<spdlog::formatter> json_log_formatter::clone() const {
    return std::make_unique<json_log_formatter>();
}

}  // namespace camtwin
