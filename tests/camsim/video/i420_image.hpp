#pragma once

#include <cstdint>
#include <vector>

namespace camsim {

// Where a renderer writes one I420 picture: full-size luma, chroma halved in both directions
// (rounded up). The memory belongs to someone else (a GstBuffer or an i420_image).
struct i420_planes {
    std::uint8_t* y = nullptr;
    std::uint8_t* u = nullptr;
    std::uint8_t* v = nullptr;
    int y_stride = 0;
    int uv_stride = 0;
    int width = 0;
    int height = 0;
};

// An owned I420 picture whose planes are padded to whole 16x16 macroblocks, the layout a JPEG
// encoder reads in raw mode. pad_edges() fills the padding by repeating the last row and column.
class i420_image {
public:
    i420_image(int width, int height);

    // planes_ points into data_: a copy would point into the original, a move keeps the buffer.
    i420_image(const i420_image&) = delete;
    i420_image& operator=(const i420_image&) = delete;
    i420_image(i420_image&&) noexcept = default;
    i420_image& operator=(i420_image&&) noexcept = default;

    i420_planes planes();
    const i420_planes& planes() const { return planes_; }

    int padded_height() const { return padded_height_; }

    void pad_edges();

private:
    std::vector<std::uint8_t> data_;
    i420_planes planes_;
    int padded_height_ = 0;
};

}  // namespace camsim
