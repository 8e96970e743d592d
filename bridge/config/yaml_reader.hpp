#pragma once

#include <set>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "config/config_error.hpp"

namespace camtwin {

// Reads one YAML mapping of the config into typed fields. Every read names the key it consumes,
// so that report_unknown_keys() can name any key nobody asked for. Type and range problems are
// added to the shared problem list with the full path of the key; the target keeps its default.
class yaml_reader {
public:
    // node may be undefined or null (the section was left out): every read then keeps defaults.
    yaml_reader(const YAML::Node& node, std::string path, config_problems& problems);

    void read(std::string_view key, std::string& target);
    void read(std::string_view key, bool& target);
    void read(std::string_view key, int& target, int min, int max);

    // A key that must be present and hold a non-empty string.
    void read_required(std::string_view key, std::string& target);

    // A key that is understood but not allowed here (a plain-text password): names why.
    void refuse(std::string_view key, const std::string& why);

    yaml_reader section(std::string_view key);

    // Calls visit(item_reader) for each mapping of a sequence; items are named key[i].
    template <typename Visit>
    void each(std::string_view key, Visit&& visit);

    void report_unknown_keys();

    const std::string& path() const { return path_; }
    config_problems& problems() { return problems_; }

private:
    YAML::Node take(std::string_view key);
    std::string child_path(std::string_view key) const;

    YAML::Node node_;
    std::string path_;
    config_problems& problems_;
    std::set<std::string, std::less<>> known_;
    bool shape_reported_ = false;
};

// "a scalar \"x\"", "a sequence", ... for messages about what was found instead.
std::string describe_node(const YAML::Node& node);

template <typename Visit>
void yaml_reader::each(std::string_view key, Visit&& visit) {
    const auto items = take(key);
    if (!items.IsDefined() || items.IsNull()) {
        return;
    }
    if (!items.IsSequence()) {
        problems_.add(child_path(key), "must be a list, got " + describe_node(items));
        return;
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        visit(yaml_reader(items[i], child_path(key) + "[" + std::to_string(i) + "]", problems_));
    }
}

}  // namespace camtwin
