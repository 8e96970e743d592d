#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "rtsp_test_client.hpp"
#include "support/child_process.hpp"
#include "video_server.hpp"

namespace {

using namespace std::chrono_literals;
using camsim::test::rtsp_test_client;
using camsim::test::rtsp_url;

constexpr auto frame_timeout = 10s;

// A camera whose view the test steers, counting how often the streams asked for it.
struct camera {
    std::atomic<int> azimuth{0};
    std::atomic<int> view_calls{0};
    std::unique_ptr<camsim::video_server> server;

    explicit camera(const std::string& auth = "digest") {
        camsim::video_options options;
        options.user = "admin";
        options.password = "secret";
        options.auth = auth;
        server = std::make_unique<camsim::video_server>(options, [this] {
            ++view_calls;
            return camsim::camera_view{azimuth.load(), 0, 10};
        });
    }

    std::string url(const std::string& path = "/Streaming/Channels/101") const {
        return rtsp_url(server->rtsp_port(), path);
    }
};

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

bool tcp_connects(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

std::optional<std::filesystem::path> find_program(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/bin";
    for (std::size_t start = 0; start <= dirs.size();) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const auto candidate = std::filesystem::path(dirs.substr(start, end - start)) / name;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        start = end + 1;
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("video_server main stream is playable with digest auth", "[camsim][video][slow]") {
    camera cam;
    rtsp_test_client client(cam.url());
    const auto frame = client.next_frame(frame_timeout);
    REQUIRE(frame);
    CHECK(frame->width == 1280);
    CHECK(frame->height == 720);
}

TEST_CASE("video_server sub stream has the sub size", "[camsim][video][slow]") {
    camera cam;
    rtsp_test_client client(cam.url("/Streaming/Channels/102"));
    const auto frame = client.next_frame(frame_timeout);
    REQUIRE(frame);
    CHECK(frame->width == 640);
    CHECK(frame->height == 360);
}

TEST_CASE("video_server matches stream paths case-insensitively", "[camsim][video][slow]") {
    camera cam;
    for (const char* path :
         {"/Streaming/channels/101", "/STREAMING/CHANNELS/102", "/Streaming/Channels/1"}) {
        INFO(path);
        rtsp_test_client client(cam.url(path));
        CHECK(client.next_frame(frame_timeout));
    }
}

TEST_CASE("video_server plays with basic or either auth", "[camsim][video][slow]") {
    for (const char* method : {"basic", "both"}) {
        INFO(method);
        camera cam(method);
        rtsp_test_client client(cam.url());
        CHECK(client.next_frame(frame_timeout));
    }
}

TEST_CASE("video_server refuses a wrong password", "[camsim][video][slow]") {
    camera cam;
    rtsp_test_client client(
        rtsp_url(cam.server->rtsp_port(), "/Streaming/Channels/101", "admin", "wrong"));
    const auto end = client.wait_for_end(frame_timeout);
    REQUIRE(end);
    INFO(*end);
    CHECK(end->rfind("error", 0) == 0);
    CHECK_FALSE(client.next_frame(100ms));
}

TEST_CASE("video_server stream follows the view", "[camsim][video][slow]") {
    camera cam;
    rtsp_test_client client(cam.url("/Streaming/Channels/102"));
    const auto before = client.next_frame(frame_timeout);
    REQUIRE(before);

    cam.azimuth = 900;
    double difference = 0;
    const bool changed = eventually(
        [&] {
            const auto frame = client.next_frame(1s);
            difference = frame ? before->difference(*frame) : 0.0;
            return difference > 20.0;
        },
        5s);
    INFO("mean difference " << difference);
    CHECK(changed);
}

TEST_CASE("video_server encodes only while a client is connected", "[camsim][video][slow]") {
    camera cam;
    std::this_thread::sleep_for(300ms);
    CHECK(cam.view_calls == 0);
    {
        rtsp_test_client client(cam.url());
        REQUIRE(client.next_frame(frame_timeout));
        CHECK(cam.view_calls > 0);
    }
    // After the viewer leaves, the media is torn down and the view is no longer polled.
    REQUIRE(eventually([&] { return cam.server->clients() == 0; }, 5s));
    std::this_thread::sleep_for(500ms);
    const int settled = cam.view_calls;
    std::this_thread::sleep_for(500ms);
    CHECK(cam.view_calls == settled);
}

TEST_CASE("video_server clients counts connected viewers", "[camsim][video][slow]") {
    camera cam;
    CHECK(cam.server->clients() == 0);
    {
        rtsp_test_client first(cam.url());
        rtsp_test_client second(cam.url("/Streaming/Channels/102"));
        REQUIRE(first.next_frame(frame_timeout));
        REQUIRE(second.next_frame(frame_timeout));
        CHECK(cam.server->clients() == 2);
    }
    CHECK(eventually([&] { return cam.server->clients() == 0; }, 5s));
}

TEST_CASE("video_server set_streaming(false) ends streams until switched back",
          "[camsim][video][slow]") {
    camera cam;
    rtsp_test_client playing(cam.url());
    REQUIRE(playing.next_frame(frame_timeout));

    cam.server->set_streaming(false);
    const auto end = playing.wait_for_end(5s);
    CHECK(end == std::optional<std::string>("eos"));
    rtsp_test_client refused(cam.url());
    CHECK(refused.wait_for_end(5s));

    cam.server->set_streaming(true);
    rtsp_test_client again(cam.url());
    CHECK(again.next_frame(frame_timeout));
}

TEST_CASE("video_server set_available(false) closes the port until switched back",
          "[camsim][video][slow]") {
    camera cam;
    const int port = cam.server->rtsp_port();
    rtsp_test_client playing(cam.url());
    REQUIRE(playing.next_frame(frame_timeout));

    cam.server->set_available(false);
    CHECK_FALSE(tcp_connects(port));
    CHECK(playing.wait_for_end(5s));

    cam.server->set_available(true);
    CHECK(cam.server->rtsp_port() == port);
    CHECK(tcp_connects(port));
    rtsp_test_client again(cam.url());
    CHECK(again.next_frame(frame_timeout));
}

TEST_CASE("video_server stream is H.264 to ffprobe", "[camsim][video][slow]") {
    const auto ffprobe = find_program("ffprobe");
    if (!ffprobe) {
        WARN("ffprobe not found in PATH: skipping the ffprobe check");
        return;
    }
    camera cam;
    const auto result = camtwin::test::run(
        {ffprobe->string(), "-rtsp_transport", "tcp", "-v", "error", "-show_streams", cam.url()},
        {}, 20s);
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("codec_name=h264") != std::string::npos);
    CHECK(result.out.find("width=1280") != std::string::npos);
}
