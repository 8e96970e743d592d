#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace camtwin::camera {

struct http_request {
    std::string method = "GET";
    std::string path;  // with query, e.g. /ISAPI/Streaming/channels/101/picture
    std::string body;
    std::string content_type;   // for a body; empty otherwise
    std::string authorization;  // the Authorization header value, when there is one
    std::size_t max_body_bytes = std::size_t{1024} * 1024;
};

struct http_response {
    long status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
    std::string body;

    // Every value of a header (names compare lower-case), in arrival order.
    std::vector<std::string> header_values(std::string_view lower_name) const {
        std::vector<std::string> values;
        for (const auto& [name, value] : headers) {
            if (name == lower_name) {
                values.push_back(value);
            }
        }
        return values;
    }
};

struct http_timeouts {
    std::chrono::milliseconds connect{3000};
    std::chrono::milliseconds total{5000};
};

}  // namespace camtwin::camera
