#pragma once

#include <optional>
#include <string>

#include "log/logging.hpp"

namespace camtwin {

enum class command { run, check_config };

// What the user asked for on the command line.
struct invocation {
    command what = command::run;
    std::string config_path;  // --config, or CAMTWIN_CONFIG
    log_settings log;
};

// Either an invocation to carry out, or an exit code when there is nothing more to do (--help,
// --version, or a usage error that has been printed).
struct command_line {
    std::optional<invocation> request;
    int exit_code = 0;
};

command_line parse_command_line(int argc, const char* const* argv);

}  // namespace camtwin
