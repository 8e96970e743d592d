#pragma once

#include <map>
#include <string>
#include <string_view>

#include <curl/curl.h>

namespace camtwin::test {

struct http_result {
    CURLcode code = CURLE_OK;
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-cased names of the final response
    std::string raw_headers;                     // the final response's header block
    int www_authenticate = 0;                    // WWW-Authenticate lines in the final response
};

// A tiny RAII libcurl easy handle for the tests. One handle keeps its connection and its digest
// state between requests, like a real client. One test thread owns it.
class curl_client {
public:
    curl_client();
    ~curl_client();

    curl_client(const curl_client&) = delete;
    curl_client& operator=(const curl_client&) = delete;

    // scheme: CURLAUTH_DIGEST, CURLAUTH_BASIC, CURLAUTH_ANY or CURLAUTH_NONE (no credentials).
    void set_auth(unsigned long scheme, const std::string& user, const std::string& password);

    // Extra request headers, e.g. a hand-made Authorization.
    void set_header(const std::string& line);

    void set_timeout_ms(long ms) { timeout_ms_ = ms; }

    http_result get(const std::string& url);
    http_result put(const std::string& url, const std::string& body);
    http_result request(std::string_view method, const std::string& url, const std::string& body);

private:
    CURL* handle_ = nullptr;
    curl_slist* headers_ = nullptr;
    long timeout_ms_ = 5000;
};

}  // namespace camtwin::test
