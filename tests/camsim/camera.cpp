#include "camera.hpp"

#include <spdlog/spdlog.h>

#include "camera_session.hpp"
#include "control_server.hpp"

namespace camsim {

namespace asio = boost::asio;

camera::camera(asio::any_io_executor executor, camera_options options, clock_function clock)
    : executor_(executor),
      options_(std::move(options)),
      context_(options_.limits, options_.special_presets, options_.auth, clock, options_.seed),
      handler_(context_),
      http_(executor, options_.listen_address, static_cast<unsigned short>(options_.http_port),
            [this](std::shared_ptr<connection> conn) { return serve(std::move(conn)); }),
      control_(std::make_unique<control_server>(executor, options_.listen_address,
                                                options_.control_port, *this)),
      back_timer_(executor) {
    context_.identity = options_.identity;
    context_.streams = options_.streams;
    context_.faults = options_.faults;
}

camera::~camera() = default;

void camera::attach_video(camera_video video, int rtsp_port) {
    context_.video = std::move(video);
    context_.identity.rtsp_port = rtsp_port;
}

void camera::start() {
    http_.open();
    control_->open();
    context_.identity.http_port = http_.port();
    set_streaming(context_.faults.streaming);
    spdlog::info("[camsim] camera '{}' on http port {}, control port {}",
                 context_.identity.serial_number, http_.port(), control_->port());
}

void camera::shutdown() {
    back_timer_.cancel();
    http_.close();
    http_.drop_connections();
    control_->close();
}

unsigned short camera::control_port() const {
    return control_->port();
}

// Going away closes the listening socket (connections are refused) and drops every connection;
// the RTSP side goes with it.
void camera::go_away(std::optional<std::chrono::milliseconds> duration) {
    away_ = true;
    http_.close();
    http_.drop_connections();
    if (context_.video.set_available) {
        context_.video.set_available(false);
    }

    back_timer_.cancel();
    if (duration) {
        back_timer_.expires_after(*duration);
        back_timer_.async_wait([this](boost::system::error_code ec) {
            if (!ec) {
                come_back();
            }
        });
    }
    spdlog::info("[camsim] camera on port {} went away", http_.port());
}

void camera::come_back() {
    back_timer_.cancel();
    if (!away_) {
        return;
    }
    try {
        http_.open();
    } catch (const std::exception& e) {
        spdlog::error("[camsim] cannot listen on port {} again: {}", http_.port(), e.what());
        return;
    }
    away_ = false;
    if (context_.video.set_available) {
        context_.video.set_available(true);
    }
    spdlog::info("[camsim] camera on port {} is back", http_.port());
}

// Preset 94 or PUT /ISAPI/System/reboot: the dome stops, forgets its nonces and lockouts, and
// is unreachable for reboot_time.
void camera::reboot() {
    context_.counters.reboots += 1;
    context_.ptz.stop();
    context_.auth.reset();
    go_away(options_.reboot_time);
}

void camera::set_streaming(bool on) {
    context_.faults.streaming = on;
    if (context_.video.set_streaming) {
        context_.video.set_streaming(on);
    }
}

std::size_t camera::publish_event(const alert_event& event) {
    return context_.alerts.publish(documents::alert(context_.faults.ns, context_.identity, event));
}

void camera::reset() {
    come_back();
    context_.faults = options_.faults;
    set_streaming(context_.faults.streaming);
    context_.auth.set_mode(options_.auth.mode);
    context_.auth.set_lockout(options_.auth.lockout_attempts, options_.auth.lockout_time);
    context_.auth.reset();
    context_.counters = request_counters{};
    context_.presets.clear();
    context_.ptz.stop();
}

nlohmann::json camera::state() {
    ptz_position p = context_.ptz.position();
    ptz_velocity v = context_.ptz.velocity();
    nlohmann::json presets = nlohmann::json::array();
    for (const preset& item : context_.presets.list()) {
        if (!item.special) {
            presets.push_back({{"id", item.id},
                               {"name", item.name},
                               {"azimuth", item.position.azimuth},
                               {"elevation", item.position.elevation},
                               {"zoom", item.position.zoom}});
        }
    }

    nlohmann::json lockouts = nlohmann::json::object();
    for (const auto& [address, entry] : context_.auth.lockouts()) {
        lockouts[address] = {{"failures", entry.failures},
                             {"locked", entry.locked},
                             {"remaining_ms", entry.remaining.count()}};
    }
    const auth_settings& auth = context_.auth.settings();

    return {{"ptz",
             {{"azimuth", p.azimuth},
              {"elevation", p.elevation},
              {"zoom", p.zoom},
              {"moving", context_.ptz.moving()},
              {"velocity", {{"pan", v.pan}, {"tilt", v.tilt}, {"zoom", v.zoom}}}}},
            {"presets", presets},
            {"auth",
             {{"mode", to_string(auth.mode)},
              {"lockout_attempts", auth.lockout_attempts},
              {"lockout_ms", auth.lockout_time.count()},
              {"addresses", lockouts}}},
            {"counters", context_.counters.to_json()},
            {"faults", to_json(context_.faults)},
            {"away", away_},
            {"connections", http_.connection_count()},
            {"alert_streams", context_.alerts.count()},
            {"ports",
             {{"http", http_.port()},
              {"rtsp", context_.identity.rtsp_port},
              {"control", control_->port()}}}};
}

asio::awaitable<void> camera::serve(std::shared_ptr<connection> conn) {
    camera_session session(*this, std::move(conn));
    co_await session.run();
}

}  // namespace camsim
