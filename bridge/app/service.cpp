#include "app/service.hpp"

#include <csignal>

#include <boost/asio/post.hpp>
#include <spdlog/fmt/ranges.h>

#include "app/twin_factory.hpp"
#include "app/version.hpp"

namespace camtwin {

namespace {

constexpr std::size_t camera_workers = 4;
// On shutdown, running twins get this long to send their last stop before the loop ends.
constexpr std::chrono::milliseconds drain_time{300};

}  // namespace

service::service(config cfg, const log_factory& logs)
    : cfg_(std::move(cfg)),
      log_(logs.make("service")),
      io_(1),
      signals_(io_, SIGINT, SIGTERM),
      workers_(camera_workers),
      drain_timer_(io_) {
    start_twins(logs);
}

service::~service() {
    // A camera call still under way finishes (bounded by its timeout); none starts any more.
    workers_.stop();
    workers_.join();
}

void service::start_twins(const log_factory& logs) {
    for (const auto& device : cfg_.devices) {
        twins_.push_back(make_device_twin(io_, workers_, device, logs));
    }
}

int service::run() {
    log_summary();
    wait_for_signal();
    for (auto& twin : twins_) {
        twin->start();
    }
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
        shut_down();
    });
}

void service::shut_down() {
    for (auto& twin : twins_) {
        twin->shutdown();
    }
    // TODO(#5): close the MQTT session (publishing "offline") before the loop stops.
    // TODO(#6): end HTTP streams and drain connections before the loop stops.
    drain_timer_.expires_after(drain_time);
    drain_timer_.async_wait([this](const boost::system::error_code&) { io_.stop(); });
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
