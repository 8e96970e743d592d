#pragma once

#include <memory>
#include <string>

#include "camera/camera_error.hpp"
#include "camera/http_exchange.hpp"

namespace camtwin::camera {

// The one seam to libcurl: an easy handle for one camera, kept for the camera's lifetime so
// that its connection is reused (keep-alive) from request to request. libcurl's own
// authentication is off: isapi_client decides what credentials each request carries.
//
// Threads: one request at a time; the owner (a device twin's worker) serialises calls.
class curl_session {
public:
    // base_url: "http://host:port", without a trailing slash.
    curl_session(std::string base_url, http_timeouts timeouts);
    ~curl_session();

    curl_session(const curl_session&) = delete;
    curl_session& operator=(const curl_session&) = delete;

    // Sends one request and returns the response, whatever its status. Throws camera_error
    // (unreachable, timeout, too_large) when no complete response arrived.
    http_response perform(const http_request& request);

private:
    struct handle_deleter {
        void operator()(void* handle) const;
    };

    std::string base_url_;
    http_timeouts timeouts_;
    std::unique_ptr<void, handle_deleter> handle_;
};

}  // namespace camtwin::camera
