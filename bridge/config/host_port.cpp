#include "config/host_port.hpp"

#include <algorithm>
#include <charconv>

namespace camtwin {
namespace {

// Names and IPv4 addresses; anything else (a scheme, a path, userinfo) is not a host.
bool valid_host_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_';
}

std::optional<int> parse_port(std::string_view text) {
    int port = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (error != std::errc() || end != text.data() + text.size() || port < 1 || port > 65535) {
        return std::nullopt;
    }
    return port;
}

}  // namespace

std::optional<host_port> parse_host_port(std::string_view text) {
    host_port out;
    std::string_view rest;
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos || close == 1) {
            return std::nullopt;
        }
        out.host = std::string(text.substr(1, close - 1));
        rest = text.substr(close + 1);
        if (out.host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string::npos) {
            return std::nullopt;
        }
    } else {
        const auto colon = text.rfind(':');
        out.host = std::string(text.substr(0, colon));
        rest = colon == std::string_view::npos ? std::string_view() : text.substr(colon);
        if (out.host.empty() || !std::all_of(out.host.begin(), out.host.end(), valid_host_char)) {
            return std::nullopt;
        }
    }
    if (rest.empty()) {
        return out;
    }
    if (!rest.starts_with(':')) {
        return std::nullopt;
    }
    const auto port = parse_port(rest.substr(1));
    if (!port) {
        return std::nullopt;
    }
    out.port = *port;
    return out;
}

}  // namespace camtwin
