#include "mqtt/mqtt_bridge.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mqtt/payloads.hpp"
#include "twin/health_backoff.hpp"

namespace camtwin::mqtt {
namespace {

using twin::command_result;
using twin::result_code;

constexpr std::chrono::milliseconds disconnect_timeout{1000};

bool has_wildcard(std::string_view topic) {
    return topic.find_first_of("+#") != std::string_view::npos;
}

command_defaults defaults_of(const device_config& device) {
    return {device.ptz.speed, device.ptz.duration_ms, device.ptz.max_duration_ms};
}

}  // namespace

mqtt_bridge::mqtt_bridge(boost::asio::io_context& loop, const mqtt_config& config,
                         std::vector<device_binding> devices,
                         std::unique_ptr<mqtt_connection> connection,
                         std::shared_ptr<spdlog::logger> log)
    : config_(config),
      topics_(config.topic_prefix, config.client_id),
      discovery_(config.home_assistant, topics_, config.client_id),
      connection_(std::move(connection)),
      log_(std::move(log)),
      reconnect_timer_(loop) {
    for (auto& binding : devices) {
        const std::string name = binding.config->name;
        device_link link;
        link.binding = std::move(binding);
        link.name = name;
        link.info_timer = std::make_unique<boost::asio::steady_timer>(loop);
        link.snapshot_timer = std::make_unique<boost::asio::steady_timer>(loop);
        devices_.emplace(name, std::move(link));
    }
}

void mqtt_bridge::start() {
    connection_->set_handlers({[this] { on_connected(); },
                               [this](const std::string& reason) { on_disconnected(reason); },
                               [this](const inbound_message& message) { on_message(message); }});
    for (auto& entry : devices_) {
        auto& device = entry.second;
        device.binding.twin->on_state_change(
            [this, &device](const twin::twin_state& state) { on_state(device, state); });
        const auto& telemetry = device.binding.config->telemetry;
        every(*device.info_timer, telemetry.info_interval_s, [this, &device] {
            if (device.availability == "online") {
                fetch_info(device, std::chrono::milliseconds(0), [](const command_result&) {});
            }
        });
        every(*device.snapshot_timer, telemetry.snapshot_interval_s, [this, &device] {
            if (device.availability == "online") {
                fetch_snapshot(device, std::chrono::milliseconds(0), [](const command_result&) {});
            }
        });
    }
    log_->info("connecting to {} as \"{}\" (MQTT {})", config_.url, config_.client_id,
               config_.protocol_version);
    connect();
}

void mqtt_bridge::shutdown(std::function<void()> done) {
    stopping_ = true;
    reconnect_timer_.cancel();
    for (auto& [name, device] : devices_) {
        device.info_timer->cancel();
        device.snapshot_timer->cancel();
    }
    if (connected_) {
        // A clean exit sends no Last Will, so the bridge says "offline" itself.
        send({topics_.bridge_availability(), "offline", 1, true});
    }
    connection_->disconnect(disconnect_timeout, std::move(done));
}

void mqtt_bridge::connect() {
    connection_->connect();
}

void mqtt_bridge::on_connected() {
    connected_ = true;
    if (failed_attempts_ > 0 || stats_.reconnects > 0) {
        log_->info("connected to {} again", config_.url);
    } else {
        log_->info("connected to {}", config_.url);
    }
    failed_attempts_ = 0;
    connection_->subscribe(subscriptions());
    send({topics_.bridge_availability(), "online", 1, true});
    for (auto& [name, device] : devices_) {
        publish_retained(device);
        publish_discovery(device);
    }
    flush_outbox();
}

void mqtt_bridge::on_disconnected(const std::string& reason) {
    const bool was_connected = std::exchange(connected_, false);
    if (stopping_) {
        return;
    }
    if (was_connected) {
        ++stats_.reconnects;
    }
    ++failed_attempts_;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    // The health back-off's shape fits: the minimum twice, then doubling, +-20 % jitter.
    const auto delay = twin::next_probe_delay(
        std::chrono::milliseconds(config_.reconnect.min_ms), failed_attempts_,
        std::chrono::milliseconds(config_.reconnect.max_ms), [&] { return unit(random_); });
    (was_connected
         ? log_->warn("broker connection lost ({}); reconnecting in {} ms", reason, delay.count())
         : log_->info("broker not reachable ({}); next attempt in {} ms", reason, delay.count()));
    reconnect_timer_.expires_after(delay);
    reconnect_timer_.async_wait([this](const boost::system::error_code& error) {
        if (!error && !stopping_) {
            connect();
        }
    });
}

std::vector<subscription> mqtt_bridge::subscriptions() const {
    auto out = topics_.command_subscriptions();
    if (discovery_.enabled()) {
        for (auto& topic : discovery_.status_topics()) {
            out.push_back({std::move(topic), 1});
        }
        out.push_back({discovery_.own_configs_filter(), 1});
    }
    return out;
}

void mqtt_bridge::on_message(const inbound_message& message) {
    if (discovery_.enabled()) {
        const auto status_topics = discovery_.status_topics();
        if (std::find(status_topics.begin(), status_topics.end(), message.topic) !=
            status_topics.end()) {
            if (message.payload == "online") {
                log_->info("Home Assistant is online; publishing discovery");
                for (auto& [name, device] : devices_) {
                    publish_discovery(device);
                }
            }
            return;
        }
        if (discovery_.device_of(message.topic)) {
            remove_stale_discovery(message);
            return;
        }
    }
    if (auto topic = topics_.parse_command(message.topic)) {
        handle_command(*topic, message);
        return;
    }
    log_->debug("ignored a message on {}", message.topic);
}

void mqtt_bridge::handle_command(const command_topic& topic, const inbound_message& message) {
    ++stats_.commands;
    device_link* device = find(topic.device);
    if (!device) {
        if (config_.answer_unknown_devices) {
            answer(topic.device, topic.command, {},
                   {result_code::unknown_device, fmt::format("no device \"{}\"", topic.device)},
                   message);
        }
        return;
    }
    if (message.payload.size() > static_cast<std::size_t>(config_.max_payload_bytes)) {
        answer(device->name, topic.command, {},
               {result_code::payload_too_large,
                fmt::format("the payload has {} bytes, the limit is {}", message.payload.size(),
                            config_.max_payload_bytes)},
               message);
        return;
    }
    auto decoded =
        decode_command(topic.command, message.payload, defaults_of(*device->binding.config));
    if (auto* error = std::get_if<request_error>(&decoded)) {
        answer(device->name, topic.command, error->id, {error->code, error->message}, message);
        return;
    }
    const auto& request = std::get<command_request>(decoded);
    if (!request.id.empty() && !device->seen.remember(request.id)) {
        // A QoS 1 redelivery of a command that already ran (and was answered).
        ++stats_.duplicates_dropped;
        log_->debug("{}: dropped a repeat of command {}", device->name, request.id);
        return;
    }
    run(*device, request, message);
}

void mqtt_bridge::run(device_link& device, const command_request& request,
                      const inbound_message& message) {
    auto& twin = *device.binding.twin;
    auto done = [this, name = device.name, command = request.command, id = request.id, message](
                    const command_result& result) { answer(name, command, id, result, message); };
    switch (request.kind) {
        case command_kind::move:
            twin.move(request.velocity, request.duration, done);
            break;
        case command_kind::stop:
            twin.stop(done);
            break;
        case command_kind::preset_goto:
            twin.goto_preset(request.preset, done);
            break;
        case command_kind::preset_set:
            twin.set_preset(request.preset, request.preset_name, done);
            break;
        case command_kind::home:
            twin.go_home(done);
            break;
        case command_kind::info_get:
            fetch_info(device, request.max_age, done);
            break;
        case command_kind::capture:
            fetch_snapshot(device, request.max_age, done);
            break;
    }
}

void mqtt_bridge::answer(const std::string& device, const std::string& command, std::string id,
                         const command_result& result, const inbound_message& message) {
    const std::chrono::duration<double, std::milli> latency =
        std::chrono::steady_clock::now() - message.arrived;
    const std::string payload = result_json(
        {id.empty() ? make_id() : std::move(id), device, command, result, latency.count()});
    if (!result.ok()) {
        log_->debug("{} {}: {} ({})", device, command, to_string(result.code), result.message);
    }
    if (observer_) {
        observer_(device, command, result, latency.count());
    }
    send_or_keep({topics_.result(device), payload, 1, false});
    if (!message.response_topic.empty()) {
        if (has_wildcard(message.response_topic)) {
            log_->debug("ignored a response topic with wildcards: {}", message.response_topic);
        } else {
            send_or_keep({message.response_topic, payload, 1, false, message.correlation_data});
        }
    }
}

void mqtt_bridge::on_state(device_link& device, const twin::twin_state& state) {
    const std::string availability = availability_of(state);
    const bool came_online = availability == "online" && device.availability != "online";
    const bool changed = availability != device.availability;
    device.availability = availability;
    if (connected_) {
        send({topics_.state(device.name), twin::state_json(device.name, state), 1, true});
        if (changed) {
            send({topics_.availability(device.name), availability, 1, true});
        }
    }
    if (came_online) {
        // A camera that comes back may have been replaced or updated: read its info again.
        fetch_info(device, std::chrono::milliseconds(0), [](const command_result&) {});
    }
}

void mqtt_bridge::publish_retained(device_link& device) {
    const auto& state = device.binding.twin->state();
    send({topics_.state(device.name), twin::state_json(device.name, state), 1, true});
    if (!device.availability.empty()) {
        send({topics_.availability(device.name), device.availability, 1, true});
    }
    if (device.info) {
        publish_info(device);
    }
}

void mqtt_bridge::fetch_info(device_link& device, std::chrono::milliseconds max_age,
                             std::function<void(const command_result&)> done) {
    device.binding.twin->read_info(max_age, [this, &device, done = std::move(done)](
                                                const command_result& result,
                                                std::shared_ptr<const camera::device_info> info) {
        if (result.ok() && info) {
            const bool first = !device.info;
            device.info = std::move(info);
            publish_info(device);
            if (first) {
                publish_discovery(device);  // now with model, serial and firmware
            }
        }
        done(result);
    });
}

void mqtt_bridge::publish_info(device_link& device) {
    send({topics_.info(device.name), twin::info_json(device.name, *device.info), 1, true});
    send({topics_.info_xml(device.name), device.info->raw_xml, 1, true});
}

void mqtt_bridge::fetch_snapshot(device_link& device, std::chrono::milliseconds max_age,
                                 std::function<void(const command_result&)> done) {
    device.binding.twin->read_snapshot(
        max_age, [this, &device, done = std::move(done)](
                     const command_result& result, const std::shared_ptr<const std::string>& jpeg) {
            if (result.ok() && jpeg) {
                if (connected_) {
                    send({topics_.snapshot(device.name), *jpeg, 0, config_.retain_snapshots});
                } else {
                    ++stats_.snapshots_dropped;  // a newer one will follow; old pictures are noise
                }
            }
            done(result);
        });
}

void mqtt_bridge::publish_discovery(device_link& device) {
    if (!discovery_.enabled() || !connected_) {
        return;
    }
    for (auto& message : discovery_.configs(device.name, device.info.get())) {
        send(std::move(message));
    }
}

void mqtt_bridge::remove_stale_discovery(const inbound_message& message) {
    const auto device = discovery_.device_of(message.topic);
    if (!device || find(*device) || message.payload.empty()) {
        return;
    }
    // A device this camtwin announced once and no longer has: an empty retained config is
    // HA's way of removing the entity.
    log_->info("removing Home Assistant entity of former device {}: {}", *device, message.topic);
    send({message.topic, "", 1, true});
}

void mqtt_bridge::every(boost::asio::steady_timer& timer, int interval_s,
                        std::function<void()> tick) {
    if (interval_s <= 0) {
        return;
    }
    timer.expires_after(std::chrono::seconds(interval_s));
    timer.async_wait([this, &timer, interval_s,
                      tick = std::move(tick)](const boost::system::error_code& error) mutable {
        if (error || stopping_) {
            return;
        }
        tick();
        every(timer, interval_s, std::move(tick));
    });
}

void mqtt_bridge::send(outbound_message message) {
    if (!connected_ || !connection_->publish(message)) {
        log_->debug("not published (broker away): {}", message.topic);
    }
}

void mqtt_bridge::send_or_keep(outbound_message message) {
    if (connected_ && connection_->publish(message)) {
        return;
    }
    if (config_.outbox_limit == 0) {
        ++stats_.results_dropped;
        return;
    }
    if (outbox_.size() >= static_cast<std::size_t>(config_.outbox_limit)) {
        outbox_.pop_front();
        ++stats_.results_dropped;
    }
    outbox_.push_back(std::move(message));
}

void mqtt_bridge::flush_outbox() {
    while (!outbox_.empty() && connected_) {
        if (!connection_->publish(outbox_.front())) {
            return;
        }
        outbox_.pop_front();
    }
}

mqtt_bridge::device_link* mqtt_bridge::find(const std::string& name) {
    const auto it = devices_.find(name);
    return it == devices_.end() ? nullptr : &it->second;
}

std::string mqtt_bridge::make_id() {
    return fmt::format("camtwin-{:016x}", random_());
}

}  // namespace camtwin::mqtt
