#include "config/config_decoder.hpp"

#include "config/yaml_reader.hpp"

namespace camtwin {
namespace {

constexpr int max_port = 65535;
constexpr int day_s = 86400;

std::string plain_password_refusal(const std::string& environment_name) {
    return "passwords are not read from the config file; use password_file or " + environment_name;
}

void decode(yaml_reader in, home_assistant_config& out) {
    in.read("enabled", out.enabled);
    in.read("prefix", out.prefix);
    in.report_unknown_keys();
}

void decode(yaml_reader in, mqtt_tls_config& out) {
    in.read("ca_file", out.ca_file);
    in.read("cert_file", out.cert_file);
    in.read("key_file", out.key_file);
    in.report_unknown_keys();
}

void decode(yaml_reader in, mqtt_reconnect_config& out) {
    in.read("min_ms", out.min_ms, 10, 600000);
    in.read("max_ms", out.max_ms, 10, 3600000);
    in.report_unknown_keys();
}

void decode(yaml_reader in, mqtt_config& out) {
    in.read("url", out.url);
    in.read("client_id", out.client_id);
    in.read("username", out.username);
    in.read("password_file", out.password_file);
    in.refuse("password", plain_password_refusal("CAMTWIN_MQTT_PASSWORD"));
    in.read("topic_prefix", out.topic_prefix);
    in.read("protocol_version", out.protocol_version);
    in.read("keepalive_s", out.keepalive_s, 5, 3600);
    in.read("session_expiry_s", out.session_expiry_s, 0, 7 * day_s);
    decode(in.section("tls"), out.tls);
    decode(in.section("reconnect"), out.reconnect);
    in.read("max_payload_bytes", out.max_payload_bytes, 256, 1048576);
    in.read("outbox_limit", out.outbox_limit, 0, 100000);
    in.read("retain_snapshots", out.retain_snapshots);
    in.read("answer_unknown_devices", out.answer_unknown_devices);
    decode(in.section("home_assistant"), out.home_assistant);
    in.report_unknown_keys();
}

void decode(yaml_reader in, http_limits_config& out) {
    in.read("max_connections", out.max_connections, 1, 100000);
    in.read("max_header_bytes", out.max_header_bytes, 1024, 1048576);
    in.read("max_body_bytes", out.max_body_bytes, 0, 16777216);
    in.read("request_timeout_s", out.request_timeout_s, 1, 3600);
    in.read("idle_timeout_s", out.idle_timeout_s, 1, day_s);
    in.report_unknown_keys();
}

void decode(yaml_reader in, http_config& out) {
    in.read("listen", out.listen);
    decode(in.section("limits"), out.limits);
    in.read("token_file", out.token_file);
    in.refuse("token",
              "tokens are not read from the config file; use token_file or "
              "CAMTWIN_HTTP_TOKEN");
    in.read("shifu_compat", out.shifu_compat);
    in.report_unknown_keys();
}

void decode(yaml_reader in, ptz_config& out) {
    in.read("channel", out.channel, 1, 64);
    in.read("speed", out.speed, 1, 100);
    in.read("duration_ms", out.duration_ms, 1, 60000);
    in.read("max_duration_ms", out.max_duration_ms, 1, 60000);
    in.report_unknown_keys();
}

void decode(yaml_reader in, telemetry_config& out) {
    in.read("health_interval_s", out.health_interval_s, 1, 3600);
    in.read("info_interval_s", out.info_interval_s, 0, day_s);
    in.read("snapshot_interval_s", out.snapshot_interval_s, 0, day_s);
    in.report_unknown_keys();
}

void decode(yaml_reader in, hls_config& out) {
    in.read("enabled", out.enabled);
    in.read("segment_s", out.segment_s, 1, 10);
    in.read("window", out.window, 2, 30);
    in.read("on_demand", out.on_demand);
    in.report_unknown_keys();
}

void decode(yaml_reader in, mjpeg_config& out) {
    in.read("fps", out.fps, 1, 30);
    in.read("width", out.width, 16, 3840);
    in.read("quality", out.quality, 1, 100);
    in.report_unknown_keys();
}

void decode(yaml_reader in, stream_config& out) {
    in.read("rtsp_url", out.rtsp_url);
    decode(in.section("hls"), out.hls);
    decode(in.section("mjpeg"), out.mjpeg);
    in.read("idle_stop_s", out.idle_stop_s, 1, day_s);
    in.read("snapshot_max_age_ms", out.snapshot_max_age_ms, 0, 60000);
    in.report_unknown_keys();
}

void decode(yaml_reader in, media_config& out) {
    in.read("hls_dir", out.hls_dir);
    in.report_unknown_keys();
}

void decode(yaml_reader in, camera_timeouts_config& out) {
    in.read("connect_ms", out.connect_ms, 1, 60000);
    in.read("request_ms", out.request_ms, 1, 300000);
    in.report_unknown_keys();
}

void decode(yaml_reader in, rate_limit_config& out) {
    in.read("requests_per_s", out.requests_per_s, 0, 1000);
    in.read("burst", out.burst, 1, 1000);
    in.report_unknown_keys();
}

void decode(yaml_reader in, auth_backoff_config& out) {
    in.read("first_s", out.first_s, 1, 86400);
    in.read("max_s", out.max_s, 1, 86400);
    in.report_unknown_keys();
}

void decode(yaml_reader in, device_config& out) {
    in.read_required("name", out.name);
    in.read_required("address", out.address);
    in.read("username", out.username);
    in.read("password_file", out.password_file);
    in.refuse("password", plain_password_refusal("CAMTWIN_DEVICE_<NAME>_PASSWORD"));
    in.read("http_port", out.http_port, 1, max_port);
    decode(in.section("timeouts"), out.timeouts);
    decode(in.section("rate_limit"), out.rate_limit);
    decode(in.section("auth_backoff"), out.auth_backoff);
    decode(in.section("ptz"), out.ptz);
    decode(in.section("telemetry"), out.telemetry);
    decode(in.section("stream"), out.stream);
    in.report_unknown_keys();
}

}  // namespace

config decode_config(const YAML::Node& root, config_problems& problems) {
    config out;
    yaml_reader in(root, "", problems);
    decode(in.section("mqtt"), out.mqtt);
    decode(in.section("http"), out.http);
    decode(in.section("media"), out.media);
    in.each("devices",
            [&](yaml_reader item) { decode(std::move(item), out.devices.emplace_back()); });
    in.report_unknown_keys();
    return out;
}

}  // namespace camtwin
