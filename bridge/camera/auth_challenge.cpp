#include "camera/auth_challenge.hpp"

#include <algorithm>
#include <cctype>

namespace camtwin::camera {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool is_token_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// A cursor over the header value with the few primitives the grammar needs.
class scanner {
public:
    explicit scanner(std::string_view text) : text_(text) {}

    bool done() const { return pos_ >= text_.size(); }
    char peek() const { return done() ? '\0' : text_[pos_]; }
    void skip_separators() {
        while (!done() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
            ++pos_;
        }
    }
    void skip_spaces() {
        while (!done() && (peek() == ' ' || peek() == '\t')) {
            ++pos_;
        }
    }
    std::string_view token() {
        const auto start = pos_;
        while (!done() && is_token_char(peek())) {
            ++pos_;
        }
        return text_.substr(start, pos_ - start);
    }
    // A quoted string (backslash escapes honoured) or a bare token.
    std::string value() {
        if (peek() != '"') {
            const auto start = pos_;
            while (!done() && peek() != ',' && peek() != ' ' && peek() != '\t') {
                ++pos_;
            }
            return std::string(text_.substr(start, pos_ - start));
        }
        ++pos_;
        std::string out;
        while (!done() && peek() != '"') {
            if (peek() == '\\' && pos_ + 1 < text_.size()) {
                ++pos_;
            }
            out += text_[pos_++];
        }
        if (!done()) {
            ++pos_;  // the closing quote; an unterminated value simply ends with the text
        }
        return out;
    }
    std::size_t position() const { return pos_; }
    void rewind(std::size_t pos) { pos_ = pos; }
    void advance() { ++pos_; }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

auth_scheme scheme_of(std::string_view name) {
    if (iequals(name, "digest")) {
        return auth_scheme::digest;
    }
    return iequals(name, "basic") ? auth_scheme::basic : auth_scheme::other;
}

bool qop_list_has_auth(std::string_view list) {
    std::size_t start = 0;
    while (start <= list.size()) {
        auto end = list.find(',', start);
        end = end == std::string_view::npos ? list.size() : end;
        auto item = list.substr(start, end - start);
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        while (!item.empty() && item.back() == ' ') {
            item.remove_suffix(1);
        }
        if (iequals(item, "auth")) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

void apply_param(auth_challenge& challenge, std::string_view name, std::string value) {
    if (iequals(name, "realm")) {
        challenge.realm = std::move(value);
    } else if (iequals(name, "nonce")) {
        challenge.nonce = std::move(value);
    } else if (iequals(name, "opaque")) {
        challenge.opaque = std::move(value);
        challenge.has_opaque = true;
    } else if (iequals(name, "algorithm")) {
        challenge.algorithm = std::move(value);
    } else if (iequals(name, "qop")) {
        challenge.has_qop = true;
        challenge.offers_qop_auth = qop_list_has_auth(value);
    } else if (iequals(name, "stale")) {
        challenge.stale = iequals(value, "true");
    }
}

// Reads name=value pairs until the next word is not followed by '=': that word starts the next
// challenge, and the cursor is left on it.
void read_params(scanner& in, auth_challenge& challenge) {
    while (true) {
        in.skip_separators();
        const auto start = in.position();
        const auto name = in.token();
        in.skip_spaces();
        if (name.empty() || in.peek() != '=') {
            in.rewind(start);
            return;
        }
        in.advance();  // past '='
        in.skip_spaces();
        apply_param(challenge, name, in.value());
    }
}

}  // namespace

std::vector<auth_challenge> parse_www_authenticate(std::string_view header_value) {
    std::vector<auth_challenge> challenges;
    scanner in(header_value);
    while (true) {
        in.skip_separators();
        const auto scheme_name = in.token();
        if (scheme_name.empty()) {
            return challenges;  // the end, or a character no challenge starts with
        }
        auth_challenge& challenge = challenges.emplace_back();
        challenge.scheme_name = std::string(scheme_name);
        challenge.scheme = scheme_of(scheme_name);
        read_params(in, challenge);
    }
}

bool is_supported_digest(const auth_challenge& challenge) {
    const bool md5 = challenge.algorithm.empty() || iequals(challenge.algorithm, "md5");
    const bool qop_ok = !challenge.has_qop || challenge.offers_qop_auth;
    return challenge.scheme == auth_scheme::digest && md5 && qop_ok && !challenge.nonce.empty();
}

}  // namespace camtwin::camera
