#include "app/service.hpp"

#include <csignal>

#include <boost/asio/post.hpp>
#include <spdlog/fmt/ranges.h>

#include "app/metrics_report.hpp"
#include "app/twin_factory.hpp"
#include "app/version.hpp"
#include "mqtt/paho_connection.hpp"

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
      hls_root_(cfg_.media),
      drain_timer_(io_) {
    start_twins(logs);
    start_streams(logs);
    start_mqtt(logs);
    start_http(logs);
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

void service::start_streams(const log_factory& logs) {
    for (std::size_t i = 0; i < twins_.size(); ++i) {
        streams_.push_back(make_camera_stream(io_, cfg_.devices[i], hls_root_.path(), logs));
        wire_stream(io_, *twins_[i], streams_[i], cfg_.devices[i]);
    }
}

void service::start_mqtt(const log_factory& logs) {
    std::vector<mqtt::mqtt_bridge::device_binding> bindings;
    for (std::size_t i = 0; i < twins_.size(); ++i) {
        bindings.push_back({&cfg_.devices[i], twins_[i]});
    }
    const mqtt::topic_scheme topics(cfg_.mqtt.topic_prefix, cfg_.mqtt.client_id);
    auto log = logs.make("mqtt");
    auto connection =
        std::make_unique<mqtt::paho_connection>(io_, cfg_.mqtt, topics.bridge_availability(), log);
    mqtt_ = std::make_unique<mqtt::mqtt_bridge>(io_, cfg_.mqtt, std::move(bindings),
                                                std::move(connection), log);
    mqtt_->on_command([this](const std::string& device, const std::string& command,
                             const twin::command_result& result, double latency_ms) {
        commands_.record("mqtt", device, command, result.code, latency_ms);
    });
}

void service::start_http(const log_factory& logs) {
    std::vector<http::http_front::device_binding> bindings;
    for (std::size_t i = 0; i < twins_.size(); ++i) {
        bindings.push_back({&cfg_.devices[i], twins_[i], streams_[i]});
    }
    http::service_hooks hooks{[this] { return mqtt_->connected(); },
                              [this] { return metrics_text(); }};
    auto observer = [this](const std::string& device, const std::string& command,
                           const twin::command_result& result, double latency_ms) {
        commands_.record("http", device, command, result.code, latency_ms);
    };
    http_ =
        std::make_unique<http::http_front>(io_, cfg_.http, std::move(bindings), std::move(hooks),
                                           std::move(observer), logs.make("http"));
}

std::string service::metrics_text() const {
    return metrics_report(commands_, twins_, streams_, *mqtt_, *http_);
}

int service::run() {
    log_summary();
    wait_for_signal();
    try {
        http_->start();
    } catch (const std::runtime_error& error) {
        log_->error("{}", error.what());  // a port in use: nothing to serve on, so stop
        return 1;
    }
    mqtt_->start();
    for (auto& twin : twins_) {
        twin->start();
    }
    for (auto& stream : streams_) {
        if (stream->options().idle_stop.count() == 0) {
            stream->touch();  // always on: started now, never idle
        }
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
    http_->shutdown();
    for (auto& stream : streams_) {
        stream->shutdown();
    }
    // The loop ends when both the drain time has passed (for the twins' last stops) and the
    // MQTT session has closed (after publishing "offline"), whichever comes last.
    auto pending = std::make_shared<int>(2);
    auto one_done = [this, pending] {
        if (--*pending == 0) {
            io_.stop();
        }
    };
    mqtt_->shutdown(one_done);
    drain_timer_.expires_after(drain_time);
    drain_timer_.async_wait([one_done](const boost::system::error_code&) { one_done(); });
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
