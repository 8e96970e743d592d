#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/logger.h>

#include "app/stream_wiring.hpp"
#include "config/config.hpp"
#include "http/http_front.hpp"
#include "log/logging.hpp"
#include "metrics/command_metrics.hpp"
#include "mqtt/mqtt_bridge.hpp"
#include "twin/device_twin.hpp"

namespace camtwin {

// The composition root of the running service: it owns the one event loop on which the
// service's state lives, and the device twins and the MQTT and HTTP fronts,
// wired to each other here and nowhere else. Library threads post into io_context().
//
// Threads: construct and run() on the main thread; stop() may be called from any thread.
class service {
public:
    service(config cfg, const log_factory& logs);
    ~service();

    service(const service&) = delete;
    service& operator=(const service&) = delete;

    // Runs the event loop until SIGINT or SIGTERM (or stop()); returns the process exit code.
    int run();

    void stop();

    boost::asio::io_context& io_context() { return io_; }

private:
    void log_summary() const;
    void wait_for_signal();
    void start_twins(const log_factory& logs);
    void start_streams(const log_factory& logs);
    void start_mqtt(const log_factory& logs);
    void start_http(const log_factory& logs);
    std::string metrics_text() const;
    void shut_down();

    config cfg_;
    std::shared_ptr<spdlog::logger> log_;
    boost::asio::io_context io_;
    boost::asio::signal_set signals_;
    // Blocking camera calls run here; each twin has at most one call out at a time.
    boost::asio::thread_pool workers_;
    std::vector<std::shared_ptr<twin::device_twin>> twins_;
    hls_root hls_root_;
    // One per device, in the order of cfg_.devices; they outlive the fronts that hold them.
    std::vector<std::shared_ptr<pipelines::camera_stream>> streams_;
    metrics::command_metrics commands_;
    std::unique_ptr<mqtt::mqtt_bridge> mqtt_;
    std::unique_ptr<http::http_front> http_;
    boost::asio::steady_timer drain_timer_;
};

}  // namespace camtwin
