#include "digest.hpp"

#include <catch2/catch.hpp>

#include "authenticator.hpp"

using namespace camsim;

namespace {

// The synthetic test vector of the ISAPI contract, section 2.1.
constexpr const char* realm = "IP Camera(83813)";
constexpr const char* nonce = "5a6d466d4d5467314d3251365a446b31597a51355a413d3d";
constexpr const char* cnonce = "0a4f113b";

}  // namespace

TEST_CASE("digest matches the contract's test vector", "[camsim][auth]") {
    std::string ha1 = digest::ha1("admin", realm, "Test1234!");
    CHECK(ha1 == "5fa63fad6f1723bf7ffcf2e5533cea58");
    CHECK(digest::response(ha1, nonce, "00000001", cnonce, "auth", "GET",
                           "/ISAPI/System/deviceInfo") == "095f69acb2107d398a65333f1a44db3c");
    CHECK(digest::response(ha1, nonce, "00000002", cnonce, "auth", "PUT",
                           "/ISAPI/PTZCtrl/channels/1/continuous") ==
          "204ae9af4a620aba00ac4d072b06b9a1");
}

TEST_CASE("digest md5 and base64 agree with known values", "[camsim][auth]") {
    CHECK(digest::md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(digest::base64_encode("admin:cainthus123") == "YWRtaW46Y2FpbnRodXMxMjM=");
    CHECK(digest::base64_decode("YWRtaW46Y2FpbnRodXMxMjM=") == "admin:cainthus123");
    CHECK_FALSE(digest::base64_decode("not*base64").has_value());
    for (std::string text : {"a", "ab", "abc", "abcd"}) {
        CHECK(digest::base64_decode(digest::base64_encode(text)) == text);
    }
}

TEST_CASE("digest parses authorization parameters leniently", "[camsim][auth]") {
    auto params = digest::parse_params(
        R"x(username="admin",realm="IP Camera(83813)", nonce="abc", uri="/a?b=1,2", )x"
        R"x(algorithm="MD5", qop=auth, nc=00000001 , cnonce="x\"y")x");
    REQUIRE(params);
    CHECK(params->at("uri") == "/a?b=1,2");
    CHECK(params->at("algorithm") == "MD5");
    CHECK(params->at("qop") == "auth");
    CHECK(params->at("nc") == "00000001");
    CHECK(params->at("cnonce") == "x\"y");

    CHECK_FALSE(digest::parse_params(R"(username="unterminated)").has_value());
    CHECK_FALSE(digest::parse_params("novalue").has_value());
    auto basic = digest::parse_basic("YWRtaW46Y2FpbnRodXMxMjM=");
    REQUIRE(basic);
    CHECK(basic->first == "admin");
    CHECK(basic->second == "cainthus123");
}

TEST_CASE("authenticator accepts nonce reuse with a growing nc and refuses replays",
          "[camsim][auth]") {
    auth_settings settings;
    settings.password = "Test1234!";
    authenticator auth(
        settings, [] { return std::chrono::steady_clock::now(); }, 7);

    std::string challenge = auth.challenges().at(0);
    auto params = digest::parse_params(digest::split_scheme(challenge).second);
    REQUIRE(params);
    std::string fresh_nonce = params->at("nonce");
    CHECK(params->at("qop") == "auth");
    CHECK(auth.challenges().at(0) != challenge);  // a fresh nonce every time

    auto header = [&](const std::string& nc) {
        std::string ha1 = digest::ha1("admin", settings.realm, "Test1234!");
        std::string response =
            digest::response(ha1, fresh_nonce, nc, "c0ffee", "auth", "GET", "/x");
        return "Digest username=\"admin\", realm=\"" + settings.realm + "\", nonce=\"" +
               fresh_nonce + "\", uri=\"/x\", response=\"" + response + "\", qop=auth, nc=" + nc +
               ", cnonce=\"c0ffee\"";
    };
    CHECK(auth.check("10.0.0.1", "GET", "/x", header("00000001")) == auth_verdict::accepted);
    CHECK(auth.check("10.0.0.1", "GET", "/x", header("00000002")) == auth_verdict::accepted);
    CHECK(auth.check("10.0.0.1", "GET", "/x", header("00000002")) == auth_verdict::stale);
    CHECK(auth.check("10.0.0.1", "GET", "/y", header("00000003")) == auth_verdict::rejected);
    CHECK(auth.check("10.0.0.1", "GET", "/x", "") == auth_verdict::missing);
}
