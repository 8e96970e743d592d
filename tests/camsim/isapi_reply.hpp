#pragma once

#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "ptz_requests.hpp"
#include "xml_writer.hpp"

namespace camsim {

namespace http = boost::beast::http;
using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;

// What the session does after sending the answer.
enum class reply_action { none, alert_stream, reboot, close };

struct isapi_reply {
    http_response response;
    reply_action action = reply_action::none;
};

// Answers in the camera's formats. The session adds the connection headers.
namespace replies {

isapi_reply xml(http::status status, std::string body);
isapi_reply ok(xml_namespace ns, std::string_view url);
isapi_reply status(xml_namespace ns, http::status status, std::string_view url, int code,
                   std::string_view text, std::string_view sub_code);
isapi_reply not_found(std::string_view path);
isapi_reply unauthorized();

// 403 with statusCode 6 "Invalid Operation" / methodNotAllowed, as the DS-2DF8425IX-AELW does.
isapi_reply method_not_allowed(xml_namespace ns, std::string_view url);

// 403 with statusCode 4 invalidOperation.
isapi_reply invalid_operation(xml_namespace ns, std::string_view url);

// 400 with 5 badXmlFormat or 6 badXmlContent.
isapi_reply bad_body(xml_namespace ns, std::string_view url, body_error error);

isapi_reply jpeg(std::string bytes);

}  // namespace replies

}  // namespace camsim
