#pragma once

#include <memory>

#include <spdlog/formatter.h>

namespace camtwin {

// One JSON object per line: {"time":..., "level":..., "component":..., "msg":...}, with the
// message escaped, for log collectors that parse JSON lines.
class json_log_formatter final : public spdlog::formatter {
public:
    void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
    std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace camtwin
