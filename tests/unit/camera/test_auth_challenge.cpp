#include <random>

#include <catch2/catch.hpp>

#include "camera/auth_challenge.hpp"

using camtwin::camera::auth_scheme;
using camtwin::camera::is_supported_digest;
using camtwin::camera::parse_www_authenticate;

TEST_CASE("auth challenge parses a camera's digest challenge", "[camera][auth]") {
    // DS-2CD2155FWD-I, fw V5.5.0 (isapi-contract.md 2.1)
    const auto parsed = parse_www_authenticate(
        R"h(Digest qop="auth", realm="IP Camera(83813)", )h"
        R"(nonce="4d5755784d7a41344d546b365a446b31597a51354e513d3d", stale="FALSE")");

    REQUIRE(parsed.size() == 1);
    const auto& challenge = parsed[0];
    CHECK(challenge.scheme == auth_scheme::digest);
    CHECK(challenge.realm == "IP Camera(83813)");
    CHECK(challenge.nonce == "4d5755784d7a41344d546b365a446b31597a51354e513d3d");
    CHECK(challenge.offers_qop_auth);
    CHECK_FALSE(challenge.stale);
    CHECK_FALSE(challenge.has_opaque);
    CHECK(challenge.algorithm.empty());
    CHECK(is_supported_digest(challenge));
}

TEST_CASE("auth challenge keeps an empty opaque and a quoted algorithm", "[camera][auth]") {
    // NVR style: domain, opaque="" and algorithm="MD5" in quotes
    const auto parsed = parse_www_authenticate(
        R"(Digest realm="fe12f37bd", domain="::", qop="auth", nonce="300b7e88:1685", )"
        R"(opaque="", algorithm="MD5", stale="FALSE")");

    REQUIRE(parsed.size() == 1);
    CHECK(parsed[0].has_opaque);
    CHECK(parsed[0].opaque.empty());
    CHECK(parsed[0].algorithm == "MD5");
    CHECK(parsed[0].nonce == "300b7e88:1685");
    CHECK(is_supported_digest(parsed[0]));
}

TEST_CASE("auth challenge reads unquoted values and any letter case", "[camera][auth]") {
    const auto parsed = parse_www_authenticate(
        R"(DIGEST REALM="d602", Nonce="a904:d602:183e:4c3f", opaque="799d5", )"
        R"(algorithm=md5, QOP="auth", stale=TRUE)");

    REQUIRE(parsed.size() == 1);
    CHECK(parsed[0].scheme == auth_scheme::digest);
    CHECK(parsed[0].realm == "d602");
    CHECK(parsed[0].opaque == "799d5");
    CHECK(parsed[0].stale);
    CHECK(is_supported_digest(parsed[0]));
}

TEST_CASE("auth challenge splits several challenges in one header", "[camera][auth]") {
    const auto parsed = parse_www_authenticate(
        R"h(Basic realm="IP Camera(L4906)", Digest realm="y", nonce="n", qop="auth-int, auth")h");

    REQUIRE(parsed.size() == 2);
    CHECK(parsed[0].scheme == auth_scheme::basic);
    CHECK(parsed[0].realm == "IP Camera(L4906)");
    CHECK(parsed[1].scheme == auth_scheme::digest);
    CHECK(parsed[1].offers_qop_auth);
}

TEST_CASE("auth challenge refuses digests camtwin cannot answer", "[camera][auth]") {
    const char* unsupported[] = {
        R"(Digest realm="r", nonce="n", qop="auth", algorithm=SHA-256)",
        R"(Digest realm="r", nonce="n", qop="auth-int")",
        R"(Digest realm="r", qop="auth")",
        R"(Basic realm="r")",
        R"(Bearer realm="r")",
    };
    for (const auto* header : unsupported) {
        INFO(header);
        const auto parsed = parse_www_authenticate(header);
        REQUIRE(parsed.size() == 1);
        CHECK_FALSE(is_supported_digest(parsed[0]));
    }
    // RFC 2069 servers send no qop at all; that is answerable.
    CHECK(is_supported_digest(parse_www_authenticate(R"(Digest realm="r", nonce="n")")[0]));
}

TEST_CASE("auth challenge survives malformed headers", "[camera][auth]") {
    CHECK(parse_www_authenticate("").empty());
    CHECK(parse_www_authenticate("   ,, ").empty());
    CHECK(parse_www_authenticate(R"(="x")").empty());
    const auto unterminated = parse_www_authenticate(R"(Digest realm="open, nonce="n)");
    REQUIRE_FALSE(unterminated.empty());
    CHECK(unterminated[0].realm == "open, nonce=");
    CHECK(unterminated[0].nonce.empty());
    const auto escaped = parse_www_authenticate(R"(Digest realm="a\"b", nonce="n")");
    REQUIRE(escaped.size() == 1);
    CHECK(escaped[0].realm == "a\"b");
    CHECK(escaped[0].nonce == "n");
}

TEST_CASE("auth challenge never fails on random bytes", "[camera][auth]") {
    std::mt19937 random(7);  // fixed seed: the same inputs every run
    const std::string alphabet = "Digest Basic realm=nonce\"\\,= qop auth\t\x01\xff";
    for (int i = 0; i < 20000; ++i) {
        std::string header(random() % 64, ' ');
        for (auto& c : header) {
            c = alphabet[random() % alphabet.size()];
        }
        const auto parsed = parse_www_authenticate(header);
        CHECK(parsed.size() <= header.size());
    }
}
