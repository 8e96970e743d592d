#include "test_camera.hpp"

#include <future>

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace camsim::test {

test_camera::test_camera(camera_options options) : work_(io_.get_executor()) {
    spdlog::set_level(spdlog::level::warn);
    camera_ = std::make_unique<camera>(io_.get_executor(), std::move(options));

    camera_video video;
    video.snapshot = [](int width, int height) {
        return "\xff\xd8" + std::to_string(width) + "x" + std::to_string(height) + "\xff\xd9";
    };
    video.set_streaming = [this](bool on) { streaming_ = on; };
    camera_->attach_video(std::move(video), 8554);
    camera_->start();
    http_port_ = camera_->http_port();
    control_port_ = camera_->control_port();

    thread_ = std::thread([this] { io_.run(); });
}

test_camera::~test_camera() {
    std::promise<void> closed;
    boost::asio::post(io_, [this, &closed] {
        camera_->shutdown();
        closed.set_value();
    });
    closed.get_future().wait_for(std::chrono::seconds(2));
    work_.reset();
    io_.stop();
    thread_.join();
    camera_.reset();
}

camera_options test_camera::default_options() {
    camera_options options;
    options.auth.user = user;
    options.auth.password = password;
    options.identity.serial_number = "DS-2DF8425IX-AELW20240712CCWRFH3535597";
    options.identity.mac_address = "74:3f:c2:00:00:01";
    options.identity.device_id = "099f4000-4d50-11b4-82c8-743fc2000001";
    options.reboot_time = std::chrono::milliseconds(300);
    return options;
}

std::string test_camera::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(http_port_) + path;
}

std::string test_camera::control_url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(control_port_) + path;
}

nlohmann::json test_camera::state() const {
    curl_client client;
    http_result result = client.get(control_url("/state"));
    return nlohmann::json::parse(result.body);
}

long test_camera::faults(const nlohmann::json& patch) const {
    curl_client client;
    return client.put(control_url("/faults"), patch.dump()).status;
}

long test_camera::control_post(const std::string& path, const nlohmann::json& body) const {
    curl_client client;
    return client.request("POST", control_url(path), body.dump()).status;
}

std::unique_ptr<curl_client> test_camera::digest_client() {
    auto client = std::make_unique<curl_client>();
    client->set_auth(CURLAUTH_DIGEST, user, password);
    return client;
}

}  // namespace camsim::test
