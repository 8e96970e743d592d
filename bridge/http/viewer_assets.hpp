#pragma once

#include <string_view>

namespace camtwin::http {

// hls.js (its light build), served at /assets/hls.light.min.js for the viewer page; empty when the
// build had none (scripts/setup installs it from npm).
std::string_view hls_js();

}  // namespace camtwin::http
