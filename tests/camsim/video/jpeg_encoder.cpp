#include "jpeg_encoder.hpp"

#include <algorithm>
#include <array>
#include <csetjmp>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

// libjpeg's header needs FILE and size_t declared first.
#include <jpeglib.h>

namespace camsim {

namespace {

// libjpeg reports fatal errors through error_exit, which must not return: it jumps back to
// compress() instead. compress() therefore has no locals of its own; everything it touches lives
// in this state, owned by its caller, so nothing is left indeterminate by the jump.
struct error_manager {
    jpeg_error_mgr base{};
    std::jmp_buf jump{};
    std::array<char, JMSG_LENGTH_MAX> message{};
};

struct compress_state {
    jpeg_compress_struct info{};
    error_manager errors{};
    unsigned char* out = nullptr;
    unsigned long size = 0;
};

void on_error(j_common_ptr info) {
    auto* errors = reinterpret_cast<error_manager*>(info->err);
    errors->base.format_message(info, errors->message.data());
    std::longjmp(errors->jump, 1);
}

void configure(jpeg_compress_struct& info, const i420_planes& planes, int quality) {
    info.image_width = static_cast<JDIMENSION>(planes.width);
    info.image_height = static_cast<JDIMENSION>(planes.height);
    info.input_components = 3;
    info.in_color_space = JCS_YCbCr;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, std::clamp(quality, 1, 100), TRUE);
    info.raw_data_in = TRUE;
    info.dct_method = JDCT_IFAST;
    info.comp_info[0].h_samp_factor = 2;
    info.comp_info[0].v_samp_factor = 2;
    for (int c = 1; c < 3; ++c) {
        info.comp_info[c].h_samp_factor = 1;
        info.comp_info[c].v_samp_factor = 1;
    }
}

// Feeds one 16-row band of macroblocks: 16 luma rows and 8 rows of each chroma plane.
void write_band(jpeg_compress_struct& info, const i420_planes& planes, int first_row) {
    std::array<JSAMPROW, 16> y_rows{};
    std::array<JSAMPROW, 8> u_rows{};
    std::array<JSAMPROW, 8> v_rows{};
    for (int i = 0; i < 16; ++i) {
        y_rows[static_cast<std::size_t>(i)] =
            planes.y + static_cast<std::ptrdiff_t>(first_row + i) * planes.y_stride;
    }
    for (int i = 0; i < 8; ++i) {
        const int row = first_row / 2 + i;
        u_rows[static_cast<std::size_t>(i)] =
            planes.u + static_cast<std::ptrdiff_t>(row) * planes.uv_stride;
        v_rows[static_cast<std::size_t>(i)] =
            planes.v + static_cast<std::ptrdiff_t>(row) * planes.uv_stride;
    }
    std::array<JSAMPARRAY, 3> components{y_rows.data(), u_rows.data(), v_rows.data()};
    jpeg_write_raw_data(&info, components.data(), 16);
}

// Returns false with errors.message set when libjpeg failed; state.out is malloc'ed by libjpeg.
bool compress(const i420_image& image, int quality, compress_state& state) {
    state.info.err = jpeg_std_error(&state.errors.base);
    state.errors.base.error_exit = &on_error;
    if (setjmp(state.errors.jump) != 0) {
        jpeg_destroy_compress(&state.info);
        return false;
    }
    jpeg_create_compress(&state.info);
    jpeg_mem_dest(&state.info, &state.out, &state.size);
    configure(state.info, image.planes(), quality);

    jpeg_start_compress(&state.info, TRUE);
    for (int row = 0; row < image.padded_height(); row += 16) {
        write_band(state.info, image.planes(), row);
    }
    jpeg_finish_compress(&state.info);
    jpeg_destroy_compress(&state.info);
    return true;
}

}  // namespace

std::string jpeg_encoder::encode(const i420_image& image, int quality) {
    compress_state state{};
    const bool ok = compress(image, quality, state);

    std::string result;
    if (ok && state.out != nullptr) {
        result.assign(reinterpret_cast<const char*>(state.out), state.size);
    }
    std::free(state.out);
    if (!ok) {
        throw std::runtime_error(std::string("JPEG encoding failed: ") +
                                 state.errors.message.data());
    }
    return result;
}

}  // namespace camsim
