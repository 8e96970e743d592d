#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "camera_view.hpp"
#include "i420_image.hpp"

namespace camsim {

// The two overlay lines of the picture: "AZ 123.4 EL -5.0 Z 1.0x" (azimuth wrapped to
// 0..359.9) and the local wall-clock time "YYYY-MM-DD HH:MM:SS".
std::vector<std::string> overlay_lines(const camera_view& view,
                                       std::chrono::system_clock::time_point now);

// Draws the lines in the bitmap font, white (luma `white`) on an opaque black box in the top-left
// corner, scaled with the picture height so that they stay readable on the sub stream.
void draw_text_box(const i420_planes& out, const std::vector<std::string>& lines,
                   std::uint8_t white);

}  // namespace camsim
