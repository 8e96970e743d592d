#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace camtwin::pipelines {

// One media segment of an HLS media playlist.
struct hls_entry {
    std::string uri;
    double duration_s = 0;
    std::uint64_t sequence = 0;  // its media sequence number
    std::uint64_t epoch = 0;     // how many discontinuities came before it
};

// The parts of a live media playlist (RFC 8216) that camtwin reads and writes.
struct hls_playlist {
    int target_duration_s = 1;
    std::vector<hls_entry> entries;  // oldest first; a discontinuity lies where the epoch changes
};

// Reads a media playlist as hlssink2 writes it: EXT-X-MEDIA-SEQUENCE numbers the first entry,
// each EXTINF gives the duration of the URI on the next line. Unknown tags and comments are
// skipped; nullopt when the text is not a playlist or an EXTINF cannot be read. Every entry
// gets epoch 0.
std::optional<hls_playlist> parse_hls_playlist(std::string_view text);

// Writes a live media playlist (no EXT-X-ENDLIST): EXT-X-MEDIA-SEQUENCE from the first entry,
// EXT-X-DISCONTINUITY-SEQUENCE from its epoch, and an EXT-X-DISCONTINUITY wherever the epoch
// changes. The target duration is raised to the longest entry, rounded, as the RFC requires.
std::string render_hls_playlist(const hls_playlist& playlist);

}  // namespace camtwin::pipelines
