#include "metrics/prometheus_text.hpp"

#include <cmath>

#include <fmt/format.h>

namespace camtwin::metrics {
namespace {

std::string escaped(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string number(double value) {
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    if (std::isnan(value)) {
        return "NaN";
    }
    return fmt::format("{}", value);
}

}  // namespace

void prometheus_text::family(std::string_view name, std::string_view type, std::string_view help) {
    out_ += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void prometheus_text::sample(std::string_view name, const labels& set, double value) {
    out_ += name;
    if (!set.empty()) {
        out_ += '{';
        for (std::size_t i = 0; i < set.size(); ++i) {
            out_ +=
                fmt::format("{}{}=\"{}\"", i == 0 ? "" : ",", set[i].first, escaped(set[i].second));
        }
        out_ += '}';
    }
    out_ += ' ';
    out_ += number(value);
    out_ += '\n';
}

}  // namespace camtwin::metrics
