#include "http/http_message.hpp"

#include <boost/beast/http/field.hpp>

namespace camtwin::http {

response make_response(status code, std::string body, std::string_view content_type) {
    response out{code, 11};
    out.set(beast_http::field::content_type, std::string(content_type));
    out.set(beast_http::field::cache_control, "no-store");
    out.body() = std::move(body);
    return out;
}

}  // namespace camtwin::http
