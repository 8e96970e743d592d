#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "config/config.hpp"
#include "http/device_routes.hpp"
#include "http/http_exchange.hpp"
#include "metrics/prometheus_text.hpp"

namespace camtwin::http {

class counted_exchange;

// What the main listener needs from the rest of the service, handed in by the composition root.
struct service_hooks {
    std::function<bool()> broker_connected;
    std::function<std::string()> metrics_text;  // the whole /metrics page
};

// HTTP requests answered, by listener, route and status: routes are a closed set of names
// (never raw paths), so the series stay bounded whatever clients send.
class request_counts {
public:
    void record(const std::string& listener, const std::string& route, unsigned code);
    void write(metrics::prometheus_text& out) const;

private:
    std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> counts_;
};

// Turns a request into a route: checks the target and the bearer token, then hands it to a
// device's routes or answers it itself (the main listener's /, /healthz, /readyz, /metrics,
// /devices). One router per listener; a device listener's router knows only its device.
//
// Threads: the loop thread only.
class http_router : public request_handler {
public:
    // The main listener's router.
    http_router(const http_config& config, std::vector<device_routes*> devices, service_hooks hooks,
                request_counts& counts);
    // A device listener's router.
    http_router(const http_config& config, device_routes& device, request_counts& counts);

    void handle(const exchange_ptr& exchange) override;

private:
    void route_main(const std::shared_ptr<counted_exchange>& exchange,
                    const request_target& target);
    bool authorised(const request& message, const request_target& target) const;
    void ready(const exchange_ptr& exchange) const;
    void device_list(const exchange_ptr& exchange) const;
    device_routes* find(const std::string& name) const;

    const http_config& config_;
    std::vector<device_routes*> devices_;
    service_hooks hooks_;
    request_counts& counts_;
    std::string listener_;
    bool device_listener_ = false;
};

}  // namespace camtwin::http
