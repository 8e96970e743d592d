#include "authenticator.hpp"

#include <charconv>

#include <fmt/format.h>

#include "digest.hpp"

namespace camsim {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

std::optional<std::uint32_t> parse_nc(std::string_view nc) {
    std::uint32_t value = 0;
    auto [end, error] = std::from_chars(nc.data(), nc.data() + nc.size(), value, 16);
    if (error != std::errc() || end != nc.data() + nc.size() || nc.empty()) {
        return std::nullopt;
    }
    return value;
}

std::string param(const std::map<std::string, std::string>& params, const std::string& key) {
    auto it = params.find(key);
    return it == params.end() ? std::string() : it->second;
}

}  // namespace

std::optional<auth_mode> parse_auth_mode(std::string_view text) {
    if (text == "digest")
        return auth_mode::digest;
    if (text == "basic")
        return auth_mode::basic;
    if (text == "both")
        return auth_mode::both;
    return std::nullopt;
}

std::string to_string(auth_mode mode) {
    switch (mode) {
        case auth_mode::digest:
            return "digest";
        case auth_mode::basic:
            return "basic";
        case auth_mode::both:
            return "both";
    }
    return "digest";
}

authenticator::authenticator(auth_settings settings, clock_function clock, std::uint32_t seed)
    : settings_(std::move(settings)), clock_(std::move(clock)), random_(seed) {
    opaque_ = fmt::format("{:08x}", random_());
}

auth_verdict authenticator::check(const std::string& address, std::string_view method,
                                  std::string_view uri, std::string_view authorization) {
    steady_time now = clock_();
    if (locked(address, now)) {
        return auth_verdict::locked;
    }

    auto [scheme, text] = digest::split_scheme(authorization);
    auth_verdict verdict = auth_verdict::missing;
    bool digest_on = settings_.mode != auth_mode::basic;
    bool basic_on = settings_.mode != auth_mode::digest;
    if (scheme == "digest" && digest_on) {
        verdict = check_digest(method, uri, text);
    } else if (scheme == "basic" && basic_on) {
        verdict = check_basic(text);
    }

    record(address, verdict, now);
    return verdict;
}

std::vector<std::string> authenticator::challenges() {
    std::vector<std::string> out;
    if (settings_.mode != auth_mode::basic) {
        std::string opaque = settings_.send_opaque ? fmt::format(", opaque=\"{}\"", opaque_) : "";
        out.push_back(
            fmt::format("Digest qop=\"auth\", realm=\"{}\", nonce=\"{}\"{}, stale=\"FALSE\"",
                        settings_.realm, new_nonce(), opaque));
    }
    if (settings_.mode != auth_mode::digest) {
        out.push_back(fmt::format("Basic realm=\"{}\"", settings_.realm));
    }
    return out;
}

void authenticator::set_lockout(int attempts, std::chrono::milliseconds time) {
    settings_.lockout_attempts = attempts;
    settings_.lockout_time = time;
}

std::map<std::string, lockout_entry> authenticator::lockouts() {
    steady_time now = clock_();
    std::map<std::string, lockout_entry> out;
    for (const auto& [address, record] : addresses_) {
        lockout_entry entry{record.failures, false, std::chrono::milliseconds(0)};
        if (record.locked_until && *record.locked_until > now) {
            entry.locked = true;
            entry.remaining =
                std::chrono::duration_cast<std::chrono::milliseconds>(*record.locked_until - now);
        }
        out[address] = entry;
    }
    return out;
}

void authenticator::reset() {
    nonces_.clear();
    nonce_order_.clear();
    addresses_.clear();
}

bool authenticator::locked(const std::string& address, steady_time now) {
    auto it = addresses_.find(address);
    if (it == addresses_.end() || !it->second.locked_until) {
        return false;
    }
    if (*it->second.locked_until > now) {
        return true;
    }
    it->second = address_record{};  // the lock expired: start counting afresh
    return false;
}

auth_verdict authenticator::check_digest(std::string_view method, std::string_view uri,
                                         std::string_view text) {
    auto params = digest::parse_params(text);
    if (!params) {
        return auth_verdict::rejected;
    }

    std::string nonce = param(*params, "nonce");
    std::string nc = param(*params, "nc");
    std::string qop = param(*params, "qop");
    std::string algorithm = param(*params, "algorithm");
    bool well_formed = iequals(qop, "auth") && (algorithm.empty() || iequals(algorithm, "MD5")) &&
                       param(*params, "uri") == uri && parse_nc(nc).has_value();
    bool opaque_ok = !settings_.send_opaque || param(*params, "opaque") == opaque_;
    if (!well_formed || !opaque_ok || param(*params, "username") != settings_.user ||
        param(*params, "realm") != settings_.realm) {
        return auth_verdict::rejected;
    }

    std::string ha1 = digest::ha1(settings_.user, settings_.realm, settings_.password);
    std::string expected =
        digest::response(ha1, nonce, nc, param(*params, "cnonce"), qop, method, uri);
    if (param(*params, "response") != expected) {
        return auth_verdict::rejected;
    }

    // The password is right; the nonce must be ours and the nc must grow.
    auto known = nonces_.find(nonce);
    std::uint32_t count = *parse_nc(nc);
    if (known == nonces_.end() || count <= known->second) {
        return auth_verdict::stale;
    }
    known->second = count;
    return auth_verdict::accepted;
}

auth_verdict authenticator::check_basic(std::string_view text) const {
    auto credentials = digest::parse_basic(text);
    bool ok = credentials && credentials->first == settings_.user &&
              credentials->second == settings_.password;
    return ok ? auth_verdict::accepted : auth_verdict::rejected;
}

void authenticator::record(const std::string& address, auth_verdict verdict, steady_time now) {
    if (verdict == auth_verdict::accepted) {
        addresses_.erase(address);
        return;
    }
    if (verdict != auth_verdict::rejected) {
        return;
    }

    address_record& record = addresses_[address];
    record.failures += 1;
    if (settings_.lockout_attempts > 0 && record.failures >= settings_.lockout_attempts) {
        record.locked_until = now + settings_.lockout_time;
    }
}

// A nonce in the camera's format: hex of base64 of "<8 hex>:<7 hex>".
std::string authenticator::new_nonce() {
    std::string raw = fmt::format("{:08x}:{:07x}", random_(), random_() & 0xfffffffu);
    std::string encoded = digest::base64_encode(raw);
    std::string nonce;
    for (char c : encoded) {
        nonce += fmt::format("{:02x}", static_cast<unsigned char>(c));
    }

    nonces_[nonce] = 0;
    nonce_order_.push_back(nonce);
    if (nonce_order_.size() > max_nonces) {
        nonces_.erase(nonce_order_.front());
        nonce_order_.pop_front();
    }
    return nonce;
}

}  // namespace camsim
