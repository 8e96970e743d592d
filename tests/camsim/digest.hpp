#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

// HTTP Digest (RFC 2617, MD5, qop=auth) and Basic helpers. Pure functions, any thread.
namespace camsim::digest {

std::string md5_hex(std::string_view data);

std::string base64_encode(std::string_view data);

// nullopt when the input is not valid base64.
std::optional<std::string> base64_decode(std::string_view data);

// HA1 = MD5(user:realm:password).
std::string ha1(std::string_view user, std::string_view realm, std::string_view password);

// MD5(HA1:nonce:nc:cnonce:qop:MD5(method:uri)).
std::string response(std::string_view ha1, std::string_view nonce, std::string_view nc,
                     std::string_view cnonce, std::string_view qop, std::string_view method,
                     std::string_view uri);

// The parameters of an `Authorization: Digest ...` value (without the scheme), keys lower-cased
// and quotes removed. Lenient about spacing and quoting; nullopt for a value it cannot split.
std::optional<std::map<std::string, std::string>> parse_params(std::string_view text);

// Splits "Scheme rest" into the lower-cased scheme and the rest.
std::pair<std::string, std::string_view> split_scheme(std::string_view header);

// user and password of a Basic credential (the part after "Basic ").
std::optional<std::pair<std::string, std::string>> parse_basic(std::string_view text);

}  // namespace camsim::digest
