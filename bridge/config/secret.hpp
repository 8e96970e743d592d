#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace camtwin {

// A password or token. It can only be read through reveal(), so a secret never reaches a log line,
// a metric or a printed config by accident: formatting one prints a fixed mask.
class secret {
public:
    secret() = default;
    explicit secret(std::string value) : value_(std::move(value)) {}

    bool empty() const { return value_.empty(); }

    // The one way to the plain text: call it only where the value goes to its destination
    // (an Authorization header, a broker login).
    const std::string& reveal() const { return value_; }

    bool operator==(const secret&) const = default;

private:
    std::string value_;
};

}  // namespace camtwin

template <>
struct fmt::formatter<camtwin::secret> : fmt::formatter<std::string_view> {
    template <typename Context>
    auto format(const camtwin::secret& value, Context& ctx) const {
        return fmt::formatter<std::string_view>::format(value.empty() ? "" : "<redacted>", ctx);
    }
};
