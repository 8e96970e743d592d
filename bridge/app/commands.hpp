#pragma once

#include "cli/command_line.hpp"

namespace camtwin {

// Carries out a parsed command line: loads the config, then checks it or runs the service.
// Returns the process exit code: 0, or 1 when the config is invalid.
int execute(const invocation& request);

}  // namespace camtwin
