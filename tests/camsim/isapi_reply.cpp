#include "isapi_reply.hpp"

#include "isapi_documents.hpp"

namespace camsim::replies {

namespace {

isapi_reply make(http::status status, std::string_view content_type, std::string body) {
    isapi_reply reply;
    reply.response.result(status);
    reply.response.version(11);
    reply.response.set(http::field::content_type, std::string(content_type));
    reply.response.body() = std::move(body);
    return reply;
}

}  // namespace

isapi_reply xml(http::status status, std::string body) {
    return make(status, "application/xml", std::move(body));
}

isapi_reply ok(xml_namespace ns, std::string_view url) {
    return xml(http::status::ok, documents::response_status(ns, url, 1, "OK", "ok"));
}

isapi_reply status(xml_namespace ns, http::status status, std::string_view url, int code,
                   std::string_view text, std::string_view sub_code) {
    return xml(status, documents::response_status(ns, url, code, text, sub_code));
}

isapi_reply not_found(std::string_view path) {
    return make(http::status::not_found, "text/html", documents::html_not_found(path));
}

isapi_reply unauthorized() {
    return make(http::status::unauthorized, "text/html", documents::html_unauthorized());
}

isapi_reply method_not_allowed(xml_namespace ns, std::string_view url) {
    return status(ns, http::status::forbidden, url, 6, "Invalid Operation", "methodNotAllowed");
}

isapi_reply invalid_operation(xml_namespace ns, std::string_view url) {
    return status(ns, http::status::forbidden, url, 4, "Invalid Operation", "invalidOperation");
}

isapi_reply bad_body(xml_namespace ns, std::string_view url, body_error error) {
    if (error == body_error::bad_format) {
        return status(ns, http::status::bad_request, url, 5, "Invalid XML Format", "badXmlFormat");
    }
    return status(ns, http::status::bad_request, url, 6, "Invalid XML Content", "badXmlContent");
}

isapi_reply jpeg(std::string bytes) {
    isapi_reply reply = make(http::status::ok, "image/jpeg; charset=\"UTF-8\"", std::move(bytes));
    reply.action = reply_action::close;
    return reply;
}

}  // namespace camsim::replies
