#pragma once

#include <yaml-cpp/yaml.h>

#include "config/config.hpp"
#include "config/config_error.hpp"

namespace camtwin {

// Fills a config from a parsed YAML document: types, ranges and unknown keys. What depends on
// more than one field is config_validator's job.
config decode_config(const YAML::Node& root, config_problems& problems);

}  // namespace camtwin
