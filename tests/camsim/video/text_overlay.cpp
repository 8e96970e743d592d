#include "text_overlay.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <ctime>

#include <fmt/format.h>

#include "bitmap_font.hpp"

namespace camsim {

namespace {

constexpr int cell_width = bitmap_font::glyph_width + 1;
constexpr int cell_height = bitmap_font::glyph_height + 2;
constexpr std::uint8_t box_luma = 16;

// Tenths as a signed decimal with one digit after the point ("-0.5" for -5).
std::string tenths(int value) {
    const int magnitude = std::abs(value);
    return fmt::format("{}{}.{}", value < 0 ? "-" : "", magnitude / 10, magnitude % 10);
}

std::string local_time(std::chrono::system_clock::time_point now) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm parts{};
    localtime_r(&seconds, &parts);
    std::string text(32, '\0');
    text.resize(std::strftime(text.data(), text.size(), "%Y-%m-%d %H:%M:%S", &parts));
    return text;
}

void fill(std::uint8_t* plane, int stride, int x0, int y0, int x1, int y1, std::uint8_t value) {
    for (int y = y0; y < y1; ++y) {
        std::fill(plane + static_cast<std::ptrdiff_t>(y) * stride + x0,
                  plane + static_cast<std::ptrdiff_t>(y) * stride + x1, value);
    }
}

void draw_glyph(const i420_planes& out, char c, int left, int top, int scale, std::uint8_t white) {
    for (int row = 0; row < bitmap_font::glyph_height; ++row) {
        for (int col = 0; col < bitmap_font::glyph_width; ++col) {
            if (!bitmap_font::pixel(c, col, row)) {
                continue;
            }
            const int x = left + col * scale;
            const int y = top + row * scale;
            fill(out.y, out.y_stride, x, y, std::min(x + scale, out.width),
                 std::min(y + scale, out.height), white);
        }
    }
}

}  // namespace

std::vector<std::string> overlay_lines(const camera_view& view,
                                       std::chrono::system_clock::time_point now) {
    const int azimuth = ((view.azimuth % 3600) + 3600) % 3600;
    return {fmt::format("AZ {} EL {} Z {}x", tenths(azimuth), tenths(view.elevation),
                        tenths(view.zoom)),
            local_time(now)};
}

void draw_text_box(const i420_planes& out, const std::vector<std::string>& lines,
                   std::uint8_t white) {
    const int scale = std::max(1, out.height / 180);
    std::size_t longest = 0;
    for (const auto& line : lines) {
        longest = std::max(longest, line.size());
    }

    // The box covers whole chroma samples, so it is aligned to even coordinates.
    const int margin = 2 * scale;
    const int box_w = std::min(
        out.width, (static_cast<int>(longest) * cell_width * scale + 2 * margin + 1) / 2 * 2);
    const int box_h =
        std::min(out.height,
                 (static_cast<int>(lines.size()) * cell_height * scale + 2 * margin + 1) / 2 * 2);
    fill(out.y, out.y_stride, 0, 0, box_w, box_h, box_luma);
    fill(out.u, out.uv_stride, 0, 0, box_w / 2, box_h / 2, 128);
    fill(out.v, out.uv_stride, 0, 0, box_w / 2, box_h / 2, 128);

    for (std::size_t i = 0; i < lines.size(); ++i) {
        const int top = margin + static_cast<int>(i) * cell_height * scale;
        for (std::size_t j = 0; j < lines[i].size(); ++j) {
            const int left = margin + static_cast<int>(j) * cell_width * scale;
            if (left + bitmap_font::glyph_width * scale <= box_w) {
                draw_glyph(out, lines[i][j], left, top, scale, white);
            }
        }
    }
}

}  // namespace camsim
