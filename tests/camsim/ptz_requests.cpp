#include "ptz_requests.hpp"

#include <charconv>
#include <cstring>
#include <pugixml.hpp>

namespace camsim::requests {

namespace {

std::string_view local_name(const char* name) {
    const char* colon = std::strrchr(name, ':');
    return colon ? std::string_view(colon + 1) : std::string_view(name);
}

pugi::xml_node child(pugi::xml_node parent, std::string_view name) {
    for (pugi::xml_node node : parent.children()) {
        if (node.type() == pugi::node_element && local_name(node.name()) == name) {
            return node;
        }
    }
    return {};
}

std::optional<int> to_int(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                             text.front() == '\r')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r')) {
        text.remove_suffix(1);
    }
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// Reads an optional integer child; false when present but not an integer.
bool read_int(pugi::xml_node parent, std::string_view name, int& out, bool& present) {
    pugi::xml_node node = child(parent, name);
    present = !node.empty();
    if (!present) {
        return true;
    }
    std::optional<int> value = to_int(node.child_value());
    if (value) {
        out = *value;
    }
    return value.has_value();
}

// Parses the body and checks its root; on failure `error` says why.
pugi::xml_node load(pugi::xml_document& doc, std::string_view body, std::string_view root,
                    body_error& error) {
    pugi::xml_parse_result result = doc.load_buffer(body.data(), body.size());
    pugi::xml_node element = doc.document_element();
    if (!result || element.empty()) {
        error = body_error::bad_format;
        return {};
    }
    error = local_name(element.name()) == root ? body_error::none : body_error::bad_content;
    return error == body_error::none ? element : pugi::xml_node();
}

// Reads pan, tilt and zoom; at least one must be there.
body_error read_velocity(pugi::xml_node node, ptz_velocity& v) {
    bool has_pan = false;
    bool has_tilt = false;
    bool has_zoom = false;
    bool ok = read_int(node, "pan", v.pan, has_pan) && read_int(node, "tilt", v.tilt, has_tilt) &&
              read_int(node, "zoom", v.zoom, has_zoom);
    return ok && (has_pan || has_tilt || has_zoom) ? body_error::none : body_error::bad_content;
}

}  // namespace

parsed<ptz_velocity> continuous(std::string_view body) {
    parsed<ptz_velocity> out;
    pugi::xml_document doc;
    pugi::xml_node root = load(doc, body, "PTZData", out.error);
    if (out.error == body_error::none) {
        out.error = read_velocity(root, out.value);
    }
    return out;
}

parsed<momentary_request> momentary(std::string_view body) {
    parsed<momentary_request> out;
    pugi::xml_document doc;
    pugi::xml_node root = load(doc, body, "PTZData", out.error);
    if (out.error != body_error::none) {
        return out;
    }

    out.error = read_velocity(root, out.value.velocity);
    bool has_duration = false;
    bool ok = read_int(child(root, "Momentary"), "duration", out.value.duration_ms, has_duration);
    if (!ok || !has_duration || out.value.duration_ms < 0) {
        out.error = body_error::bad_content;
    }
    return out;
}

parsed<ptz_position> absolute(std::string_view body) {
    parsed<ptz_position> out;
    pugi::xml_document doc;
    pugi::xml_node root = load(doc, body, "PTZData", out.error);
    if (out.error != body_error::none) {
        return out;
    }

    pugi::xml_node high = child(root, "AbsoluteHigh");
    bool has_el = false;
    bool has_az = false;
    bool has_zoom = false;
    bool ok = read_int(high, "elevation", out.value.elevation, has_el) &&
              read_int(high, "azimuth", out.value.azimuth, has_az) &&
              read_int(high, "absoluteZoom", out.value.zoom, has_zoom);
    if (!ok || !has_el || !has_az || !has_zoom) {
        out.error = body_error::bad_content;
    }
    return out;
}

parsed<relative_request> relative(std::string_view body) {
    parsed<relative_request> out;
    pugi::xml_document doc;
    pugi::xml_node root = load(doc, body, "PTZData", out.error);
    if (out.error != body_error::none) {
        return out;
    }

    pugi::xml_node rel = child(root, "Relative");
    bool has_x = false;
    bool has_y = false;
    bool has_zoom = false;
    bool ok = read_int(rel, "positionX", out.value.x, has_x) &&
              read_int(rel, "positionY", out.value.y, has_y) &&
              read_int(rel, "relativeZoom", out.value.zoom, has_zoom);
    if (!ok || rel.empty() || !(has_x || has_y || has_zoom)) {
        out.error = body_error::bad_content;
    }
    return out;
}

parsed<preset_request> preset(std::string_view body) {
    parsed<preset_request> out;
    pugi::xml_document doc;
    pugi::xml_node root = load(doc, body, "PTZPreset", out.error);
    if (out.error != body_error::none) {
        return out;
    }

    int id = 0;
    bool has_id = false;
    if (!read_int(root, "id", id, has_id)) {
        out.error = body_error::bad_content;
        return out;
    }
    out.value.id = has_id ? std::optional<int>(id) : std::nullopt;
    if (pugi::xml_node name = child(root, "presetName"); !name.empty()) {
        out.value.name = std::string(name.child_value());
    }
    return out;
}

body_error expect_root(std::string_view body, std::string_view root) {
    pugi::xml_document doc;
    body_error error = body_error::none;
    load(doc, body, root, error);
    return error;
}

}  // namespace camsim::requests
