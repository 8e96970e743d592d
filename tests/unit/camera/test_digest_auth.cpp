#include <filesystem>
#include <fstream>
#include <openssl/evp.h>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "camera/auth_challenge.hpp"
#include "camera/digest_auth.hpp"
#include "camera/md5.hpp"

using camtwin::camera::digest_auth;
using camtwin::camera::md5_hex;
using camtwin::camera::parse_www_authenticate;

namespace {

// The synthetic vector of isapi-contract.md 2.1.
constexpr const char* realm = "IP Camera(83813)";
constexpr const char* nonce = "5a6d466d4d5467314d3251365a446b31597a51355a413d3d";
constexpr const char* cnonce = "0a4f113b";

std::string challenge_header() {
    return std::string(R"(Digest qop="auth", realm=")") + realm + R"(", nonce=")" + nonce +
           R"(", stale="FALSE")";
}

std::string param(const std::string& header, const std::string& name) {
    std::smatch match;
    const std::regex pattern(name + R"(=\"?([^\",]*)\"?)");
    return std::regex_search(header, match, pattern) ? match[1].str() : "";
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string base64_decode(const std::string& text) {
    std::string out(text.size(), '\0');
    const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                       reinterpret_cast<const unsigned char*>(text.data()),
                                       static_cast<int>(text.size()));
    out.resize(static_cast<std::size_t>(std::max(length, 0)));
    while (!out.empty() && out.back() == '\0') {
        out.pop_back();  // EVP_DecodeBlock counts the padding
    }
    return out;
}

}  // namespace

TEST_CASE("digest auth reproduces the contract's test vector", "[camera][auth]") {
    CHECK(md5_hex(std::string("admin:") + realm + ":Test1234!") ==
          "5fa63fad6f1723bf7ffcf2e5533cea58");

    digest_auth auth("admin", camtwin::secret("Test1234!"));
    REQUIRE(auth.accept(parse_www_authenticate(challenge_header())[0]));

    const auto get = auth.authorization("GET", "/ISAPI/System/deviceInfo", cnonce);
    CHECK(param(get, "response") == "095f69acb2107d398a65333f1a44db3c");
    CHECK(param(get, "nc") == "00000001");
    CHECK(param(get, "uri") == "/ISAPI/System/deviceInfo");
    CHECK(param(get, "qop") == "auth");

    const auto put = auth.authorization("PUT", "/ISAPI/PTZCtrl/channels/1/continuous", cnonce);
    CHECK(param(put, "response") == "204ae9af4a620aba00ac4d072b06b9a1");
    CHECK(param(put, "nc") == "00000002");
}

TEST_CASE("digest auth echoes opaque and restarts nc on a new challenge", "[camera][auth]") {
    digest_auth auth("admin", camtwin::secret("pw"));
    REQUIRE(auth.accept(
        parse_www_authenticate(R"(Digest realm="r", nonce="n1", opaque="", qop="auth")")[0]));
    auth.authorization("GET", "/a", "c");
    CHECK(auth.nonce_count() == 1);
    CHECK(auth.authorization("GET", "/a", "c").find(R"(opaque="")") != std::string::npos);

    REQUIRE(auth.accept(parse_www_authenticate(R"(Digest realm="r", nonce="n2")")[0]));
    const auto header = auth.authorization("GET", "/a", "c");
    CHECK(auth.nonce_count() == 1);
    CHECK(header.find("qop") == std::string::npos);  // RFC 2069: no qop, nc or cnonce
    CHECK(header.find("opaque") == std::string::npos);
}

TEST_CASE("digest auth matches a camera's accepted response from a capture", "[camera][auth]") {
    const std::filesystem::path transcript =
        CAMTWIN_SAMPLES_DIR "/transcripts/http_digest_401_then_200_camera_fw5.5.0.txt";
    if (!std::filesystem::exists(transcript)) {
        WARN("skipped: " << transcript << " is absent (../shared/isapi-samples not checked out)");
        return;
    }
    const auto text = read_file(transcript);
    std::smatch basic;
    REQUIRE(std::regex_search(text, basic, std::regex(R"(Authorization: Basic (\S+))")));
    const auto login = base64_decode(basic[1].str());  // "user:password" of the recording
    const auto colon = login.find(':');
    REQUIRE(colon != std::string::npos);
    std::smatch accepted;
    REQUIRE(std::regex_search(text, accepted, std::regex(R"(Authorization: (Digest [^\r\n]+))")));
    const auto header = accepted[1].str();

    digest_auth auth(login.substr(0, colon), camtwin::secret(login.substr(colon + 1)));
    const auto challenge = "Digest qop=\"auth\", realm=\"" + param(header, "realm") +
                           "\", nonce=\"" + param(header, "nonce") + "\"";
    REQUIRE(auth.accept(parse_www_authenticate(challenge)[0]));
    const auto ours = auth.authorization("GET", param(header, "uri"), param(header, "cnonce"));

    CHECK(param(ours, "response") == param(header, "response"));
}
