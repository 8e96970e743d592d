#include "camera/digest_auth.hpp"

#include <fmt/format.h>

#include "camera/md5.hpp"

namespace camtwin::camera {
namespace {

// Header parameter values are quoted strings; a quote or backslash in a username or URI must be
// escaped or the camera reads a different value than the one hashed.
std::string quoted(std::string_view value) {
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string digest_response(std::string_view ha1, std::string_view nonce, std::string_view nc,
                            std::string_view cnonce, std::string_view qop, std::string_view ha2) {
    if (qop.empty()) {
        return md5_hex(fmt::format("{}:{}:{}", ha1, nonce, ha2));
    }
    return md5_hex(fmt::format("{}:{}:{}:{}:{}:{}", ha1, nonce, nc, cnonce, qop, ha2));
}

digest_auth::digest_auth(std::string username, secret password)
    : username_(std::move(username)), password_(std::move(password)) {}

bool digest_auth::accept(const auth_challenge& challenge) {
    if (!is_supported_digest(challenge)) {
        return false;
    }
    challenge_ = challenge;
    ha1_ = md5_hex(fmt::format("{}:{}:{}", username_, challenge.realm, password_.reveal()));
    nc_ = 0;
    return true;
}

std::string digest_auth::authorization(std::string_view method, std::string_view uri,
                                       std::string_view cnonce) {
    ++nc_;
    const auto nc = fmt::format("{:08x}", nc_);
    const auto ha2 = md5_hex(fmt::format("{}:{}", method, uri));
    const bool with_qop = challenge_.offers_qop_auth;
    const auto response =
        digest_response(ha1_, challenge_.nonce, nc, cnonce, with_qop ? "auth" : "", ha2);

    auto header = fmt::format("Digest username={}, realm={}, nonce={}, uri={}, response={}",
                              quoted(username_), quoted(challenge_.realm), quoted(challenge_.nonce),
                              quoted(uri), quoted(response));
    if (with_qop) {
        header += fmt::format(", qop=auth, nc={}, cnonce={}", nc, quoted(cnonce));
    }
    if (challenge_.has_opaque) {
        header += ", opaque=" + quoted(challenge_.opaque);
    }
    if (!challenge_.algorithm.empty()) {
        header += ", algorithm=MD5";
    }
    return header;
}

}  // namespace camtwin::camera
