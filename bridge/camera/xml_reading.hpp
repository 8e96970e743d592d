#pragma once

#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace camtwin::camera {

// Reading camera XML by local name: cameras answer in several namespaces (ver20, isapi.org,
// ver10, none, sometimes with a prefix), so an element is found by the part of its name after
// any prefix, and the namespace is never compared. Failures throw camera_error(bad_response)
// naming the request path and the element.
class xml_reading {
public:
    // Parses the body; the root element must have the given local name.
    xml_reading(std::string_view body, std::string_view root_name, std::string path);

    pugi::xml_node root() const { return root_; }
    const std::string& path() const { return path_; }

    // The first child element with that local name; an empty node when there is none.
    static pugi::xml_node child(pugi::xml_node parent, std::string_view name);

    // The trimmed text of a child, or "" when the child is absent.
    static std::string text(pugi::xml_node parent, std::string_view name);

    // A child's integer, range-checked; nullopt when the child is absent or empty.
    std::optional<int> integer(pugi::xml_node parent, std::string_view name, int min,
                               int max) const;

    // Like integer(), but a missing value is an error too.
    int required_integer(pugi::xml_node parent, std::string_view name, int min, int max) const;

    // "true"/"false" (any case); nullopt when absent or anything else.
    static std::optional<bool> boolean(pugi::xml_node parent, std::string_view name);

private:
    pugi::xml_document document_;
    pugi::xml_node root_;
    std::string path_;
};

std::string_view local_name(const char* qualified);

}  // namespace camtwin::camera
