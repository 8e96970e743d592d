#include "http/request_target.hpp"

namespace camtwin::http {
namespace {

constexpr std::size_t max_segments = 32;

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Percent-decoding; in a query, '+' is a space. nullopt for a broken escape.
std::optional<std::string> decode(std::string_view in, bool query) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '%') {
            if (i + 2 >= in.size()) {
                return std::nullopt;
            }
            const int high = hex_value(in[i + 1]);
            const int low = hex_value(in[i + 2]);
            if (high < 0 || low < 0) {
                return std::nullopt;
            }
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (query && in[i] == '+') {
            out += ' ';
        } else {
            out += in[i];
        }
    }
    return out;
}

std::optional<std::string> check_segment(std::string_view raw, std::string& error) {
    auto segment = decode(raw, false);
    if (!segment) {
        error = "bad percent-encoding in the path";
        return std::nullopt;
    }
    if (*segment == "." || *segment == "..") {
        error = "\".\" and \"..\" are not allowed in the path";
        return std::nullopt;
    }
    if (segment->find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
        error = "an encoded \"/\", \"\\\" or NUL is not allowed in the path";
        return std::nullopt;
    }
    return segment;
}

bool parse_query(std::string_view raw, request_target& out) {
    while (!raw.empty()) {
        const auto end = raw.find('&');
        const auto pair = raw.substr(0, end);
        raw = end == std::string_view::npos ? std::string_view{} : raw.substr(end + 1);
        if (pair.empty()) {
            continue;
        }
        const auto equals = pair.find('=');
        auto name = decode(pair.substr(0, equals), true);
        auto value = decode(equals == std::string_view::npos ? "" : pair.substr(equals + 1), true);
        if (!name || !value) {
            return false;
        }
        out.query.emplace(std::move(*name), std::move(*value));
    }
    return true;
}

}  // namespace

std::optional<std::string_view> request_target::query_value(std::string_view name) const {
    const auto found = query.find(name);
    if (found == query.end()) {
        return std::nullopt;
    }
    return found->second;
}

parsed_target parse_target(std::string_view raw) {
    if (raw.empty() || raw.front() != '/') {
        return {std::nullopt, "the target must be a path starting with \"/\""};
    }
    const auto question = raw.find('?');
    auto path = raw.substr(0, question);
    request_target out;
    if (question != std::string_view::npos && !parse_query(raw.substr(question + 1), out)) {
        return {std::nullopt, "bad percent-encoding in the query"};
    }
    std::string error;
    while (!path.empty()) {
        const auto end = path.find('/');
        const auto raw_segment = path.substr(0, end);
        path = end == std::string_view::npos ? std::string_view{} : path.substr(end + 1);
        if (raw_segment.empty()) {
            continue;
        }
        auto segment = check_segment(raw_segment, error);
        if (!segment) {
            return {std::nullopt, error};
        }
        if (out.segments.size() == max_segments) {
            return {std::nullopt, "the path has too many segments"};
        }
        out.segments.push_back(std::move(*segment));
    }
    return {std::move(out), ""};
}

}  // namespace camtwin::http
