#pragma once

#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <spdlog/logger.h>

#include "config/config.hpp"
#include "http/command_reply.hpp"
#include "http/device_routes.hpp"
#include "http/http_listener.hpp"
#include "http/http_router.hpp"
#include "metrics/prometheus_text.hpp"

namespace camtwin::http {

// The HTTP front of the service (docs/http.md): the main listener (http.listen) with the
// extended API, health, metrics and the viewer page, and one Shifu-compatible listener per
// device that has an http_port. It knows the twins and nothing of MQTT: what it needs from the
// rest of the service arrives as hooks.
//
// Threads: the loop thread only.
class http_front {
public:
    struct device_binding {
        const device_config* config = nullptr;
        std::shared_ptr<twin::device_twin> twin;
        std::shared_ptr<pipelines::camera_stream> stream;  // may be null
    };

    http_front(boost::asio::io_context& loop, const http_config& config,
               const std::vector<device_binding>& devices, service_hooks hooks,
               const command_observer& observer, std::shared_ptr<spdlog::logger> log);
    ~http_front();

    // Binds every listener; throws std::runtime_error naming the address that failed.
    void start();
    // Stops accepting, ends streams with their closing chunk and closes every connection.
    void shutdown();

    // HTTP requests, open connections and stream viewers.
    void write_metrics(metrics::prometheus_text& out) const;

private:
    struct device_part {
        std::unique_ptr<device_routes> routes;
        std::unique_ptr<http_router> router;
        std::unique_ptr<http_listener> listener;  // none without an http_port
        int port = 0;
    };

    const http_config& config_;
    std::shared_ptr<spdlog::logger> log_;
    request_counts counts_;
    std::vector<device_part> devices_;
    std::unique_ptr<http_router> main_router_;
    std::unique_ptr<http_listener> main_listener_;
};

}  // namespace camtwin::http
