#include "i420_image.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace camsim {

namespace {

int round_up_16(int n) {
    return (n + 15) / 16 * 16;
}

// Repeats the last of `used_rows` rows (each `used_cols` wide) into the padding of a plane.
void pad_plane(std::uint8_t* plane, int stride, int used_cols, int used_rows, int rows) {
    for (int r = 0; r < used_rows; ++r) {
        std::uint8_t* row = plane + static_cast<std::ptrdiff_t>(r) * stride;
        std::memset(row + used_cols, row[used_cols - 1],
                    static_cast<std::size_t>(stride - used_cols));
    }
    const std::uint8_t* last = plane + static_cast<std::ptrdiff_t>(used_rows - 1) * stride;
    for (int r = used_rows; r < rows; ++r) {
        std::memcpy(plane + static_cast<std::ptrdiff_t>(r) * stride, last,
                    static_cast<std::size_t>(stride));
    }
}

}  // namespace

i420_image::i420_image(int width, int height) {
    width = std::max(width, 1);
    height = std::max(height, 1);
    planes_.width = width;
    planes_.height = height;
    planes_.y_stride = round_up_16(width);
    planes_.uv_stride = planes_.y_stride / 2;
    padded_height_ = round_up_16(height);

    const auto y_size = static_cast<std::size_t>(planes_.y_stride) * padded_height_;
    const auto uv_size = static_cast<std::size_t>(planes_.uv_stride) * (padded_height_ / 2);
    data_.resize(y_size + 2 * uv_size);
    planes_.y = data_.data();
    planes_.u = planes_.y + y_size;
    planes_.v = planes_.u + uv_size;
}

i420_planes i420_image::planes() {
    return planes_;
}

void i420_image::pad_edges() {
    const int chroma_cols = (planes_.width + 1) / 2;
    const int chroma_rows = (planes_.height + 1) / 2;
    pad_plane(planes_.y, planes_.y_stride, planes_.width, planes_.height, padded_height_);
    pad_plane(planes_.u, planes_.uv_stride, chroma_cols, chroma_rows, padded_height_ / 2);
    pad_plane(planes_.v, planes_.uv_stride, chroma_cols, chroma_rows, padded_height_ / 2);
}

}  // namespace camsim
