#include "support/curl_client.hpp"

#include <algorithm>
#include <cctype>

namespace camtwin::test {

namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<http_result*>(user)->body.append(data, size * count);
    return size * count;
}

std::string trim(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.pop_back();
    }
    std::size_t start = text.find_first_not_of(' ');
    return start == std::string::npos ? std::string() : text.substr(start);
}

// Headers of an earlier response (a 401 before the digest retry) are thrown away.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* result = static_cast<http_result*>(user);
    std::string line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        result->headers.clear();
        result->raw_headers.clear();
        result->www_authenticate = 0;
    }
    result->raw_headers += line;

    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        result->headers[name] = trim(line.substr(colon + 1));
        result->www_authenticate += name == "www-authenticate" ? 1 : 0;
    }
    return size * count;
}

}  // namespace

curl_client::curl_client() : handle_(curl_easy_init()) {}

curl_client::~curl_client() {
    curl_slist_free_all(headers_);
    curl_easy_cleanup(handle_);
}

void curl_client::set_auth(unsigned long scheme, const std::string& user,
                           const std::string& password) {
    curl_easy_setopt(handle_, CURLOPT_HTTPAUTH, scheme);
    curl_easy_setopt(handle_, CURLOPT_USERNAME, user.c_str());
    curl_easy_setopt(handle_, CURLOPT_PASSWORD, password.c_str());
}

void curl_client::set_header(const std::string& line) {
    headers_ = curl_slist_append(headers_, line.c_str());
}

http_result curl_client::get(const std::string& url) {
    return request("GET", url, {});
}

http_result curl_client::put(const std::string& url, const std::string& body) {
    return request("PUT", url, body);
}

http_result curl_client::request(std::string_view method, const std::string& url,
                                 const std::string& body) {
    http_result result;
    std::string verb(method);
    curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers_);
    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, timeout_ms_);
    curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &result);
    curl_easy_setopt(handle_, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(handle_, CURLOPT_HEADERDATA, &result);
    if (verb == "GET") {
        curl_easy_setopt(handle_, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(handle_, CURLOPT_CUSTOMREQUEST, nullptr);
    } else {
        // POSTFIELDS can be re-sent, which a digest retry of a PUT needs.
        curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        curl_easy_setopt(handle_, CURLOPT_CUSTOMREQUEST, verb.c_str());
    }

    result.code = curl_easy_perform(handle_);
    curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &result.status);
    return result;
}

}  // namespace camtwin::test
