#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace camtwin {

// "host", "host:port", "[v6]:port". The host is kept as written (a name or an address).
struct host_port {
    std::string host;
    int port = 0;  // 0 when the text had none
};

// nullopt when the text is not of that form, or the port is not 1..65535.
std::optional<host_port> parse_host_port(std::string_view text);

}  // namespace camtwin
