#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "camera.hpp"
#include "support/curl_client.hpp"

namespace camsim::test {

using camtwin::test::curl_client;
using camtwin::test::http_result;

inline constexpr const char* user = "admin";
inline constexpr const char* password = "Test1234!";

// One in-process camera on free ports, its loop on a background thread. The test thread talks to
// it only over HTTP (the ISAPI port and the control port). The video side is a stub whose JPEG
// carries the requested size: FF D8 "<w>x<h>" FF D9.
class test_camera {
public:
    explicit test_camera(camera_options options = default_options());
    ~test_camera();

    static camera_options default_options();

    std::string url(const std::string& path) const;
    std::string control_url(const std::string& path) const;

    // GET /state of the control API.
    nlohmann::json state() const;

    // PUT /faults; returns the HTTP status.
    long faults(const nlohmann::json& patch) const;

    // POST to the control API; returns the HTTP status.
    long control_post(const std::string& path, const nlohmann::json& body) const;

    unsigned short http_port() const { return http_port_; }
    bool streaming() const { return streaming_; }

    // A client with digest credentials set.
    static std::unique_ptr<curl_client> digest_client();

private:
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::unique_ptr<camera> camera_;
    std::atomic<bool> streaming_{true};
    unsigned short http_port_ = 0;
    unsigned short control_port_ = 0;
    std::thread thread_;
};

// Waits, polling every 20 ms, until `done` is true or `timeout` passed; returns done().
template <class F>
bool eventually(F done, std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

}  // namespace camsim::test
