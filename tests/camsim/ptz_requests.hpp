#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ptz_model.hpp"

namespace camsim {

// How a request body failed: the camera answers 400 with ResponseStatus 5 or 6.
enum class body_error { none, bad_format, bad_content };

template <class T>
struct parsed {
    T value{};
    body_error error = body_error::none;
};

struct momentary_request {
    ptz_velocity velocity;
    int duration_ms = 0;
};

// Relative move offsets [I]: positionX in tenths of azimuth (+ = right), positionY in tenths of
// elevation (+ = up), relativeZoom in zoom tenths (+ = tele).
struct relative_request {
    int x = 0;
    int y = 0;
    int zoom = 0;
};

struct preset_request {
    std::optional<int> id;
    std::optional<std::string> name;
};

// Parsers of the request bodies. Element names are matched by local name, the namespace and the
// declaration are optional, absent axes are 0. Untrusted input: never throws.
namespace requests {

parsed<ptz_velocity> continuous(std::string_view body);
parsed<momentary_request> momentary(std::string_view body);
parsed<ptz_position> absolute(std::string_view body);
parsed<relative_request> relative(std::string_view body);
parsed<preset_request> preset(std::string_view body);

// A body whose root must have the given local name (focus, iris).
body_error expect_root(std::string_view body, std::string_view root);

}  // namespace requests

}  // namespace camsim
