#include "camera/xml_reading.hpp"

#include <charconv>

#include <fmt/format.h>

#include "camera/camera_error.hpp"

namespace camtwin::camera {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// pugixml's defaults leave DOCTYPE unparsed and never expand entities beyond the five XML
// ones, so entity tricks in a hostile answer stay plain text.
pugi::xml_parse_result parse(pugi::xml_document& document, std::string_view body) {
    return document.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
}

}  // namespace

std::string_view local_name(const char* qualified) {
    const std::string_view name(qualified);
    const auto colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

xml_reading::xml_reading(std::string_view body, std::string_view root_name, std::string path)
    : path_(std::move(path)) {
    const auto result = parse(document_, body);
    if (!result) {
        throw camera_error(
            camera_error_kind::bad_response, path_,
            fmt::format("not XML ({} at byte {})", result.description(), result.offset));
    }
    root_ = document_.document_element();
    if (local_name(root_.name()) != root_name) {
        throw camera_error(
            camera_error_kind::bad_response, path_,
            fmt::format("expected <{}>, got <{}>", root_name, local_name(root_.name())));
    }
}

pugi::xml_node xml_reading::child(pugi::xml_node parent, std::string_view name) {
    for (auto node = parent.first_child(); node; node = node.next_sibling()) {
        if (node.type() == pugi::node_element && local_name(node.name()) == name) {
            return node;
        }
    }
    return {};
}

std::string xml_reading::text(pugi::xml_node parent, std::string_view name) {
    return std::string(trim(child(parent, name).child_value()));
}

std::optional<int> xml_reading::integer(pugi::xml_node parent, std::string_view name, int min,
                                        int max) const {
    const auto value = text(parent, name);
    if (value.empty()) {
        return std::nullopt;
    }
    long long number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end != value.data() + value.size() || number < min ||
        number > max) {
        throw camera_error(camera_error_kind::bad_response, path_,
                           fmt::format("<{}> must be an integer {}..{}, got \"{}\"", name, min, max,
                                       value.substr(0, 40)));
    }
    return static_cast<int>(number);
}

int xml_reading::required_integer(pugi::xml_node parent, std::string_view name, int min,
                                  int max) const {
    const auto value = integer(parent, name, min, max);
    if (!value) {
        throw camera_error(camera_error_kind::bad_response, path_,
                           fmt::format("<{}> is missing in <{}>", name, local_name(parent.name())));
    }
    return *value;
}

std::optional<bool> xml_reading::boolean(pugi::xml_node parent, std::string_view name) {
    auto value = text(parent, name);
    for (auto& c : value) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (value == "true") {
        return true;
    }
    if (value == "false") {
        return false;
    }
    return std::nullopt;
}

}  // namespace camtwin::camera
