#include "scene_renderer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>

#include "bitmap_font.hpp"
#include "text_overlay.hpp"

namespace camsim {

namespace {

constexpr int band_count = 36;
constexpr double band_degrees = 10.0;
constexpr double checker_degrees = 5.0;
constexpr double grid_degrees = 10.0;

// Label strip geometry: three digits of 5 columns with 1-column gaps (17 cells) over the middle
// 80 % of a band, between 6 and 1.5 degrees above the horizon, repeated every 30 degrees.
constexpr int label_cells = 17;
constexpr double label_margin = 0.1;
constexpr double label_top = -6.0;
constexpr double label_bottom = -1.5;
constexpr double label_period = 30.0;

struct yuv {
    std::uint8_t y;
    std::uint8_t u;
    std::uint8_t v;
};

struct band_colours {
    yuv sky;
    std::array<yuv, 2> ground;
};

struct palette {
    std::array<band_colours, band_count> bands;
    std::uint8_t white;
    std::uint8_t dark;
};

std::uint8_t to_byte(double value) {
    return static_cast<std::uint8_t>(std::clamp(std::lround(value), 0L, 255L));
}

yuv hsv_to_yuv(double hue, double saturation, double value, bool full_range) {
    const auto channel = [&](double n) {
        const double k = std::fmod(n + hue / 60.0, 6.0);
        return value - value * saturation * std::clamp(std::min(k, 4.0 - k), 0.0, 1.0);
    };
    const double r = channel(5.0);
    const double g = channel(3.0);
    const double b = channel(1.0);
    const double luma = 0.299 * r + 0.587 * g + 0.114 * b;
    const double cb = -0.168736 * r - 0.331264 * g + 0.5 * b;
    const double cr = 0.5 * r - 0.418688 * g - 0.081312 * b;
    if (full_range) {
        return {to_byte(255.0 * luma), to_byte(128.0 + 255.0 * cb), to_byte(128.0 + 255.0 * cr)};
    }
    return {to_byte(16.0 + 219.0 * luma), to_byte(128.0 + 224.0 * cb), to_byte(128.0 + 224.0 * cr)};
}

palette make_palette(bool full_range) {
    palette p{};
    for (int band = 0; band < band_count; ++band) {
        // Hue steps of 130 degrees: neighbours differ strongly and all 36 bands are distinct.
        const double hue = std::fmod(band * 130.0, 360.0);
        auto& colours = p.bands[static_cast<std::size_t>(band)];
        colours.sky = hsv_to_yuv(hue, 0.45, 0.95, full_range);
        colours.ground[0] = hsv_to_yuv(hue, 0.7, 0.55, full_range);
        colours.ground[1] = hsv_to_yuv(hue, 0.7, 0.35, full_range);
    }
    p.white = full_range ? 255 : 235;
    p.dark = full_range ? 16 : 32;
    return p;
}

const palette& palette_for(bool full_range) {
    static const palette full = make_palette(true);
    static const palette limited = make_palette(false);
    return full_range ? full : limited;
}

double horizontal_fov(const camera_view& view) {
    const int zoom = std::clamp(view.zoom, 10, 100000);
    return scene_renderer::base_horizontal_fov * 10.0 / zoom;
}

int floor_div(double value, double step) {
    return static_cast<int>(std::floor(value / step));
}

// The digit shown at label cell `cell` of the band starting at band * 10 degrees, or 0 in gaps.
char label_digit(int band, int cell, std::int8_t& digit_col) {
    const int glyph = cell / 6;
    digit_col = static_cast<std::int8_t>(cell % 6);
    if (digit_col >= bitmap_font::glyph_width) {
        return 0;
    }
    const int degrees = band * 10;
    const std::array<int, 3> digits{degrees / 100, degrees / 10 % 10, degrees % 10};
    return static_cast<char>('0' + digits[static_cast<std::size_t>(glyph)]);
}

}  // namespace

scene_renderer::scene_renderer(int width, int height, bool full_range)
    : width_(std::max(width, 1)),
      height_(std::max(height, 1)),
      full_range_(full_range),
      columns_(static_cast<std::size_t>(width_)),
      rows_(static_cast<std::size_t>(height_)) {}

void scene_renderer::render(const camera_view& view, std::chrono::system_clock::time_point now,
                            const i420_planes& out) {
    build_columns(view);
    build_rows(view);
    build_lines();

    paint_luma(out);
    paint_chroma(out);

    draw_text_box(out, overlay_lines(view, now), palette_for(full_range_).white);
}

void scene_renderer::build_columns(const camera_view& view) {
    const double fov = horizontal_fov(view);
    const double step = fov / width_;
    const double left = view.azimuth / 10.0 - fov / 2.0;

    for (int x = 0; x < width_; ++x) {
        double azimuth = std::fmod(left + (x + 0.5) * step, 360.0);
        if (azimuth < 0.0) {
            azimuth += 360.0;
        }
        auto& col = columns_[static_cast<std::size_t>(x)];
        const int band = floor_div(azimuth, band_degrees) % band_count;
        col.band = static_cast<std::uint8_t>(band);
        col.checker = static_cast<std::uint8_t>(floor_div(azimuth, checker_degrees) & 1);
        col.grid = false;
        col.digit = 0;
        const double u = (azimuth - band * band_degrees) / band_degrees;
        if (u >= label_margin && u < 1.0 - label_margin) {
            const int cell =
                static_cast<int>((u - label_margin) / (1.0 - 2 * label_margin) * label_cells);
            col.digit = label_digit(band, std::min(cell, label_cells - 1), col.digit_col);
        }
    }

    // A boundary between bands becomes a two-pixel line whatever the zoom.
    for (std::size_t x = 0; x + 1 < columns_.size(); ++x) {
        if (columns_[x].band != columns_[x + 1].band) {
            columns_[x].grid = true;
            columns_[x + 1].grid = true;
        }
    }
}

void scene_renderer::build_rows(const camera_view& view) {
    const double vfov = horizontal_fov(view) * height_ / width_;
    const double step = vfov / height_;
    const double top = view.elevation / 10.0 - vfov / 2.0;

    std::vector<int> grid_cell(rows_.size());
    for (int y = 0; y < height_; ++y) {
        const double elevation = top + (y + 0.5) * step;
        auto& row = rows_[static_cast<std::size_t>(y)];
        row.kind = elevation < 0.0 ? row_kind::sky : row_kind::ground;
        row.checker = static_cast<std::uint8_t>(floor_div(elevation, checker_degrees) & 1);
        row.sky_shade =
            static_cast<std::int16_t>(-std::min(std::abs(elevation), 90.0) / 90.0 * 70.0);
        const double local =
            elevation - label_period * std::floor((elevation - label_top) / label_period);
        row.digit_row = -1;
        if (local < label_bottom) {
            const double fraction = (local - label_top) / (label_bottom - label_top);
            row.digit_row = static_cast<std::int8_t>(
                std::min(static_cast<int>(fraction * bitmap_font::glyph_height),
                         bitmap_font::glyph_height - 1));
        }
        grid_cell[static_cast<std::size_t>(y)] = floor_div(elevation, grid_degrees);
    }

    // Lines are two rows thick: both rows around a crossing. The crossing test reads grid_cell
    // (unchanged by the marking), never the kinds already overwritten.
    for (std::size_t y = 0; y + 1 < rows_.size(); ++y) {
        const bool horizon = grid_cell[y] == -1 && grid_cell[y + 1] == 0;
        if (horizon || grid_cell[y] != grid_cell[y + 1]) {
            const row_kind line = horizon ? row_kind::horizon : row_kind::grid;
            rows_[y].kind = line;
            rows_[y + 1].kind = line;
        }
    }
}

// Per-column lines that whole rows are copied from: the scene only varies along a row by column
// and along a column by row kind, so most rows are one memcpy per plane.
void scene_renderer::build_lines() {
    const palette& p = palette_for(full_range_);
    const int chroma_width = (width_ + 1) / 2;
    sky_luma_.resize(columns_.size());
    for (auto& line : ground_luma_) {
        line.resize(columns_.size());
    }
    for (auto* line :
         {&sky_u_, &sky_v_, &ground_u_[0], &ground_u_[1], &ground_v_[0], &ground_v_[1]}) {
        line->resize(static_cast<std::size_t>(chroma_width));
    }

    grid_columns_.clear();
    for (std::size_t x = 0; x < columns_.size(); ++x) {
        const column_info& col = columns_[x];
        const band_colours& colours = p.bands[col.band];
        sky_luma_[x] = colours.sky.y;
        for (std::size_t parity = 0; parity < 2; ++parity) {
            ground_luma_[parity][x] = col.grid ? p.dark : colours.ground[parity ^ col.checker].y;
        }
        if (col.grid) {
            grid_columns_.push_back(static_cast<int>(x));
        }
    }

    for (int cx = 0; cx < chroma_width; ++cx) {
        const column_info& col = columns_[2 * static_cast<std::size_t>(cx)];
        const band_colours& colours = p.bands[col.band];
        const auto i = static_cast<std::size_t>(cx);
        sky_u_[i] = col.grid ? 128 : colours.sky.u;
        sky_v_[i] = col.grid ? 128 : colours.sky.v;
        for (std::size_t parity = 0; parity < 2; ++parity) {
            const yuv& ground = colours.ground[parity ^ col.checker];
            ground_u_[parity][i] = col.grid ? 128 : ground.u;
            ground_v_[parity][i] = col.grid ? 128 : ground.v;
        }
    }
}

void scene_renderer::paint_luma(const i420_planes& out) const {
    const palette& p = palette_for(full_range_);
    const auto width = static_cast<std::size_t>(width_);
    for (int y = 0; y < height_; ++y) {
        const row_info& row = rows_[static_cast<std::size_t>(y)];
        std::uint8_t* dst = out.y + static_cast<std::ptrdiff_t>(y) * out.y_stride;
        switch (row.kind) {
            case row_kind::horizon:
                std::memset(dst, p.white, width);
                continue;
            case row_kind::grid:
                std::memset(dst, p.dark, width);
                continue;
            case row_kind::ground:
                std::memcpy(dst, ground_luma_[row.checker].data(), width);
                break;
            case row_kind::sky:
                for (std::size_t x = 0; x < width; ++x) {
                    dst[x] =
                        static_cast<std::uint8_t>(std::clamp(sky_luma_[x] + row.sky_shade, 0, 255));
                }
                for (const int x : grid_columns_) {
                    dst[x] = p.dark;
                }
                break;
        }
        paint_digits(row, dst, 1, p.white);
    }
}

void scene_renderer::paint_chroma(const i420_planes& out) const {
    const auto chroma_width = static_cast<std::size_t>((width_ + 1) / 2);
    for (int cy = 0; cy < (height_ + 1) / 2; ++cy) {
        const row_info& row = rows_[2 * static_cast<std::size_t>(cy)];
        std::uint8_t* u = out.u + static_cast<std::ptrdiff_t>(cy) * out.uv_stride;
        std::uint8_t* v = out.v + static_cast<std::ptrdiff_t>(cy) * out.uv_stride;
        if (row.kind == row_kind::horizon || row.kind == row_kind::grid) {
            std::memset(u, 128, chroma_width);
            std::memset(v, 128, chroma_width);
            continue;
        }
        const bool sky = row.kind == row_kind::sky;
        std::memcpy(u, sky ? sky_u_.data() : ground_u_[row.checker].data(), chroma_width);
        std::memcpy(v, sky ? sky_v_.data() : ground_v_[row.checker].data(), chroma_width);
        paint_digits(row, u, 2, 128);
        paint_digits(row, v, 2, 128);
    }
}

// Sets the label pixels of one row to `value`; step 2 walks the columns of a chroma row.
void scene_renderer::paint_digits(const row_info& row, std::uint8_t* dst, int step,
                                  std::uint8_t value) const {
    if (row.digit_row < 0 || (row.kind != row_kind::sky && row.kind != row_kind::ground)) {
        return;
    }
    for (int x = 0; x < width_; x += step) {
        const column_info& col = columns_[static_cast<std::size_t>(x)];
        if (col.digit != 0 && !col.grid &&
            bitmap_font::pixel(col.digit, col.digit_col, row.digit_row)) {
            dst[x / step] = value;
        }
    }
}

}  // namespace camsim
