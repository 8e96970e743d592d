#include "app/twin_factory.hpp"

#include "camera/hikvision_camera.hpp"

namespace camtwin {

std::shared_ptr<twin::device_twin> make_device_twin(boost::asio::io_context& loop,
                                                    boost::asio::thread_pool& workers,
                                                    const device_config& device,
                                                    const log_factory& logs) {
    const camera::http_timeouts timeouts{std::chrono::milliseconds(device.timeouts.connect_ms),
                                         std::chrono::milliseconds(device.timeouts.request_ms)};
    auto session = std::make_unique<camera::curl_session>("http://" + device.address, timeouts);
    auto client = std::make_unique<camera::isapi_client>(
        std::move(session), camera::camera_login{device.username, device.password},
        camera::auth_backoff{std::chrono::seconds(device.auth_backoff.first_s),
                             std::chrono::seconds(device.auth_backoff.max_s)},
        [] { return std::chrono::steady_clock::now(); });
    auto camera = std::make_shared<camera::hikvision_camera>(std::move(client), device.ptz.channel);

    twin::twin_options options;
    options.name = device.name;
    options.health_interval = std::chrono::seconds(device.telemetry.health_interval_s);
    options.max_move = std::chrono::milliseconds(device.ptz.max_duration_ms);
    options.requests_per_s = device.rate_limit.requests_per_s;
    options.burst = device.rate_limit.burst;
    return std::make_shared<twin::device_twin>(loop, workers, std::move(camera), options,
                                               logs.make("twin"));
}

}  // namespace camtwin
