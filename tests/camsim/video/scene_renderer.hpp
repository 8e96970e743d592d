#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <vector>

#include "camera_view.hpp"
#include "i420_image.hpp"

namespace camsim {

// Draws what the simulated camera sees: a window over a procedural panorama, plus the position
// and wall-clock time in the top-left corner.
//
// The panorama spans 360 degrees of azimuth in 36 coloured bands of 10 degrees, each labelled with
// its azimuth in large digits (repeated every 30 degrees of elevation) and bounded by dark lines.
// Above the horizon (negative elevation) is a sky tinted by the band; below, a checkered ground,
// with a white horizon line and dark lines every 10 degrees of elevation. The horizontal field of
// view is 60 degrees divided by the zoom factor; the vertical one follows the aspect ratio.
//
// Cost: per-column and per-row tables are built per frame; most rows are then copied from
// prebuilt lines, about a millisecond for 1280x720 in an optimised build. One instance per thread:
// render() reuses its tables.
class scene_renderer {
public:
    static constexpr double base_horizontal_fov = 60.0;

    // full_range: JPEG-style 0..255 levels; otherwise the 16..235 video levels H.264 expects.
    scene_renderer(int width, int height, bool full_range);

    void render(const camera_view& view, std::chrono::system_clock::time_point now,
                const i420_planes& out);

private:
    struct column_info {
        std::uint8_t band = 0;     // 0..35, the 10-degree azimuth band
        std::uint8_t checker = 0;  // parity of the 5-degree azimuth cell
        bool grid = false;         // on a band boundary line
        char digit = 0;            // label digit under this column, 0 for none
        std::int8_t digit_col = 0;
    };
    enum class row_kind : std::uint8_t { sky, ground, horizon, grid };
    struct row_info {
        row_kind kind = row_kind::sky;
        std::uint8_t checker = 0;    // parity of the 5-degree elevation cell
        std::int8_t digit_row = -1;  // label glyph row, -1 outside the label strip
        std::int16_t sky_shade = 0;  // luma added to the sky, darker away from the horizon
    };

    void build_columns(const camera_view& view);
    void build_rows(const camera_view& view);
    void build_lines();
    void paint_luma(const i420_planes& out) const;
    void paint_chroma(const i420_planes& out) const;
    void paint_digits(const row_info& row, std::uint8_t* dst, int step, std::uint8_t value) const;

    int width_;
    int height_;
    bool full_range_;
    std::vector<column_info> columns_;
    std::vector<row_info> rows_;

    // Rows to copy from, rebuilt per frame (see build_lines); ground lines by checker parity.
    std::vector<std::uint8_t> sky_luma_;
    std::array<std::vector<std::uint8_t>, 2> ground_luma_;
    std::vector<std::uint8_t> sky_u_;
    std::vector<std::uint8_t> sky_v_;
    std::array<std::vector<std::uint8_t>, 2> ground_u_;
    std::array<std::vector<std::uint8_t>, 2> ground_v_;
    std::vector<int> grid_columns_;
};

}  // namespace camsim
