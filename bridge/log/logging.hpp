#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

namespace camtwin {

enum class log_format { text, json };

struct log_settings {
    spdlog::level::level_enum level = spdlog::level::info;
    log_format format = log_format::text;
};

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name);
std::optional<log_format> parse_log_format(std::string_view name);

// Makes one logger per component ("config", "service", "mqtt", ...), all writing to stderr in
// one format. Components receive their logger from here; nothing uses spdlog's global registry.
// Thread-safe: the loggers it makes may be used from any thread.
class log_factory {
public:
    explicit log_factory(log_settings settings);

    std::shared_ptr<spdlog::logger> make(std::string component) const;

private:
    log_settings settings_;
    std::shared_ptr<spdlog::sinks::sink> sink_;
};

}  // namespace camtwin
