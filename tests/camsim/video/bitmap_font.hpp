#pragma once

namespace camsim {

// A tiny 5x7 bitmap font for the picture: digits, the letters of the position overlay
// ("AZ", "EL", "Z", "x") and the punctuation of a date and time. Unknown characters are blank.
class bitmap_font {
public:
    static constexpr int glyph_width = 5;
    static constexpr int glyph_height = 7;

    // Whether the pixel at column col (0 = left) and row row (0 = top) of c's glyph is set.
    // Coordinates outside the glyph are unset.
    static bool pixel(char c, int col, int row);
};

}  // namespace camsim
