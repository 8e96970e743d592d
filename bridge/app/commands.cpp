#include "app/commands.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "app/service.hpp"
#include "config/config_error.hpp"
#include "config/config_loader.hpp"
#include "config/config_printer.hpp"

namespace camtwin {
namespace {

constexpr int invalid_config_exit = 1;
constexpr int start_failure_exit = 1;

void report(const config_error& error, const std::string& path) {
    fmt::print(stderr, "camtwin: invalid config \"{}\":\n", path);
    for (const auto& line : error.lines()) {
        fmt::print(stderr, "  {}\n", line);
    }
}

int check_config(const config& cfg) {
    fmt::print("{}", print_config(cfg));
    return 0;
}

int run_service(config cfg, const log_settings& settings) {
    const log_factory logs(settings);
    service running(std::move(cfg), logs);
    return running.run();
}

}  // namespace

int execute(const invocation& request) {
    try {
        auto cfg = load_config(request.config_path, process_environment());
        if (request.what == command::check_config) {
            return check_config(cfg);
        }
        return run_service(std::move(cfg), request.log);
    } catch (const config_error& error) {
        report(error, request.config_path);
        return invalid_config_exit;
    } catch (const std::runtime_error& error) {
        // The config was valid but the service could not be set up (a folder it cannot create).
        fmt::print(stderr, "camtwin: cannot start: {}\n", error.what());
        return start_failure_exit;
    }
}

}  // namespace camtwin
