#pragma once

#include <chrono>
#include <memory>
#include <thread>

#include "camera/hikvision_camera.hpp"
#include "support/camsim_process.hpp"

namespace camtwin::test {

// A hikvision_camera pointed at a camsim camera, with the given password (right by default).
inline std::unique_ptr<camera::hikvision_camera> connect(const camsim_process& sim,
                                                         std::string password = "",
                                                         camera::http_timeouts timeouts = {
                                                             std::chrono::milliseconds(1000),
                                                             std::chrono::milliseconds(2000)}) {
    if (password.empty()) {
        password = sim.options().password;
    }
    auto session = std::make_unique<camera::curl_session>(sim.camera().http, timeouts);
    auto client = std::make_unique<camera::isapi_client>(
        std::move(session), camera::camera_login{sim.options().user, secret(password)},
        camera::auth_backoff{}, [] { return std::chrono::steady_clock::now(); });
    return std::make_unique<camera::hikvision_camera>(std::move(client), 1);
}

// Polls until check() holds or the timeout passes; returns the last result.
template <typename Check>
bool eventually(Check check, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!check()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

}  // namespace camtwin::test
