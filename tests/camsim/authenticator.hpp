#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "ptz_model.hpp"

namespace camsim {

enum class auth_mode { digest, basic, both };

std::optional<auth_mode> parse_auth_mode(std::string_view text);
std::string to_string(auth_mode mode);

struct auth_settings {
    std::string user = "admin";
    std::string password;
    std::string realm = "IP Camera(83813)";
    auth_mode mode = auth_mode::digest;
    int lockout_attempts = 7;
    std::chrono::milliseconds lockout_time = std::chrono::seconds(1800);
    bool send_opaque = false;  // the cameras captured send none; NVRs send one
};

enum class auth_verdict {
    accepted,
    missing,   // no credentials, or a scheme the mode does not offer: not counted
    rejected,  // credentials that fail verification: counted towards the lockout
    stale,     // right password on an unknown nonce or a replayed nc: not counted
    locked,    // the source address is locked out
};

// Lockout bookkeeping of one source address, for the control API.
struct lockout_entry {
    int failures = 0;
    bool locked = false;
    std::chrono::milliseconds remaining{0};
};

// Checks Authorization headers like the camera does: digest (MD5, qop=auth, nonce reuse with an
// increasing nc), basic, or both, and locks a source address out after too many failed
// credentialed attempts. Loop thread only.
// TODO(#3): the optional quirks of contract section 8 are not simulated yet: NVR-style userCheck
// 401 bodies, nonce expiry after idle, 403 while locked, a quoted algorithm="MD5".
class authenticator {
public:
    authenticator(auth_settings settings, clock_function clock, std::uint32_t seed);

    auth_verdict check(const std::string& address, std::string_view method, std::string_view uri,
                       std::string_view authorization);

    // The WWW-Authenticate values of a 401, each with a fresh nonce.
    std::vector<std::string> challenges();

    const auth_settings& settings() const { return settings_; }
    void set_mode(auth_mode mode) { settings_.mode = mode; }
    void set_lockout(int attempts, std::chrono::milliseconds time);

    std::map<std::string, lockout_entry> lockouts();

    // Forgets nonces and lockouts (control API reset, or a simulated reboot).
    void reset();

private:
    struct address_record {
        int failures = 0;
        std::optional<steady_time> locked_until;
    };

    bool locked(const std::string& address, steady_time now);
    auth_verdict check_digest(std::string_view method, std::string_view uri, std::string_view text);
    auth_verdict check_basic(std::string_view text) const;
    void record(const std::string& address, auth_verdict verdict, steady_time now);
    std::string new_nonce();

    static constexpr std::size_t max_nonces = 1024;

    auth_settings settings_;
    clock_function clock_;
    std::mt19937 random_;
    std::string opaque_;
    std::map<std::string, std::uint32_t> nonces_;  // nonce -> highest nc seen
    std::deque<std::string> nonce_order_;
    std::map<std::string, address_record> addresses_;
};

}  // namespace camsim
