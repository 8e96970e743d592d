#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "camera/auth_challenge.hpp"
#include "config/secret.hpp"

namespace camtwin::camera {

// RFC 2617 digest (MD5, qop=auth, or no qop for RFC 2069 servers) for one camera.
//
// It keeps the challenge's nonce and counts nc, so that after one challenge every later request
// can carry its Authorization header up front, as cameras accept: one round trip per request
// instead of two. A new challenge (a 401 with a fresh nonce) restarts the count.
// Not thread-safe: the camera client that owns it serialises requests.
class digest_auth {
public:
    digest_auth(std::string username, secret password);

    // Takes a new challenge; returns false when it cannot be answered (not MD5, no qop=auth).
    bool accept(const auth_challenge& challenge);

    bool ready() const { return !challenge_.nonce.empty(); }

    // The Authorization header value for one request; increments nc. cnonce is the client
    // nonce (random in production, fixed in tests).
    std::string authorization(std::string_view method, std::string_view uri,
                              std::string_view cnonce);

    std::uint32_t nonce_count() const { return nc_; }

private:
    std::string username_;
    secret password_;
    auth_challenge challenge_;
    std::string ha1_;
    std::uint32_t nc_ = 0;
};

// The response hash alone, for the test vectors of the contract.
std::string digest_response(std::string_view ha1, std::string_view nonce, std::string_view nc,
                            std::string_view cnonce, std::string_view qop, std::string_view ha2);

}  // namespace camtwin::camera
