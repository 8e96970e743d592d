#include "cli/command_line.hpp"

#include <CLI/CLI.hpp>

#include "app/version.hpp"

namespace camtwin {
namespace {

// Usage errors exit 2, as most Unix tools do; 1 is kept for "the config is invalid".
constexpr int usage_error_exit = 2;

void add_common_options(CLI::App& app, invocation& out, std::string& level, std::string& format) {
    app.add_option("-c,--config", out.config_path, "configuration file (YAML)")
        ->envname("CAMTWIN_CONFIG");
    app.add_option("--log-level", level, "trace, debug, info, warn, error or off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
    app.add_option("--log-format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
}

}  // namespace

command_line parse_command_line(int argc, const char* const* argv) {
    invocation out;
    std::string level = "info";
    std::string format = "text";

    CLI::App app("camtwin: IP cameras as digital twins over MQTT and HTTP", "camtwin");
    app.set_version_flag("--version", std::string("camtwin ") + version);
    add_common_options(app, out, level, format);
    auto* check = app.add_subcommand(
        "check-config", "validate a configuration file and print it normalised, secrets redacted");
    check->fallthrough();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return {std::nullopt, code == 0 ? 0 : usage_error_exit};
    }

    if (out.config_path.empty()) {
        std::fputs("camtwin: --config FILE (or CAMTWIN_CONFIG) is required\n", stderr);
        return {std::nullopt, usage_error_exit};
    }
    out.what = check->parsed() ? command::check_config : command::run;
    out.log.level = *parse_log_level(level);
    out.log.format = *parse_log_format(format);
    return {out, 0};
}

}  // namespace camtwin
