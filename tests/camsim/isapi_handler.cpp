#include "isapi_handler.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <spdlog/spdlog.h>

namespace camsim {

namespace {

bool is(const std::vector<std::string>& path, std::initializer_list<std::string_view> pattern) {
    return std::equal(path.begin(), path.end(), pattern.begin(), pattern.end());
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

int size_parameter(std::string_view query, std::string_view a, std::string_view b, int fallback) {
    std::string text = query_value(query, a);
    if (text.empty()) {
        text = query_value(query, b);
    }
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return fallback;
    }
    return std::clamp(value, 16, 3840);
}

}  // namespace

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start) {
            out.push_back(lower(path.substr(start, end - start)));
        }
        start = end + 1;
    }
    return out;
}

std::string query_value(std::string_view query, std::string_view name) {
    std::string wanted = lower(name);
    for (std::string_view rest = query; !rest.empty();) {
        std::size_t amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        std::size_t equals = pair.find('=');
        if (equals != std::string_view::npos && lower(pair.substr(0, equals)) == wanted) {
            return std::string(pair.substr(equals + 1));
        }
    }
    return {};
}

isapi_reply isapi_handler::handle(const http_request& request) {
    std::string_view target(request.target().data(), request.target().size());
    std::size_t question = target.find('?');
    std::string_view url = target.substr(0, question);
    std::string_view query = question == std::string_view::npos ? "" : target.substr(question + 1);
    std::vector<std::string> path = split_path(url);
    http::verb verb = request.method();

    if (path.size() < 2 || path[0] != "isapi") {
        return replies::not_found(url);
    }
    if (path[1] == "system") {
        return system(verb, path, url, request.body());
    }
    if (path[1] == "streaming") {
        return streaming(verb, path, url, query);
    }
    if (path[1] == "security") {
        return security(verb, path, url);
    }
    if (path.size() >= 3 && path[1] == "ptzctrl" && path[2] == "channels") {
        return ptz_.handle(verb, path, url, request.body());
    }
    if (is(path, {"isapi", "event", "notification", "alertstream"})) {
        if (verb != http::verb::get) {
            return replies::method_not_allowed(context_.faults.ns, url);
        }
        return isapi_reply{{}, reply_action::alert_stream};
    }
    return replies::not_found(url);
}

isapi_reply isapi_handler::system(http::verb verb, const std::vector<std::string>& path,
                                  std::string_view url, std::string_view body) {
    xml_namespace ns = context_.faults.ns;
    bool get = verb == http::verb::get;
    if (is(path, {"isapi", "system", "deviceinfo"})) {
        return get ? replies::xml(http::status::ok, documents::device_info(ns, context_.identity))
                   : replies::method_not_allowed(ns, url);
    }
    if (is(path, {"isapi", "system", "status"})) {
        auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::steady_clock::now() - context_.started);
        return get ? replies::xml(http::status::ok, documents::device_status(ns, uptime))
                   : replies::method_not_allowed(ns, url);
    }
    if (is(path, {"isapi", "system", "reboot"})) {
        if (verb != http::verb::put) {
            return replies::method_not_allowed(ns, url);
        }
        isapi_reply reply = replies::ok(ns, url);
        reply.action = reply_action::reboot;
        return reply;
    }

    // Focus and iris are PUT-only: the GET answer is the capture's 403 methodNotAllowed.
    bool focus = is(path, {"isapi", "system", "video", "inputs", "channels", "1", "focus"});
    bool iris = is(path, {"isapi", "system", "video", "inputs", "channels", "1", "iris"});
    if (focus || iris) {
        if (verb != http::verb::put) {
            return replies::method_not_allowed(ns, url);
        }
        body_error error = requests::expect_root(body, focus ? "FocusData" : "IrisData");
        return error == body_error::none ? replies::ok(ns, url) : replies::bad_body(ns, url, error);
    }
    return replies::not_found(url);
}

isapi_reply isapi_handler::streaming(http::verb verb, const std::vector<std::string>& path,
                                     std::string_view url, std::string_view query) {
    xml_namespace ns = context_.faults.ns;
    if (path.size() < 3 || path[2] != "channels" || path.size() > 5) {
        return replies::not_found(url);
    }
    if (path.size() == 3) {
        return verb == http::verb::get
                   ? replies::xml(http::status::ok, documents::streaming_channel_list(
                                                        ns, context_.identity, context_.streams))
                   : replies::method_not_allowed(ns, url);
    }

    const stream_info* stream = find_stream(path[3]);
    bool picture_path = path.size() == 5 && path[4] == "picture";
    if (!stream || (path.size() == 5 && !picture_path)) {
        return replies::not_found(url);
    }
    if (verb != http::verb::get) {
        return replies::method_not_allowed(ns, url);
    }
    if (picture_path) {
        return picture(*stream, url, query);
    }
    return replies::xml(http::status::ok,
                        documents::streaming_channel(ns, context_.identity, *stream));
}

isapi_reply isapi_handler::picture(const stream_info& stream, std::string_view url,
                                   std::string_view query) {
    int width = size_parameter(query, "videoResolutionWidth", "width", stream.width);
    int height = size_parameter(query, "videoResolutionHeight", "height", stream.height);

    std::string jpeg;
    try {
        // TODO(#3): encoded on the loop thread (about 8 ms at 720p): a burst of snapshots delays
        // the other connections of the process. A worker thread would keep the loop free.
        jpeg = context_.video.snapshot ? context_.video.snapshot(width, height) : std::string();
    } catch (const std::exception& e) {
        spdlog::warn("[camsim] snapshot {}x{} failed: {}", width, height, e.what());
    }
    if (jpeg.empty()) {
        return replies::status(context_.faults.ns, http::status::internal_server_error, url, 3,
                               "Device Error", "deviceError");
    }
    return replies::jpeg(std::move(jpeg));
}

isapi_reply isapi_handler::security(http::verb verb, const std::vector<std::string>& path,
                                    std::string_view url) {
    xml_namespace ns = context_.faults.ns;
    bool user_check = is(path, {"isapi", "security", "usercheck"});
    bool admin = is(path, {"isapi", "security", "adminaccesses"});
    if (!user_check && !admin) {
        return replies::not_found(url);
    }
    if (verb != http::verb::get) {
        return replies::method_not_allowed(ns, url);
    }
    return replies::xml(http::status::ok, user_check
                                              ? documents::user_check()
                                              : documents::admin_accesses(ns, context_.identity));
}

// Stream ids are 101 and 102; the legacy `1` is an alias of 101.
const stream_info* isapi_handler::find_stream(std::string_view id) const {
    std::string wanted = id == "1" ? "101" : std::string(id);
    for (const stream_info& s : context_.streams) {
        if (std::to_string(s.id) == wanted) {
            return &s;
        }
    }
    return nullptr;
}

}  // namespace camsim
