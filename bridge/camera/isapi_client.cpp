#include "camera/isapi_client.hpp"

#include <openssl/evp.h>

#include <fmt/format.h>

#include "camera/auth_challenge.hpp"
#include "camera/camera_error.hpp"

namespace camtwin::camera {
namespace {

constexpr long unauthorized_status = 401;

std::string base64(std::string_view text) {
    std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                       reinterpret_cast<const unsigned char*>(text.data()),
                                       static_cast<int>(text.size()));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

}  // namespace

const char* to_string(auth_mode mode) {
    switch (mode) {
        case auth_mode::unknown:
            return "unknown";
        case auth_mode::none:
            return "none";
        case auth_mode::basic:
            return "basic";
        case auth_mode::digest:
            return "digest";
    }
    return "unknown";
}

isapi_client::isapi_client(std::unique_ptr<curl_session> session, camera_login login,
                           auth_backoff backoff, steady_clock_fn clock)
    : session_(std::move(session)),
      login_(std::move(login)),
      backoff_(backoff),
      clock_(std::move(clock)),
      digest_(login_.username, login_.password),
      cnonce_source_(std::random_device{}()),
      next_backoff_(backoff.first) {}

http_response isapi_client::send(http_request request) {
    if (clock_() < refuse_until_) {
        throw camera_error(camera_error_kind::unauthorized, request.path,
                           "credentials were refused; not trying again before the back-off ends");
    }
    if (mode_ == auth_mode::unknown) {
        auto probe = session_->perform(request);
        if (probe.status != unauthorized_status) {
            mode_ = auth_mode::none;
            return probe;
        }
        take_challenge(probe, request.path);
        return send_with_credentials(request);
    }
    if (mode_ == auth_mode::none) {
        auto response = session_->perform(request);
        if (response.status != unauthorized_status) {
            return response;
        }
        take_challenge(response, request.path);  // the camera turned authentication on
        return send_with_credentials(request);
    }

    // A cached nonce may have expired (cameras forget it after an idle connection closes): its
    // 401 carries a fresh challenge, which is answered once.
    authorise(request);
    auto response = session_->perform(request);
    if (response.status != unauthorized_status) {
        next_backoff_ = backoff_.first;
        return response;
    }
    take_challenge(response, request.path);
    return send_with_credentials(request);
}

http_response isapi_client::send_with_credentials(http_request& request) {
    authorise(request);
    auto response = session_->perform(request);
    if (response.status == unauthorized_status) {
        refuse(request.path, fmt::format("the camera refused user \"{}\" ({} authentication)",
                                         login_.username, to_string(mode_)));
    }
    next_backoff_ = backoff_.first;
    return response;
}

void isapi_client::take_challenge(const http_response& response, const std::string& path) {
    bool offers_basic = false;
    std::string offered;
    for (const auto& header : response.header_values("www-authenticate")) {
        for (const auto& challenge : parse_www_authenticate(header)) {
            if (digest_.accept(challenge)) {
                mode_ = auth_mode::digest;
                return;
            }
            offers_basic = offers_basic || challenge.scheme == auth_scheme::basic;
            offered += (offered.empty() ? "" : ", ") + challenge.scheme_name;
        }
    }
    if (offers_basic) {
        mode_ = auth_mode::basic;
        return;
    }
    refuse(path, offered.empty() ? "401 without a challenge"
                                 : fmt::format("no usable authentication offered ({})", offered));
}

void isapi_client::authorise(http_request& request) {
    if (mode_ == auth_mode::basic) {
        request.authorization = "Basic " + base64(login_.username + ":" + login_.password.reveal());
        return;
    }
    const auto cnonce = fmt::format("{:016x}", cnonce_source_());
    request.authorization = digest_.authorization(request.method, request.path, cnonce);
}

void isapi_client::refuse(const std::string& path, const std::string& message) {
    // Start over with an uncredentialed probe next time, so that the next try after the back-off
    // costs a single credentialed attempt.
    mode_ = auth_mode::unknown;
    refuse_until_ = clock_() + next_backoff_;
    next_backoff_ = std::min(next_backoff_ * 2, backoff_.max);
    throw camera_error(camera_error_kind::unauthorized, path, message);
}

}  // namespace camtwin::camera
