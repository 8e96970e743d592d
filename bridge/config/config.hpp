#pragma once

#include <string>
#include <vector>

#include "config/secret.hpp"

// The service configuration as typed data. Defaults live here, in the member initialisers, and
// nowhere else; config_loader fills these structs from YAML and the environment, and
// config_validator checks what one field cannot check alone. Plain data: every part may read it,
// none writes back.
namespace camtwin {

struct home_assistant_config {
    bool enabled = false;
    std::string prefix = "homeassistant";
};

// Files for ssl:// brokers; all optional (the system's CAs are used without ca_file).
struct mqtt_tls_config {
    std::string ca_file;
    std::string cert_file;  // client certificate, with key_file
    std::string key_file;
};

// Reconnect waits: min_ms after the first failure, doubling up to max_ms, +-20 % jitter.
struct mqtt_reconnect_config {
    int min_ms = 500;
    int max_ms = 30000;
};

struct mqtt_config {
    std::string url = "tcp://127.0.0.1:1883";
    std::string client_id = "camtwin";
    std::string username;
    std::string password_file;
    secret password;  // from password_file or CAMTWIN_MQTT_PASSWORD, never from the YAML
    std::string password_source;  // where the password came from, for messages: never the value
    std::string topic_prefix = "shifu";
    std::string protocol_version = "5";  // or "3.1.1"
    int keepalive_s = 30;
    int session_expiry_s = 3600;  // how long the broker keeps commands for camtwin while away
    mqtt_tls_config tls;
    mqtt_reconnect_config reconnect;
    int max_payload_bytes = 16384;  // larger commands are answered payload_too_large
    int outbox_limit = 1000;        // results kept while the broker is away; oldest dropped
    bool retain_snapshots = false;
    bool answer_unknown_devices = true;  // off when several camtwins share a broker and prefix
    home_assistant_config home_assistant;
};

// What one HTTP client may cost the service. A request must arrive whole within
// request_timeout_s of its first byte, which ends slow-header attacks; a kept-alive connection
// with nothing to say is closed after idle_timeout_s.
struct http_limits_config {
    int max_connections = 256;  // on each listener; more are answered 503 and closed
    int max_header_bytes = 8192;
    int max_body_bytes = 65536;
    int request_timeout_s = 10;
    int idle_timeout_s = 60;
};

struct http_config {
    std::string listen = "0.0.0.0:8080";
    http_limits_config limits;
    // With a token, every request needs "Authorization: Bearer <token>", except /healthz,
    // /readyz and, while shifu_compat is on, the Shifu paths (Shifu's clients send no token).
    std::string token_file;
    secret token;  // from token_file or CAMTWIN_HTTP_TOKEN, never from the YAML
    std::string token_source;
    bool shifu_compat = true;
};

struct ptz_config {
    int channel = 1;
    int speed = 60;  // 1..100, the camera's continuous-move units
    int duration_ms = 200;
    int max_duration_ms = 5000;
};

struct telemetry_config {
    int health_interval_s = 5;
    int info_interval_s = 60;     // 0: only at start and on request
    int snapshot_interval_s = 0;  // 0: only on request
};

struct hls_config {
    bool enabled = true;
    int segment_s = 1;
    int window = 6;
    bool on_demand = true;
};

struct mjpeg_config {
    int fps = 5;
    int width = 640;
    int quality = 80;
};

struct stream_config {
    std::string rtsp_url;  // empty: derived from the camera's streaming channels
    hls_config hls;
    mjpeg_config mjpeg;
    // The pipeline keeps running this long after its last viewer left (unless hls.on_demand is
    // off, which keeps it always on).
    int idle_stop_s = 30;
    // A picture decoded by the running stream at most this old answers a snapshot request
    // instead of the camera; 0 always asks the camera.
    int snapshot_max_age_ms = 1000;
};

struct camera_timeouts_config {
    int connect_ms = 3000;
    int request_ms = 5000;  // the whole request, connection included
};

// Requests to one camera, health probes included. Stops are never held back. A Hikvision camera
// answers a few requests per second comfortably; a flood makes it drop connections.
struct rate_limit_config {
    int requests_per_s = 10;  // 0: no limit beyond one request at a time
    int burst = 10;           // requests that may go out back to back after a quiet spell
};

// After the camera refuses the credentials, the client sends none until this passes, doubling
// on each further refusal: cameras lock the client's address after about 7 failures.
struct auth_backoff_config {
    int first_s = 60;
    int max_s = 3600;
};

struct device_config {
    std::string name;
    std::string address;  // host[:port] of the camera's HTTP API
    std::string username = "admin";
    std::string password_file;
    secret password;  // from password_file or CAMTWIN_DEVICE_<NAME>_PASSWORD
    std::string password_source;
    int http_port = 0;  // 0: no Shifu-compatible listener of its own
    camera_timeouts_config timeouts;
    rate_limit_config rate_limit;
    auth_backoff_config auth_backoff;
    ptz_config ptz;
    telemetry_config telemetry;
    stream_config stream;
};

// Where the media pipelines put what they write.
struct media_config {
    // HLS playlists and segments, one folder per device below it. Empty: a fresh folder under
    // $TMPDIR that camtwin removes when it stops. In a container, an emptyDir in memory.
    std::string hls_dir;
};

struct config {
    mqtt_config mqtt;
    http_config http;
    media_config media;
    std::vector<device_config> devices;
};

}  // namespace camtwin
