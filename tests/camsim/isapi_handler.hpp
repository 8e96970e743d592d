#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "camera_context.hpp"
#include "isapi_reply.hpp"
#include "ptz_handler.hpp"

namespace camsim {

// Routes an authorised ISAPI request to its answer. Paths match case-insensitively; unknown paths
// get the camera's HTML 404 page. Loop thread only.
class isapi_handler {
public:
    explicit isapi_handler(camera_context& context) : context_(context), ptz_(context) {}

    isapi_reply handle(const http_request& request);

private:
    isapi_reply system(http::verb verb, const std::vector<std::string>& path, std::string_view url,
                       std::string_view body);
    isapi_reply streaming(http::verb verb, const std::vector<std::string>& path,
                          std::string_view url, std::string_view query);
    isapi_reply picture(const stream_info& stream, std::string_view url, std::string_view query);
    isapi_reply security(http::verb verb, const std::vector<std::string>& path,
                         std::string_view url);
    const stream_info* find_stream(std::string_view id) const;

    camera_context& context_;
    ptz_handler ptz_;
};

// Lower-cased, non-empty segments of a path.
std::vector<std::string> split_path(std::string_view path);

// The value of one query parameter (case-insensitive name), or empty.
std::string query_value(std::string_view query, std::string_view name);

}  // namespace camsim
