#include <catch2/catch.hpp>

#include "config/host_port.hpp"

TEST_CASE("host_port parses names, IPv4 and bracketed IPv6 with optional ports", "[config]") {
    struct row {
        const char* text;
        bool valid;
        const char* host;
        int port;
    };
    const row rows[] = {
        {"camera.local", true, "camera.local", 0},
        {"192.0.2.1:8000", true, "192.0.2.1", 8000},
        {"[::1]:8080", true, "::1", 8080},
        {"[fe80::1]", true, "fe80::1", 0},
        {"host:65535", true, "host", 65535},
        {"host:65536", false, "", 0},
        {"host:0", false, "", 0},
        {"host:", false, "", 0},
        {"host:80x", false, "", 0},
        {":80", false, "", 0},
        {"", false, "", 0},
        {"http://host", false, "", 0},
        {"user@host", false, "", 0},
        {"host/path", false, "", 0},
        {"[]:80", false, "", 0},
        {"[::1", false, "", 0},
        {"[::1]x", false, "", 0},
        {"[zz::1]:80", false, "", 0},
    };
    for (const auto& [text, valid, host, port] : rows) {
        INFO(text);
        const auto parsed = camtwin::parse_host_port(text);
        REQUIRE(parsed.has_value() == valid);
        if (parsed) {
            CHECK(parsed->host == host);
            CHECK(parsed->port == port);
        }
    }
}
