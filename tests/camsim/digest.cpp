#include "digest.hpp"

#include <array>
#include <cctype>
#include <openssl/evp.h>

namespace camsim::digest {

namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0x0f];
    }
    return out;
}

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// Reads one value at the start of `text` (quoted with backslash escapes, or a bare token) and
// removes it from `text`. nullopt for an unterminated quote.
std::optional<std::string> take_value(std::string_view& text) {
    std::string value;
    if (!text.empty() && text.front() == '"') {
        std::size_t i = 1;
        for (; i < text.size() && text[i] != '"'; ++i) {
            if (text[i] == '\\' && i + 1 < text.size()) {
                ++i;
            }
            value += text[i];
        }
        if (i >= text.size()) {
            return std::nullopt;
        }
        text.remove_prefix(i + 1);
        return value;
    }
    std::size_t end = text.find(',');
    value = std::string(trim(text.substr(0, end)));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end);
    return value;
}

}  // namespace

std::string md5_hex(std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), md.data(), &size, EVP_md5(), nullptr);
    return to_hex(md.data(), size);
}

std::string base64_encode(std::string_view data) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        auto n = (static_cast<unsigned>(static_cast<unsigned char>(data[i])) << 16) |
                 (static_cast<unsigned>(static_cast<unsigned char>(data[i + 1])) << 8) |
                 static_cast<unsigned>(static_cast<unsigned char>(data[i + 2]));
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    std::size_t rest = data.size() - i;
    if (rest > 0) {
        unsigned n = static_cast<unsigned>(static_cast<unsigned char>(data[i])) << 16;
        if (rest == 2) {
            n |= static_cast<unsigned>(static_cast<unsigned char>(data[i + 1])) << 8;
        }
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += rest == 2 ? alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view data) {
    data = trim(data);
    while (!data.empty() && data.back() == '=') {
        data.remove_suffix(1);
    }
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : data) {
        int value = base64_value(c);
        if (value < 0) {
            return std::nullopt;
        }
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return out;
}

std::string ha1(std::string_view user, std::string_view realm, std::string_view password) {
    std::string text;
    text.append(user).append(":").append(realm).append(":").append(password);
    return md5_hex(text);
}

std::string response(std::string_view ha1, std::string_view nonce, std::string_view nc,
                     std::string_view cnonce, std::string_view qop, std::string_view method,
                     std::string_view uri) {
    std::string a2;
    a2.append(method).append(":").append(uri);
    std::string text;
    text.append(ha1).append(":").append(nonce).append(":").append(nc).append(":");
    text.append(cnonce).append(":").append(qop).append(":").append(md5_hex(a2));
    return md5_hex(text);
}

std::optional<std::map<std::string, std::string>> parse_params(std::string_view text) {
    std::map<std::string, std::string> params;
    for (;;) {
        text = trim(text);
        while (!text.empty() && text.front() == ',') {
            text = trim(text.substr(1));
        }
        if (text.empty()) {
            return params;
        }

        std::size_t equals = text.find('=');
        if (equals == std::string_view::npos) {
            return std::nullopt;
        }
        std::string key = lower(trim(text.substr(0, equals)));
        text = trim(text.substr(equals + 1));

        std::optional<std::string> value = take_value(text);
        if (!value || key.empty()) {
            return std::nullopt;
        }
        params[key] = *value;
    }
}

std::pair<std::string, std::string_view> split_scheme(std::string_view header) {
    header = trim(header);
    std::size_t space = header.find(' ');
    if (space == std::string_view::npos) {
        return {lower(header), {}};
    }
    return {lower(header.substr(0, space)), trim(header.substr(space + 1))};
}

std::optional<std::pair<std::string, std::string>> parse_basic(std::string_view text) {
    std::optional<std::string> decoded = base64_decode(text);
    if (!decoded) {
        return std::nullopt;
    }
    std::size_t colon = decoded->find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    return std::pair{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

}  // namespace camsim::digest
