#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace camsim::test {

struct rgb_image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // RGB, rows packed

    // Mean absolute difference of all samples, 0..255; the images must have the same size.
    double difference(const rgb_image& other) const;
};

// Decodes a JPEG with libjpeg; nullopt (with the reason in *error) when it is not a valid one.
std::optional<rgb_image> decode_jpeg(const std::string& jpeg, std::string* error = nullptr);

}  // namespace camsim::test
