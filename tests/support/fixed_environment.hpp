#pragma once

#include <map>
#include <optional>
#include <string>

#include "config/environment.hpp"

namespace camtwin::test {

// An environment holding exactly these variables, so that config tests never read the real one.
inline environment fixed_environment(std::map<std::string, std::string> values) {
    return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
        const auto found = values.find(name);
        return found == values.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
}

}  // namespace camtwin::test
