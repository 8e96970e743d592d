#pragma once

#include <string>

#include "camera.hpp"

namespace camsim {

// The command line of camsim (see README.md).
struct cli_options {
    std::string listen = "127.0.0.1";
    int http_port = 0;
    int rtsp_port = 0;
    int control_port = 0;
    std::string user = "admin";
    std::string password = "Test1234!";
    std::string auth = "digest";
    int cameras = 1;
    std::string model = "DS-2DF8425IX-AELW";
    std::vector<int> special_presets = preset_store::default_special_ids();
    int lockout_attempts = 7;
    double lockout_seconds = 1800.0;
    int reboot_ms = 5000;
    bool digest_opaque = false;
    int fps = 15;
    std::string codec = "h264";  // or "h265"
    std::string log_level = "info";
    fault_settings faults;
    std::string ns = "ver20";
};

// Parses the command line into `out`. Returns nullopt to go on, or the exit code when the
// program must end (--help, or a bad option, already reported on stderr).
std::optional<int> parse_cli(int argc, char** argv, cli_options& out);

// The options of camera number `index` (0-based): ports http_port+index etc. when explicit, a
// distinct serial number, MAC address and device id.
camera_options camera_options_for(const cli_options& cli, int index);

}  // namespace camsim
