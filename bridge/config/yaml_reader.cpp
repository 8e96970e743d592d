#include "config/yaml_reader.hpp"

#include <charconv>

#include <fmt/format.h>

namespace camtwin {
namespace {

bool is_mapping_or_absent(const YAML::Node& node) {
    return !node.IsDefined() || node.IsNull() || node.IsMap();
}

// A scalar that was written in quotes is text even when it looks like a number or a boolean.
bool is_plain_scalar(const YAML::Node& node) {
    return node.IsScalar() && node.Tag() != "!";
}

}  // namespace

std::string describe_node(const YAML::Node& node) {
    if (node.IsSequence()) {
        return "a list";
    }
    if (node.IsMap()) {
        return "a mapping";
    }
    if (node.IsNull()) {
        return "nothing";
    }
    return fmt::format("\"{}\"", node.Scalar());
}

yaml_reader::yaml_reader(const YAML::Node& node, std::string path, config_problems& problems)
    : node_(node), path_(std::move(path)), problems_(problems) {
    if (!is_mapping_or_absent(node_)) {
        problems_.add(path_.empty() ? "(top level)" : path_,
                      "must be a mapping of keys, got " + describe_node(node_));
        node_ = YAML::Node();
        shape_reported_ = true;
    }
}

std::string yaml_reader::child_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

YAML::Node yaml_reader::take(std::string_view key) {
    known_.emplace(key);
    if (!node_.IsDefined() || !node_.IsMap()) {
        return YAML::Node(YAML::NodeType::Undefined);
    }
    return node_[std::string(key)];
}

void yaml_reader::read(std::string_view key, std::string& target) {
    const auto value = take(key);
    if (!value.IsDefined()) {
        return;
    }
    if (!value.IsScalar()) {
        problems_.add(child_path(key), "must be text, got " + describe_node(value));
        return;
    }
    target = value.Scalar();
}

void yaml_reader::read(std::string_view key, bool& target) {
    const auto value = take(key);
    if (!value.IsDefined()) {
        return;
    }
    const bool is_bool_word =
        is_plain_scalar(value) && (value.Scalar() == "true" || value.Scalar() == "false");
    if (!is_bool_word) {
        problems_.add(child_path(key), "must be true or false, got " + describe_node(value));
        return;
    }
    target = value.Scalar() == "true";
}

void yaml_reader::read(std::string_view key, int& target, int min, int max) {
    const auto value = take(key);
    if (!value.IsDefined()) {
        return;
    }
    const auto& text = value.Scalar();
    long long number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    const bool parsed = end == text.data() + text.size() && !text.empty();
    if (is_plain_scalar(value) && parsed && error == std::errc::result_out_of_range) {
        problems_.add(child_path(key), fmt::format("must be {}..{}, got {}", min, max, text));
        return;
    }
    if (!is_plain_scalar(value) || !parsed || error != std::errc()) {
        problems_.add(child_path(key), "must be a whole number, got " + describe_node(value));
        return;
    }
    if (number < min || number > max) {
        problems_.add(child_path(key), fmt::format("must be {}..{}, got {}", min, max, text));
        return;
    }
    target = static_cast<int>(number);
}

void yaml_reader::read_required(std::string_view key, std::string& target) {
    const auto value = take(key);
    if (shape_reported_) {
        return;  // "must be a mapping" already says it all
    }
    if (!value.IsDefined() || value.IsNull()) {
        problems_.add(child_path(key), "is required");
        return;
    }
    read(key, target);
    if (value.IsScalar() && target.empty()) {
        problems_.add(child_path(key), "must not be empty");
    }
}

void yaml_reader::refuse(std::string_view key, const std::string& why) {
    if (take(key).IsDefined()) {
        problems_.add(child_path(key), why);
    }
}

yaml_reader yaml_reader::section(std::string_view key) {
    return yaml_reader(take(key), child_path(key), problems_);
}

void yaml_reader::report_unknown_keys() {
    if (!node_.IsDefined() || !node_.IsMap()) {
        return;
    }
    for (const auto& entry : node_) {
        const auto key = entry.first.IsScalar() ? entry.first.Scalar() : std::string("?");
        if (!known_.contains(key)) {
            problems_.add(child_path(key), "unknown key");
        }
    }
}

}  // namespace camtwin
