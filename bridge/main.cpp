#include "app/commands.hpp"
#include "cli/command_line.hpp"

int main(int argc, char** argv) {
    const auto parsed = camtwin::parse_command_line(argc, argv);
    if (!parsed.request) {
        return parsed.exit_code;
    }
    return camtwin::execute(*parsed.request);
}
