#pragma once

#include <string>
#include <string_view>

#include <boost/beast/core/string_type.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace camtwin::http {

namespace beast_http = boost::beast::http;

using request = beast_http::request<beast_http::string_body>;
using response = beast_http::response<beast_http::string_body>;
using status = beast_http::status;

inline constexpr std::string_view text_plain = "text/plain; charset=utf-8";
inline constexpr std::string_view text_html = "text/html; charset=utf-8";
inline constexpr std::string_view application_json = "application/json";

// Beast's string_view (Boost's) as the standard one.
inline std::string_view to_std(boost::beast::string_view text) {
    return {text.data(), text.size()};
}

// A complete answer with a body of the given type; the session sets the version, keep-alive and
// length.
response make_response(status code, std::string body, std::string_view content_type);

}  // namespace camtwin::http
