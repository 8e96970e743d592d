#pragma once

#include <filesystem>
#include <string_view>

#include "config/config.hpp"
#include "config/environment.hpp"

namespace camtwin {

inline constexpr std::size_t max_config_bytes = std::size_t{1024} * 1024;

// The one config pipeline: YAML -> typed structs (defaults for what is left out) -> environment
// overrides -> validation -> secrets. Throws config_error listing every problem found; returns a
// config that every part can use without checking it again.
config load_config(const std::filesystem::path& file, const environment& env);

// The same pipeline over YAML text; origin names the text in messages (a file name).
config parse_config(std::string_view yaml, std::string_view origin, const environment& env);

}  // namespace camtwin
