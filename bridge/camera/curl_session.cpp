#include "camera/curl_session.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>

#include <curl/curl.h>
#include <fmt/format.h>

#include "app/version.hpp"

namespace camtwin::camera {
namespace {

// What the callbacks fill while libcurl runs one transfer.
struct transfer {
    http_response response;
    std::size_t max_body_bytes = 0;
    bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& state = *static_cast<transfer*>(user);
    const auto bytes = size * count;
    if (state.response.body.size() + bytes > state.max_body_bytes) {
        state.too_large = true;
        return 0;  // makes libcurl stop the transfer
    }
    state.response.body.append(data, bytes);
    return bytes;
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
        text.remove_suffix(1);
    }
    return std::string(text);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& headers = static_cast<transfer*>(user)->response.headers;
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
        headers.clear();  // a new response (after a 100 Continue): forget the last one's
        return line.size();
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && headers.size() < 100) {
        std::string name(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        headers.emplace_back(std::move(name), trimmed(line.substr(colon + 1)));
    }
    return line.size();
}

camera_error_kind kind_of(CURLcode code, bool too_large) {
    if (too_large) {
        return camera_error_kind::too_large;
    }
    return code == CURLE_OPERATION_TIMEDOUT ? camera_error_kind::timeout
                                            : camera_error_kind::unreachable;
}

using header_list = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

header_list make_headers(const http_request& request) {
    header_list headers(curl_slist_append(nullptr, "Expect:"), &curl_slist_free_all);
    // curl_slist_append returns the same head for a non-empty list, or null when out of memory
    // (the list is then unchanged, and the header is simply not sent).
    const auto add = [&](const std::string& line) {
        curl_slist_append(headers.get(), line.c_str());
    };
    if (!request.content_type.empty()) {
        add("Content-Type: " + request.content_type);
    }
    if (!request.authorization.empty()) {
        add("Authorization: " + request.authorization);
    }
    return headers;
}

void set_common_options(CURL* curl, const std::string& url, const http_timeouts& timeouts,
                        transfer& state) {
    static const auto user_agent = fmt::format("camtwin/{}", version);
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_USERAGENT, user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts.connect.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts.total.count()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &state);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &state);
}

void set_method_and_body(CURL* curl, const http_request& request) {
    if (request.method == "GET") {
        return;
    }
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    // The body is handed over whole, so a retry after a 401 needs no rewinding.
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
}

void initialise_libcurl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

void curl_session::handle_deleter::operator()(void* handle) const {
    curl_easy_cleanup(static_cast<CURL*>(handle));
}

curl_session::curl_session(std::string base_url, http_timeouts timeouts)
    : base_url_(std::move(base_url)), timeouts_(timeouts) {
    initialise_libcurl_once();
    handle_.reset(curl_easy_init());
    if (!handle_) {
        throw std::runtime_error("curl_easy_init failed");
    }
}

curl_session::~curl_session() = default;

http_response curl_session::perform(const http_request& request) {
    auto* curl = static_cast<CURL*>(handle_.get());
    // Reset clears the last request's options but keeps the open connection for reuse.
    curl_easy_reset(curl);

    transfer state;
    state.max_body_bytes = request.max_body_bytes;
    const auto url = base_url_ + request.path;
    set_common_options(curl, url, timeouts_, state);
    set_method_and_body(curl, request);
    const auto headers = make_headers(request);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());

    const CURLcode code = curl_easy_perform(curl);
    if (code != CURLE_OK) {
        const auto message =
            state.too_large ? fmt::format("answer larger than {} bytes", request.max_body_bytes)
                            : std::string(curl_easy_strerror(code));
        throw camera_error(kind_of(code, state.too_large), request.path, message);
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &state.response.status);
    return std::move(state.response);
}

}  // namespace camtwin::camera
