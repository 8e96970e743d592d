#include "log/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>

#include "log/json_log_formatter.hpp"

namespace camtwin {

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name) {
    static constexpr std::pair<std::string_view, spdlog::level::level_enum> levels[] = {
        {"trace", spdlog::level::trace}, {"debug", spdlog::level::debug},
        {"info", spdlog::level::info},   {"warn", spdlog::level::warn},
        {"error", spdlog::level::err},   {"off", spdlog::level::off},
    };
    for (const auto& [level_name, level] : levels) {
        if (name == level_name) {
            return level;
        }
    }
    return std::nullopt;
}

std::optional<log_format> parse_log_format(std::string_view name) {
    if (name == "text") {
        return log_format::text;
    }
    if (name == "json") {
        return log_format::json;
    }
    return std::nullopt;
}

log_factory::log_factory(log_settings settings)
    : settings_(settings), sink_(std::make_shared<spdlog::sinks::stderr_sink_mt>()) {
    if (settings_.format == log_format::json) {
        sink_->set_formatter(std::make_unique<json_log_formatter>());
    } else {
        sink_->set_pattern("%Y-%m-%dT%H:%M:%S.%e %-5l [%n] %v");
    }
}

std::shared_ptr<spdlog::logger> log_factory::make(std::string component) const {
    auto logger = std::make_shared<spdlog::logger>(std::move(component), sink_);
    logger->set_level(settings_.level);
    logger->flush_on(spdlog::level::info);
    return logger;
}

}  // namespace camtwin
