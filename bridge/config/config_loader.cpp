#include "config/config_loader.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "config/config_decoder.hpp"
#include "config/config_error.hpp"
#include "config/config_validator.hpp"
#include "config/secret_resolver.hpp"

namespace camtwin {
namespace {

[[noreturn]] void fail(const std::string& where, const std::string& message) {
    config_problems problems;
    problems.add(where, message);
    throw config_error(problems);
}

std::string read_config_file(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        fail(file.string(), fmt::format("cannot read: {}", std::strerror(errno)));
    }
    std::string text(max_config_bytes + 1, '\0');
    stream.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(stream.gcount()));
    if (text.size() > max_config_bytes) {
        fail(file.string(), fmt::format("is larger than {} bytes", max_config_bytes));
    }
    return text;
}

YAML::Node parse_yaml(std::string_view text, std::string_view origin) {
    try {
        return YAML::Load(std::string(text));
    } catch (const YAML::Exception& error) {
        fail(fmt::format("{}:{}:{}", origin, error.mark.line + 1, error.mark.column + 1),
             "not valid YAML: " + error.msg);
    }
}

}  // namespace

config parse_config(std::string_view yaml, std::string_view origin, const environment& env) {
    const auto root = parse_yaml(yaml, origin);
    if (root.IsNull() || !root.IsDefined()) {
        fail(std::string(origin), "is empty");
    }

    config_problems problems;
    auto cfg = decode_config(root, problems);
    if (!problems.empty()) {
        // Shape first: cross-field checks on a half-decoded config would only add noise.
        throw config_error(problems);
    }
    const auto overrides = apply_environment(cfg, env);
    validate_config(cfg, overrides, problems);
    resolve_secrets(cfg, env, problems);
    if (!problems.empty()) {
        throw config_error(problems);
    }
    return cfg;
}

config load_config(const std::filesystem::path& file, const environment& env) {
    return parse_config(read_config_file(file), file.string(), env);
}

}  // namespace camtwin
