#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <random>
#include <string>

#include "camera/curl_session.hpp"
#include "camera/digest_auth.hpp"
#include "config/secret.hpp"

namespace camtwin::camera {

enum class auth_mode { unknown, none, basic, digest };

const char* to_string(auth_mode mode);

struct camera_login {
    std::string username;
    secret password;
};

struct auth_backoff {
    std::chrono::seconds first{60};
    std::chrono::seconds max{3600};
};

using steady_clock_fn = std::function<std::chrono::steady_clock::time_point()>;

// Sends ISAPI requests with the credentials the camera asks for, and never more attempts than
// needed, because cameras lock the client's address after about 7 failed logins.
//
// The first request goes out without credentials and reads the challenge; digest (MD5,
// qop=auth) is preferred, basic is used only when the camera offers it, and the choice is kept.
// Later digest requests carry their Authorization up front (same nonce, next nc). A 401 to a
// cached nonce is answered once with the fresh challenge it carries; a 401 to a fresh challenge
// is final: an `unauthorized` error, and no credentialed request until the back-off has passed
// (doubling each time, reset by a success). So one request makes at most two credentialed
// attempts, and a wrong password costs one attempt per back-off period.
//
// Threads: one request at a time, like the curl_session it owns.
class isapi_client {
public:
    isapi_client(std::unique_ptr<curl_session> session, camera_login login, auth_backoff backoff,
                 steady_clock_fn clock);

    // The camera's response, whatever its status except 401. Throws camera_error: unauthorized,
    // or what the transport threw.
    http_response send(http_request request);

    auth_mode mode() const { return mode_; }

private:
    http_response send_with_credentials(http_request& request);
    void take_challenge(const http_response& response, const std::string& path);
    void authorise(http_request& request);
    [[noreturn]] void refuse(const std::string& path, const std::string& message);

    std::unique_ptr<curl_session> session_;
    camera_login login_;
    auth_backoff backoff_;
    steady_clock_fn clock_;
    auth_mode mode_ = auth_mode::unknown;
    digest_auth digest_;
    std::mt19937_64 cnonce_source_;
    std::chrono::steady_clock::time_point refuse_until_{};
    std::chrono::seconds next_backoff_;
};

}  // namespace camtwin::camera
