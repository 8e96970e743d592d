#include "jpeg_test_decoder.hpp"

#include <array>
#include <csetjmp>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <jpeglib.h>
#include <memory>
#include <utility>

namespace camsim::test {

namespace {

// Everything the setjmp frame touches lives here, owned by the caller (see jpeg_encoder.cpp).
struct decode_state {
    jpeg_decompress_struct info{};
    jpeg_error_mgr errors{};
    std::jmp_buf jump{};
    std::array<char, JMSG_LENGTH_MAX> message{};
    rgb_image image;
};

void on_error(j_common_ptr info) {
    auto* state = static_cast<decode_state*>(info->client_data);
    state->errors.format_message(info, state->message.data());
    std::longjmp(state->jump, 1);
}

bool decode(const std::string& jpeg, decode_state& state) {
    state.info.err = jpeg_std_error(&state.errors);
    state.errors.error_exit = &on_error;
    state.info.client_data = &state;
    if (setjmp(state.jump) != 0) {
        jpeg_destroy_decompress(&state.info);
        return false;
    }
    jpeg_create_decompress(&state.info);
    jpeg_mem_src(&state.info, reinterpret_cast<const unsigned char*>(jpeg.data()),
                 static_cast<unsigned long>(jpeg.size()));
    jpeg_read_header(&state.info, TRUE);
    state.info.out_color_space = JCS_RGB;
    jpeg_start_decompress(&state.info);

    state.image.width = static_cast<int>(state.info.output_width);
    state.image.height = static_cast<int>(state.info.output_height);
    const std::size_t row_size = 3 * static_cast<std::size_t>(state.info.output_width);
    state.image.pixels.resize(row_size * state.info.output_height);
    while (state.info.output_scanline < state.info.output_height) {
        JSAMPROW row = state.image.pixels.data() + row_size * state.info.output_scanline;
        jpeg_read_scanlines(&state.info, &row, 1);
    }
    jpeg_finish_decompress(&state.info);
    jpeg_destroy_decompress(&state.info);
    return true;
}

}  // namespace

double rgb_image::difference(const rgb_image& other) const {
    if (pixels.size() != other.pixels.size() || pixels.empty()) {
        return 255.0;
    }
    double sum = 0;
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        sum += std::abs(int{pixels[i]} - int{other.pixels[i]});
    }
    return sum / static_cast<double>(pixels.size());
}

std::optional<rgb_image> decode_jpeg(const std::string& jpeg, std::string* error) {
    auto state = std::make_unique<decode_state>();
    if (!decode(jpeg, *state)) {
        if (error != nullptr) {
            *error = state->message.data();
        }
        return std::nullopt;
    }
    return std::move(state->image);
}

}  // namespace camsim::test
