#include "http/http_front.hpp"

#include <stdexcept>

#include <boost/asio/ip/address.hpp>

#include "config/host_port.hpp"

namespace camtwin::http {
namespace {

using boost::asio::ip::tcp;

// host:port from the config (already validated), resolved without DNS: camtwin listens on an
// address, and "localhost" is the one name it knows.
tcp::endpoint endpoint_of(const std::string& listen) {
    const auto parsed = parse_host_port(listen);
    if (!parsed) {
        throw std::runtime_error("http.listen: not host:port: \"" + listen + "\"");
    }
    const std::string host = parsed->host == "localhost" ? "127.0.0.1" : parsed->host;
    boost::system::error_code error;
    const auto address = boost::asio::ip::make_address(host, error);
    if (error) {
        throw std::runtime_error("http.listen: \"" + parsed->host + "\" is not an IP address");
    }
    return {address, static_cast<unsigned short>(parsed->port)};
}

}  // namespace

http_front::http_front(boost::asio::io_context& loop, const http_config& config,
                       const std::vector<device_binding>& devices, service_hooks hooks,
                       const command_observer& observer, std::shared_ptr<spdlog::logger> log)
    : config_(config), log_(std::move(log)) {
    std::vector<device_routes*> all;
    for (const auto& binding : devices) {
        device_part part;
        part.routes = std::make_unique<device_routes>(loop, *binding.config, binding.twin,
                                                      binding.stream, observer);
        part.port = binding.config->http_port;
        if (part.port != 0) {
            part.router = std::make_unique<http_router>(config_, *part.routes, counts_);
            part.listener = std::make_unique<http_listener>(loop, "device " + binding.config->name,
                                                            config_.limits, *part.router, log_);
        }
        all.push_back(part.routes.get());
        devices_.push_back(std::move(part));
    }
    main_router_ =
        std::make_unique<http_router>(config_, std::move(all), std::move(hooks), counts_);
    main_listener_ =
        std::make_unique<http_listener>(loop, "main", config_.limits, *main_router_, log_);
}

http_front::~http_front() = default;

void http_front::start() {
    const auto main = endpoint_of(config_.listen);
    main_listener_->listen(main);
    for (auto& part : devices_) {
        if (part.listener) {
            // A device's listener shares the main listener's address, on its own port.
            part.listener->listen({main.address(), static_cast<unsigned short>(part.port)});
        }
    }
    main_listener_->start();
    for (auto& part : devices_) {
        if (part.listener) {
            part.listener->start();
        }
    }
}

void http_front::shutdown() {
    main_listener_->shutdown();
    for (auto& part : devices_) {
        part.routes->shutdown();
        if (part.listener) {
            part.listener->shutdown();
        }
    }
}

void http_front::write_metrics(metrics::prometheus_text& out) const {
    counts_.write(out);
    out.family("camtwin_http_connections", "gauge", "Open HTTP connections, by listener.");
    out.sample("camtwin_http_connections", {{"listener", "main"}},
               static_cast<double>(main_listener_->connections()));
    for (const auto& part : devices_) {
        if (part.listener) {
            out.sample("camtwin_http_connections", {{"listener", "device:" + part.routes->name()}},
                       static_cast<double>(part.listener->connections()));
        }
    }
    out.family("camtwin_stream_viewers", "gauge", "Viewers of each device's streams.");
    for (const auto& part : devices_) {
        out.sample("camtwin_stream_viewers", {{"device", part.routes->name()}, {"stream", "mjpeg"}},
                   static_cast<double>(part.routes->feed().viewers()));
    }
    out.family("camtwin_stream_frames_total", "counter",
               "Frames fanned out to the MJPEG viewers of each device.");
    for (const auto& part : devices_) {
        out.sample("camtwin_stream_frames_total", {{"device", part.routes->name()}},
                   static_cast<double>(part.routes->feed().frames()));
    }
    out.family("camtwin_stream_frames_skipped_total", "counter",
               "Frames a slow viewer skipped (it gets the newest instead), summed over viewers.");
    for (const auto& part : devices_) {
        out.sample("camtwin_stream_frames_skipped_total",
                   {{"device", part.routes->name()}, {"stream", "mjpeg"}},
                   static_cast<double>(part.routes->feed().frames_skipped()));
    }
    out.family("camtwin_stream_bytes_total", "counter",
               "Bytes written to the viewers of each device's streams.");
    for (const auto& part : devices_) {
        out.sample("camtwin_stream_bytes_total",
                   {{"device", part.routes->name()}, {"stream", "mjpeg"}},
                   static_cast<double>(part.routes->feed().bytes_sent()));
    }
}

}  // namespace camtwin::http
