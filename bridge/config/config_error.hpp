#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace camtwin {

// Everything wrong with a config, one line each, every line naming the setting by its full path
// (`devices[0].ptz.speed: must be 1..100, got 150`). Problems are collected, not thrown one at a
// time, so an operator fixes a file in one pass.
class config_problems {
public:
    void add(const std::string& path, const std::string& message) {
        lines_.push_back(path + ": " + message);
    }
    bool empty() const { return lines_.empty(); }
    const std::vector<std::string>& lines() const { return lines_; }

private:
    std::vector<std::string> lines_;
};

// Thrown when a config cannot be used; what() is every problem, one per line.
class config_error : public std::runtime_error {
public:
    explicit config_error(const config_problems& problems)
        : std::runtime_error(join(problems.lines())), lines_(problems.lines()) {}

    const std::vector<std::string>& lines() const { return lines_; }

private:
    static std::string join(const std::vector<std::string>& lines) {
        std::string text;
        for (const auto& line : lines) {
            text += (text.empty() ? "" : "\n") + line;
        }
        return text;
    }

    std::vector<std::string> lines_;
};

}  // namespace camtwin
