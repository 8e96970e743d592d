#include "app/service.hpp"

#include <csignal>

#include <boost/asio/post.hpp>
#include <spdlog/fmt/ranges.h>

#include "app/version.hpp"

namespace camtwin {

service::service(config cfg, const log_factory& logs)
    : cfg_(std::move(cfg)), log_(logs.make("service")), io_(1), signals_(io_, SIGINT, SIGTERM) {}

int service::run() {
    log_summary();
    wait_for_signal();
    io_.run();
    log_->info("stopped");
    return 0;
}

void service::stop() {
    boost::asio::post(io_, [this] {
        signals_.cancel();
        io_.stop();
    });
}

void service::wait_for_signal() {
    signals_.async_wait([this](const boost::system::error_code& error, int signo) {
        if (error) {
            return;
        }
        log_->info("received {}, stopping", signo == SIGINT ? "SIGINT" : "SIGTERM");
        // TODO(#5): close the MQTT session (publishing "offline") before the loop stops.
        // TODO(#6): end HTTP streams and drain connections before the loop stops.
        io_.stop();
    });
}

void service::log_summary() const {
    std::vector<std::string> devices;
    for (const auto& device : cfg_.devices) {
        devices.push_back(fmt::format("{} at {}", device.name, device.address));
    }
    log_->info("camtwin {} starting: broker \"{}\" as \"{}\", http \"{}\", {} device(s): {}",
               version, cfg_.mqtt.url, cfg_.mqtt.client_id, cfg_.http.listen, devices.size(),
               fmt::join(devices, ", "));
}

}  // namespace camtwin
