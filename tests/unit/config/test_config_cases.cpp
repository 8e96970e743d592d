// Runs every case of tests/data/config_cases.yaml through the loader and compares the problems it
// reports with the table, line for line. The schema test reads the same table.

#include <map>

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "config/config_error.hpp"
#include "config/config_loader.hpp"
#include "support/fixed_environment.hpp"

namespace {

using camtwin::environment;
using camtwin::test::fixed_environment;

std::map<std::string, std::string> case_environment(const YAML::Node& test_case) {
    if (!test_case["env"]) {
        return {{"CAMTWIN_DEVICE_CAM1_PASSWORD", "pw1"}, {"CAMTWIN_DEVICE_CAM2_PASSWORD", "pw2"}};
    }
    return test_case["env"].as<std::map<std::string, std::string>>();
}

std::string case_text(const YAML::Node& test_case) {
    if (test_case["config_text"]) {
        return test_case["config_text"].as<std::string>();
    }
    return YAML::Dump(test_case["config"]);
}

std::vector<std::string> problems_of(const YAML::Node& test_case) {
    try {
        camtwin::parse_config(case_text(test_case), "test.yaml",
                              fixed_environment(case_environment(test_case)));
        return {};
    } catch (const camtwin::config_error& error) {
        return error.lines();
    }
}

}  // namespace

TEST_CASE("config loader reports exactly the problems of the case table", "[config]") {
    const auto cases = YAML::LoadFile(CAMTWIN_TEST_DATA_DIR "/config_cases.yaml");
    REQUIRE(cases.size() >= 40);

    for (const auto& test_case : cases) {
        const auto name = test_case["name"].as<std::string>();
        const auto expected = test_case["errors"].as<std::vector<std::string>>();
        SECTION(name) {
            CHECK(problems_of(test_case) == expected);
        }
    }
}
