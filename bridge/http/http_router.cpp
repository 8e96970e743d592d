#include "http/http_router.hpp"

#include <openssl/crypto.h>

#include <boost/beast/http/field.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "http/viewer_assets.hpp"
#include "http/viewer_page.hpp"
#include "twin/twin_json.hpp"

namespace camtwin::http {

// Counts the status of the answer under the route the router chose, then passes it on.
class counted_exchange : public http_exchange {
public:
    counted_exchange(exchange_ptr inner, request_counts& counts, std::string listener)
        : inner_(std::move(inner)), counts_(counts), listener_(std::move(listener)) {}

    void set_route(std::string route) { route_ = std::move(route); }

    const request& message() const override { return inner_->message(); }
    bool answered() const override { return inner_->answered(); }

    void respond(response answer) override {
        if (!inner_->answered()) {
            counts_.record(listener_, route_, answer.result_int());
        }
        inner_->respond(std::move(answer));
    }

    void stream_mjpeg(mjpeg_feed& feed, std::optional<std::chrono::milliseconds> limit) override {
        if (!inner_->answered()) {
            counts_.record(listener_, route_, 200);
        }
        inner_->stream_mjpeg(feed, limit);
    }

private:
    exchange_ptr inner_;
    request_counts& counts_;
    std::string listener_;
    std::string route_ = "unknown";
};

namespace {

constexpr std::string_view hls_js_name = "hls.light.min.js";

response json_response(status code, const nlohmann::json& body) {
    return make_response(code,
                         body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                         application_json);
}

response not_found_text() {
    auto out =
        make_response(status::not_found, "Error: Device instruction does not exist!\n", text_plain);
    out.set("X-Content-Type-Options", "nosniff");
    return out;
}

// The route label of a device path: its command words, never a value from the client.
std::string device_route(std::span<const std::string> rest) {
    if (rest.empty()) {
        return "device";
    }
    if ((rest[0] == "move" || rest[0] == "zoom" || rest[0] == "preset") && rest.size() == 2) {
        return rest[0];
    }
    static const std::vector<std::string> known{"info", "capture", "stream", "health",
                                                "stop", "home",    "status"};
    if (rest.size() == 1 && std::ranges::find(known, rest[0]) != known.end()) {
        return rest[0];
    }
    return "not_found";
}

}  // namespace

void request_counts::record(const std::string& listener, const std::string& route, unsigned code) {
    ++counts_[{listener, route, code}];
}

void request_counts::write(metrics::prometheus_text& out) const {
    out.family("camtwin_http_requests_total", "counter",
               "HTTP requests answered, by listener, route and status.");
    for (const auto& [key, count] : counts_) {
        const auto& [listener, route, code] = key;
        out.sample("camtwin_http_requests_total",
                   {{"listener", listener}, {"route", route}, {"status", std::to_string(code)}},
                   static_cast<double>(count));
    }
}

http_router::http_router(const http_config& config, std::vector<device_routes*> devices,
                         service_hooks hooks, request_counts& counts)
    : config_(config),
      devices_(std::move(devices)),
      hooks_(std::move(hooks)),
      counts_(counts),
      listener_("main") {}

http_router::http_router(const http_config& config, device_routes& device, request_counts& counts)
    : config_(config),
      devices_{&device},
      counts_(counts),
      listener_("device:" + device.name()),
      device_listener_(true) {}

void http_router::handle(const exchange_ptr& raw) {
    auto exchange = std::make_shared<counted_exchange>(raw, counts_, listener_);
    const auto parsed = parse_target(to_std(exchange->message().target()));
    if (!parsed.target) {
        exchange->set_route("bad_target");
        exchange->respond(make_response(status::bad_request, parsed.error + "\n", text_plain));
        return;
    }
    if (!authorised(exchange->message(), *parsed.target)) {
        exchange->set_route("unauthorized");
        auto out = make_response(status::unauthorized, "a bearer token is required\n", text_plain);
        out.set(beast_http::field::www_authenticate, "Bearer realm=\"camtwin\"");
        exchange->respond(std::move(out));
        return;
    }
    if (device_listener_) {
        const auto& target = *parsed.target;
        exchange->set_route(device_route(target.segments));
        devices_.front()->handle(exchange, target, target.segments, device_scope::shifu_listener);
        return;
    }
    route_main(exchange, *parsed.target);
}

void http_router::route_main(const std::shared_ptr<counted_exchange>& counted,
                             const request_target& target) {
    auto& exchange = *counted;
    const exchange_ptr raw = counted;
    const auto& segments = target.segments;
    const auto& message = exchange.message();
    const bool read =
        message.method() == beast_http::verb::get || message.method() == beast_http::verb::head;
    const std::string first = segments.empty() ? "" : segments[0];

    if (first == "devices" && segments.size() >= 2) {
        auto* device = find(segments[1]);
        if (!device) {
            exchange.set_route("unknown_device");
            exchange.respond(json_response(status::not_found, {{"device", segments[1]},
                                                               {"ok", false},
                                                               {"code", "unknown_device"},
                                                               {"message", "no such device"}}));
            return;
        }
        const std::span<const std::string> rest(segments.begin() + 2, segments.end());
        exchange.set_route(device_route(rest));
        device->handle(raw, target, rest, device_scope::main_listener);
        return;
    }
    if (!read && (segments.size() <= 1)) {
        exchange.set_route(first.empty() ? "viewer" : first);
        auto out = make_response(status::method_not_allowed, "method not allowed\n", text_plain);
        out.set(beast_http::field::allow, "GET, HEAD");
        exchange.respond(std::move(out));
        return;
    }
    if (segments.empty()) {
        exchange.set_route("viewer");
        exchange.respond(make_response(status::ok, std::string(viewer_page_html), text_html));
    } else if (segments.size() == 1 && first == "healthz") {
        exchange.set_route("healthz");
        exchange.respond(make_response(status::ok, "ok\n", text_plain));
    } else if (segments.size() == 1 && first == "readyz") {
        exchange.set_route("readyz");
        ready(raw);
    } else if (segments.size() == 1 && first == "metrics") {
        exchange.set_route("metrics");
        exchange.respond(make_response(status::ok, hooks_.metrics_text ? hooks_.metrics_text() : "",
                                       "text/plain; version=0.0.4; charset=utf-8"));
    } else if (segments.size() == 2 && first == "assets" && segments[1] == hls_js_name) {
        exchange.set_route("assets");
        if (hls_js().empty()) {
            exchange.respond(not_found_text());
            return;
        }
        auto out = make_response(status::ok, std::string(hls_js()), "text/javascript");
        out.set(beast_http::field::cache_control, "public, max-age=86400");
        exchange.respond(std::move(out));
    } else if (segments.size() == 1 && first == "devices") {
        exchange.set_route("devices");
        device_list(raw);
    } else if (first == "hls" && segments.size() == 3) {
        exchange.set_route("hls");
        if (auto* device = find(segments[1])) {
            device->hls().serve(raw, segments[2]);
        } else {
            exchange.respond(make_response(status::not_found, "no such device\n", text_plain));
        }
    } else {
        exchange.set_route("not_found");
        exchange.respond(not_found_text());
    }
}

bool http_router::authorised(const request& message, const request_target& target) const {
    if (config_.token.empty()) {
        return true;
    }
    const auto& segments = target.segments;
    if (!device_listener_ && segments.size() == 1 &&
        (segments[0] == "healthz" || segments[0] == "readyz")) {
        return true;
    }
    // The viewer page and its script hold no data; the page asks for the token and sends it.
    if (!device_listener_ && (segments.empty() || segments[0] == "assets")) {
        return true;
    }
    if (config_.shifu_compat) {
        if (device_listener_) {
            return true;  // every path there is Shifu's, 404s included
        }
        if (segments.size() >= 3 && segments[0] == "devices" &&
            device_routes::is_shifu_path(std::span(segments).subspan(2))) {
            return true;
        }
    }
    const auto header = to_std(message[beast_http::field::authorization]);
    constexpr std::string_view scheme = "Bearer ";
    if (!header.starts_with(scheme)) {
        return false;
    }
    const auto offered = header.substr(scheme.size());
    const auto& expected = config_.token.reveal();
    // Compared in constant time, so the answer's timing does not leak the token byte by byte.
    return offered.size() == expected.size() &&
           CRYPTO_memcmp(offered.data(), expected.data(), expected.size()) == 0;
}

void http_router::ready(const exchange_ptr& exchange) const {
    const bool broker = hooks_.broker_connected && hooks_.broker_connected();
    nlohmann::json devices = nlohmann::json::object();
    for (const auto* device : devices_) {
        devices[device->name()] = twin::to_string(device->twin().state().status);
    }
    // A camera that is down does not make camtwin unready: restarting the pod would not bring
    // the camera back, and the other cameras would go dark with it.
    const nlohmann::json body{{"ready", broker},
                              {"config", "loaded"},
                              {"broker", broker ? "connected" : "disconnected"},
                              {"devices", devices}};
    exchange->respond(json_response(broker ? status::ok : status::service_unavailable, body));
}

void http_router::device_list(const exchange_ptr& exchange) const {
    auto list = nlohmann::json::array();
    for (const auto* device : devices_) {
        auto state =
            nlohmann::json::parse(twin::state_json(device->name(), device->twin().state()));
        state["viewers"] = {{"mjpeg", device->feed().viewers()}};
        list.push_back(std::move(state));
    }
    exchange->respond(json_response(status::ok, list));
}

device_routes* http_router::find(const std::string& name) const {
    for (auto* device : devices_) {
        if (device->name() == name) {
            return device;
        }
    }
    return nullptr;
}

}  // namespace camtwin::http
