#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace camtwin::camera {

enum class auth_scheme { basic, digest, other };

// One challenge of a WWW-Authenticate header. Cameras write these loosely (a quoted algorithm,
// an upper-case stale, an empty opaque, any realm and nonce format), so parsing is lenient:
// unknown parameters are ignored and names and keywords compare case-insensitively.
struct auth_challenge {
    auth_scheme scheme = auth_scheme::other;
    std::string scheme_name;  // as written, for messages
    std::string realm;
    std::string nonce;
    std::string opaque;
    bool has_opaque = false;  // an empty opaque="" must still be echoed
    std::string algorithm;    // empty when left out (RFC 2617: MD5)
    bool offers_qop_auth = false;
    bool has_qop = false;  // no qop at all: RFC 2069 digest
    bool stale = false;
};

// Parses one header value, which may hold several challenges ("Basic realm=x, Digest ...").
// Never throws; text that is not a challenge yields nothing.
std::vector<auth_challenge> parse_www_authenticate(std::string_view header_value);

// True for a digest challenge camtwin can answer: MD5 (or no algorithm) and qop auth or none.
bool is_supported_digest(const auth_challenge& challenge);

}  // namespace camtwin::camera
