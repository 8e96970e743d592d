#include "cli_options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace camsim {

namespace {

int port_for(int base, int index) {
    return base == 0 ? 0 : base + index;
}

void add_fault_flags(CLI::App& app, cli_options& out) {
    app.add_option("--latency-ms", out.faults.latency_ms, "Delay before every answer")
        ->check(CLI::Range(0, 600000));
    app.add_option("--error-rate", out.faults.error_rate, "Fraction answered --error-status")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--error-status", out.faults.error_status, "500 or 503")
        ->check(CLI::IsMember({500, 503}));
    app.add_flag("--garbage-xml", out.faults.garbage_xml, "XML bodies that do not parse");
    app.add_flag("--truncated-xml", out.faults.truncated_xml, "XML bodies cut in half");
    app.add_option("--reset-rate", out.faults.reset_rate, "Fraction answered by a TCP reset")
        ->check(CLI::Range(0.0, 1.0));
    app.add_flag("--xml-error-200", out.faults.xml_error_200, "Errors documents with HTTP 200");
    app.add_option("--namespace", out.ns, "ver20, isapi or none")
        ->check(CLI::IsMember({"ver20", "isapi", "none"}));
    app.add_flag("--relative-404", out.faults.relative_404, "PUT .../relative answers 404");
    app.add_option("--heartbeat-ms", out.faults.heartbeat_ms, "alertStream heartbeat period")
        ->check(CLI::Range(10, 3600000));
}

}  // namespace

std::optional<int> parse_cli(int argc, char** argv, cli_options& out) {
    CLI::App app{"camsim: a Hikvision PTZ camera simulator (ISAPI over HTTP, RTSP video)"};
    app.add_option("--listen", out.listen, "Address to listen on");
    app.add_option("--http-port", out.http_port, "First ISAPI port (0: free ports)")
        ->check(CLI::Range(0, 65535));
    app.add_option("--rtsp-port", out.rtsp_port, "First RTSP port (0: free ports)")
        ->check(CLI::Range(0, 65535));
    app.add_option("--control-port", out.control_port, "First control port (0: free ports)")
        ->check(CLI::Range(0, 65535));
    app.add_option("--user", out.user, "User name");
    app.add_option("--password", out.password, "Password");
    app.add_option("--auth", out.auth, "digest, basic or both")
        ->check(CLI::IsMember({"digest", "basic", "both"}));
    app.add_option("--cameras", out.cameras, "Number of cameras")->check(CLI::Range(1, 1000));
    app.add_option("--model", out.model, "Model name reported in deviceInfo");
    app.add_option("--special-presets", out.special_presets,
                   "The reserved preset ids the camera lists in specialNo, comma-separated")
        ->delimiter(',')
        ->check(CLI::Range(1, 300));
    app.add_option("--lockout-attempts", out.lockout_attempts,
                   "Failures before a lockout (0: never)")
        ->check(CLI::Range(0, 1000));
    app.add_option("--lockout-seconds", out.lockout_seconds, "Lockout duration")
        ->check(CLI::Range(0.0, 86400.0));
    app.add_option("--reboot-ms", out.reboot_ms, "How long a reboot keeps the camera away")
        ->check(CLI::Range(0, 600000));
    app.add_flag("--digest-opaque", out.digest_opaque, "Send (and require) a digest opaque");
    app.add_option("--fps", out.fps, "Video frame rate")->check(CLI::Range(1, 60));
    app.add_option("--codec", out.codec, "Video codec of the RTSP streams: h264 or h265")
        ->check(CLI::IsMember({"h264", "h265"}));
    app.add_option("--log-level", out.log_level, "trace, debug, info, warn, error or off");
    add_fault_flags(app, out);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    out.faults.ns = parse_xml_namespace(out.ns).value_or(xml_namespace::ver20);
    return std::nullopt;
}

camera_options camera_options_for(const cli_options& cli, int index) {
    camera_options options;
    options.listen_address = cli.listen;
    options.http_port = port_for(cli.http_port, index);
    options.control_port = port_for(cli.control_port, index);
    options.auth.user = cli.user;
    options.auth.password = cli.password;
    options.auth.mode = parse_auth_mode(cli.auth).value_or(auth_mode::digest);
    options.auth.realm = fmt::format("IP Camera({:05d})", 83813 + index);
    options.auth.lockout_attempts = cli.lockout_attempts;
    options.auth.lockout_time =
        std::chrono::milliseconds(static_cast<long>(cli.lockout_seconds * 1000.0));
    options.auth.send_opaque = cli.digest_opaque;
    options.faults = cli.faults;
    options.reboot_time = std::chrono::milliseconds(cli.reboot_ms);
    options.special_presets = cli.special_presets;
    options.seed = static_cast<std::uint32_t>(0x5eed0000 + index);
    for (stream_info& s : options.streams) {
        s.fps = cli.fps;
        s.codec = cli.codec == "h265" ? "H.265" : "H.264";
    }

    device_identity& id = options.identity;
    id.model = cli.model;
    id.device_name = cli.cameras > 1 ? fmt::format("IP DOME {}", index + 1) : "IP DOME";
    id.serial_number = fmt::format("{}20240712CCWRFH{:07d}", cli.model, 3535597 + index);
    id.mac_address = fmt::format("74:3f:c2:{:02x}:{:02x}:{:02x}", (index >> 16) & 0xff,
                                 (index >> 8) & 0xff, index & 0xff);
    id.device_id = fmt::format("099f4000-4d50-11b4-82c8-{:012x}", 0x743fc2000000 + index);
    id.address = cli.listen == "0.0.0.0" ? "127.0.0.1" : cli.listen;
    return options;
}

}  // namespace camsim
