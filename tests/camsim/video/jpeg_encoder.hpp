#pragma once

#include <string>

#include "i420_image.hpp"

namespace camsim {

// Encodes an I420 picture (full-range levels, planes padded as i420_image pads them) as a
// baseline JFIF JPEG with libjpeg-turbo, feeding the planes in raw mode so that no colour
// conversion runs. Thread-safe: every call has its own encoder state. Throws std::runtime_error
// with libjpeg's message on failure.
class jpeg_encoder {
public:
    static std::string encode(const i420_image& image, int quality);
};

}  // namespace camsim
