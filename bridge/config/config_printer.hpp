#pragma once

#include <string>

#include "config/config.hpp"

namespace camtwin {

// The config as normalised YAML (every key, defaults filled in, in the documented order), for
// `camtwin check-config`. Secrets never appear: where a password came from is said in a comment.
// The output is itself a valid config file.
std::string print_config(const config& cfg);

}  // namespace camtwin
