#include "config/config_printer.hpp"

#include <yaml-cpp/yaml.h>

namespace camtwin {
namespace {

void emit_password_origin(YAML::Emitter& out, const std::string& file, const std::string& source) {
    if (!file.empty()) {
        out << YAML::Key << "password_file" << YAML::Value << file;
    }
    if (!source.empty()) {
        out << YAML::Comment("password: redacted, from " + source);
    }
}

void emit(YAML::Emitter& out, const mqtt_config& mqtt) {
    out << YAML::Key << "mqtt" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "url" << YAML::Value << mqtt.url;
    out << YAML::Key << "client_id" << YAML::Value << mqtt.client_id;
    if (!mqtt.username.empty()) {
        out << YAML::Key << "username" << YAML::Value << mqtt.username;
    }
    emit_password_origin(out, mqtt.password_file, mqtt.password_source);
    out << YAML::Key << "topic_prefix" << YAML::Value << mqtt.topic_prefix;
    out << YAML::Key << "protocol_version" << YAML::Value << YAML::DoubleQuoted
        << mqtt.protocol_version;
    out << YAML::Key << "keepalive_s" << YAML::Value << mqtt.keepalive_s;
    out << YAML::Key << "session_expiry_s" << YAML::Value << mqtt.session_expiry_s;
    if (!mqtt.tls.ca_file.empty() || !mqtt.tls.cert_file.empty()) {
        out << YAML::Key << "tls" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "ca_file" << YAML::Value << mqtt.tls.ca_file;
        out << YAML::Key << "cert_file" << YAML::Value << mqtt.tls.cert_file;
        out << YAML::Key << "key_file" << YAML::Value << mqtt.tls.key_file;
        out << YAML::EndMap;
    }
    out << YAML::Key << "reconnect" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "min_ms" << YAML::Value << mqtt.reconnect.min_ms;
    out << YAML::Key << "max_ms" << YAML::Value << mqtt.reconnect.max_ms;
    out << YAML::EndMap;
    out << YAML::Key << "max_payload_bytes" << YAML::Value << mqtt.max_payload_bytes;
    out << YAML::Key << "outbox_limit" << YAML::Value << mqtt.outbox_limit;
    out << YAML::Key << "retain_snapshots" << YAML::Value << mqtt.retain_snapshots;
    out << YAML::Key << "answer_unknown_devices" << YAML::Value << mqtt.answer_unknown_devices;
    out << YAML::Key << "home_assistant" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "enabled" << YAML::Value << mqtt.home_assistant.enabled;
    out << YAML::Key << "prefix" << YAML::Value << mqtt.home_assistant.prefix;
    out << YAML::EndMap << YAML::EndMap;
}

void emit(YAML::Emitter& out, const ptz_config& ptz) {
    out << YAML::Key << "ptz" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "channel" << YAML::Value << ptz.channel;
    out << YAML::Key << "speed" << YAML::Value << ptz.speed;
    out << YAML::Key << "duration_ms" << YAML::Value << ptz.duration_ms;
    out << YAML::Key << "max_duration_ms" << YAML::Value << ptz.max_duration_ms;
    out << YAML::EndMap;
}

void emit(YAML::Emitter& out, const telemetry_config& telemetry) {
    out << YAML::Key << "telemetry" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "health_interval_s" << YAML::Value << telemetry.health_interval_s;
    out << YAML::Key << "info_interval_s" << YAML::Value << telemetry.info_interval_s;
    out << YAML::Key << "snapshot_interval_s" << YAML::Value << telemetry.snapshot_interval_s;
    out << YAML::EndMap;
}

void emit(YAML::Emitter& out, const stream_config& stream) {
    out << YAML::Key << "stream" << YAML::Value << YAML::BeginMap;
    if (!stream.rtsp_url.empty()) {
        out << YAML::Key << "rtsp_url" << YAML::Value << stream.rtsp_url;
    }
    out << YAML::Key << "hls" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "enabled" << YAML::Value << stream.hls.enabled;
    out << YAML::Key << "segment_s" << YAML::Value << stream.hls.segment_s;
    out << YAML::Key << "window" << YAML::Value << stream.hls.window;
    out << YAML::Key << "on_demand" << YAML::Value << stream.hls.on_demand;
    out << YAML::EndMap;
    out << YAML::Key << "mjpeg" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "fps" << YAML::Value << stream.mjpeg.fps;
    out << YAML::Key << "width" << YAML::Value << stream.mjpeg.width;
    out << YAML::Key << "quality" << YAML::Value << stream.mjpeg.quality << YAML::EndMap;
    out << YAML::Key << "idle_stop_s" << YAML::Value << stream.idle_stop_s;
    out << YAML::Key << "snapshot_max_age_ms" << YAML::Value << stream.snapshot_max_age_ms;
    out << YAML::EndMap;
}

void emit(YAML::Emitter& out, const device_config& device) {
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << device.name;
    out << YAML::Key << "address" << YAML::Value << device.address;
    out << YAML::Key << "username" << YAML::Value << device.username;
    emit_password_origin(out, device.password_file, device.password_source);
    if (device.http_port != 0) {
        out << YAML::Key << "http_port" << YAML::Value << device.http_port;
    }
    out << YAML::Key << "timeouts" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "connect_ms" << YAML::Value << device.timeouts.connect_ms;
    out << YAML::Key << "request_ms" << YAML::Value << device.timeouts.request_ms;
    out << YAML::EndMap;
    out << YAML::Key << "rate_limit" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "requests_per_s" << YAML::Value << device.rate_limit.requests_per_s;
    out << YAML::Key << "burst" << YAML::Value << device.rate_limit.burst;
    out << YAML::EndMap;
    out << YAML::Key << "auth_backoff" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "first_s" << YAML::Value << device.auth_backoff.first_s;
    out << YAML::Key << "max_s" << YAML::Value << device.auth_backoff.max_s;
    out << YAML::EndMap;
    emit(out, device.ptz);
    emit(out, device.telemetry);
    emit(out, device.stream);
    out << YAML::EndMap;
}

void emit(YAML::Emitter& out, const http_config& http) {
    out << YAML::Key << "http" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "listen" << YAML::Value << http.listen;
    const auto& limits = http.limits;
    out << YAML::Key << "limits" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "max_connections" << YAML::Value << limits.max_connections;
    out << YAML::Key << "max_header_bytes" << YAML::Value << limits.max_header_bytes;
    out << YAML::Key << "max_body_bytes" << YAML::Value << limits.max_body_bytes;
    out << YAML::Key << "request_timeout_s" << YAML::Value << limits.request_timeout_s;
    out << YAML::Key << "idle_timeout_s" << YAML::Value << limits.idle_timeout_s << YAML::EndMap;
    if (!http.token_file.empty()) {
        out << YAML::Key << "token_file" << YAML::Value << http.token_file;
    }
    if (!http.token_source.empty()) {
        out << YAML::Comment("token: redacted, from " + http.token_source);
    }
    out << YAML::Key << "shifu_compat" << YAML::Value << http.shifu_compat;
    out << YAML::EndMap;
}

}  // namespace

std::string print_config(const config& cfg) {
    YAML::Emitter out;
    out.SetBoolFormat(YAML::TrueFalseBool);
    out << YAML::BeginMap;
    emit(out, cfg.mqtt);
    emit(out, cfg.http);
    if (!cfg.media.hls_dir.empty()) {
        out << YAML::Key << "media" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "hls_dir" << YAML::Value << cfg.media.hls_dir << YAML::EndMap;
    }
    out << YAML::Key << "devices" << YAML::Value << YAML::BeginSeq;
    for (const auto& device : cfg.devices) {
        emit(out, device);
    }
    out << YAML::EndSeq << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace camtwin
