#pragma once

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../camera/camera_fixture.hpp"
#include "support/camsim_process.hpp"
#include "support/child_process.hpp"
#include "support/curl_client.hpp"
#include "support/mosquitto_process.hpp"
#include "support/ports.hpp"
#include "support/temp_dir.hpp"

namespace camtwin::test {

// A broker, a camsim and the camtwin binary with its main listener and cam1's own
// Shifu-compatible listener, each on a free port.
class http_rig {
public:
    struct options {
        std::string http_yaml;  // more keys under http:, each line indented by two spaces
        // More keys of cam1, each line indented by four spaces; "{rtsp}" and "{rtsp_sub}" stand
        // for camsim's main and sub stream RTSP URLs.
        std::string device_yaml;
        std::vector<std::string> env;
        std::vector<std::string> camsim_args;  // e.g. {"--codec", "h265"}
    };
    // Options with more keys under http: and more environment.
    static options with_http(std::string http_yaml, std::vector<std::string> env = {}) {
        options out;
        out.http_yaml = std::move(http_yaml);
        out.env = std::move(env);
        return out;
    }

    http_rig() : http_rig(options{}) {}
    explicit http_rig(options extra)
        : sim_(CAMSIM_BINARY, sim_options(extra)),
          main_port_(free_port()),
          device_port_(free_port()) {
        config_path_ = dir_.write("camtwin.yaml",
                                  "mqtt: {url: \"" + broker_.url() +
                                      "\", client_id: http-rig}\n"
                                      "http:\n"
                                      "  listen: 127.0.0.1:" +
                                      std::to_string(main_port_) + "\n" + extra.http_yaml +
                                      "devices:\n"
                                      "  - name: cam1\n"
                                      "    address: " +
                                      sim_.camera().address() +
                                      "\n"
                                      "    http_port: " +
                                      std::to_string(device_port_) +
                                      "\n"
                                      "    telemetry: {health_interval_s: 1}\n"
                                      "    rate_limit: {requests_per_s: 0}\n" +
                                      with_rtsp(extra.device_yaml) +
                                      "media: {hls_dir: " + (dir_.path() / "hls").string() + "}\n")
                           .string();
        env_ = std::move(extra.env);
        env_.push_back("CAMTWIN_DEVICE_CAM1_PASSWORD=" + sim_.options().password);
        start_camtwin();
    }

    ~http_rig() { stop_camtwin(); }

    http_rig(const http_rig&) = delete;
    http_rig& operator=(const http_rig&) = delete;

    void start_camtwin() {
        camtwin_ = std::make_unique<child_process>(
            std::vector<std::string>{CAMTWIN_BINARY, "--config", config_path_}, env_);
        REQUIRE(camtwin_->wait_for_output("device cam1 listening", std::chrono::seconds(10)));
        // The broker is connected and the first probe has answered: the twin is online and
        // commands go straight through. (/readyz needs no token, whatever the test configured.)
        REQUIRE(eventually(
            [&] {
                curl_client client;
                const auto ready = client.get(main("/readyz"));
                return ready.status == 200 &&
                       ready.body.find("\"cam1\":\"online\"") != std::string::npos;
            },
            std::chrono::seconds(10)));
    }

    std::optional<int> stop_camtwin() { return terminate(camtwin_); }

    std::string main(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(main_port_) + path;
    }
    std::string device(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(device_port_) + path;
    }
    int main_port() const { return main_port_; }
    // Where camtwin writes cam1's HLS output.
    std::filesystem::path hls_dir() const { return dir_.path() / "hls" / "cam1"; }
    int device_port() const { return device_port_; }

    camsim_process& sim() { return sim_; }
    mosquitto_process& broker() { return broker_; }
    child_process& camtwin() { return *camtwin_; }

private:
    static camsim_options sim_options(const options& extra) {
        camsim_options out;
        out.extra_args = extra.camsim_args;
        return out;
    }

    std::string with_rtsp(std::string yaml) const {
        auto sub_stream = sim_.camera().rtsp;
        sub_stream.replace(sub_stream.rfind("101"), 3, "102");
        for (const auto& [placeholder, url] : {std::pair{std::string("{rtsp}"), sim_.camera().rtsp},
                                               std::pair{std::string("{rtsp_sub}"), sub_stream}}) {
            if (const auto at = yaml.find(placeholder); at != std::string::npos) {
                yaml.replace(at, placeholder.size(), url);
            }
        }
        return yaml;
    }

    temp_dir dir_;
    mosquitto_process broker_;
    camsim_process sim_;
    int main_port_;
    int device_port_;
    std::string config_path_;
    std::vector<std::string> env_;
    std::unique_ptr<child_process> camtwin_;
};

// A plain TCP client for requests no HTTP library would send.
class raw_connection {
public:
    // receive_buffer > 0 shrinks the socket's receive buffer (and so the window the server may
    // fill) before connecting.
    explicit raw_connection(int port, int receive_buffer = 0)
        : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        if (receive_buffer > 0) {
            REQUIRE(::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer,
                                 sizeof(receive_buffer)) == 0);
        }
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    }
    ~raw_connection() { ::close(fd_); }

    raw_connection(const raw_connection&) = delete;
    raw_connection& operator=(const raw_connection&) = delete;

    // False once the peer has closed (or reset) the connection.
    bool send(std::string_view bytes) {
        return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(bytes.size());
    }

    // Everything the server sends until it closes the connection or the timeout passes.
    std::string read_all(std::chrono::milliseconds timeout, bool* closed = nullptr) {
        std::string out;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        char chunk[4096];
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd wait{fd_, POLLIN, 0};
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (::poll(&wait, 1, static_cast<int>(std::max<long>(left.count(), 1))) <= 0) {
                continue;
            }
            const auto got = ::recv(fd_, chunk, sizeof(chunk), 0);
            if (got <= 0) {
                if (closed) {
                    *closed = true;
                }
                return out;
            }
            out.append(chunk, static_cast<std::size_t>(got));
        }
        if (closed) {
            *closed = false;
        }
        return out;
    }

private:
    int fd_;
};

// The JPEGs of a multipart/x-mixed-replace body framed as Shifu frames it; fails the test on any
// byte out of place. A part cut off by the end of the capture is left out.
inline std::vector<std::string> mjpeg_parts(const std::string& body) {
    const std::string head = "--frame\r\nContent-Type: image/jpeg\r\n\r\n";
    std::vector<std::string> parts;
    std::size_t at = 0;
    while (at < body.size()) {
        REQUIRE(body.compare(at, head.size(), head, 0, std::min(head.size(), body.size() - at)) ==
                0);
        const auto start = at + head.size();
        const auto end = body.find("\xff\xd9\r\n", start);
        if (end == std::string::npos) {
            break;  // cut off
        }
        parts.push_back(body.substr(start, end + 2 - start));
        at = end + 4;
    }
    return parts;
}

}  // namespace camtwin::test
