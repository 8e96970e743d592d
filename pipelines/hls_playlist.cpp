#include "pipelines/hls_playlist.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace camtwin::pipelines {
namespace {

constexpr std::string_view media_sequence_tag = "#EXT-X-MEDIA-SEQUENCE:";
constexpr std::string_view target_duration_tag = "#EXT-X-TARGETDURATION:";
constexpr std::string_view extinf_tag = "#EXTINF:";

template <typename Number>
std::optional<Number> number_at_start(std::string_view text) {
    Number value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data()) {
        return std::nullopt;
    }
    return value;
}

std::string_view trim_line(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
        line.remove_suffix(1);
    }
    return line;
}

}  // namespace

std::optional<hls_playlist> parse_hls_playlist(std::string_view text) {
    if (!text.starts_with("#EXTM3U")) {
        return std::nullopt;
    }
    hls_playlist out;
    std::uint64_t sequence = 0;
    constexpr double none = -1;
    double pending_duration = none;  // an EXTINF's duration, waiting for its URI line
    while (!text.empty()) {
        const auto newline = text.find('\n');
        const auto line = trim_line(text.substr(0, newline));
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);

        if (line.starts_with(media_sequence_tag)) {
            const auto value =
                number_at_start<std::uint64_t>(line.substr(media_sequence_tag.size()));
            if (!value) {
                return std::nullopt;
            }
            sequence = *value;
        } else if (line.starts_with(target_duration_tag)) {
            out.target_duration_s =
                number_at_start<int>(line.substr(target_duration_tag.size())).value_or(1);
        } else if (line.starts_with(extinf_tag)) {
            pending_duration =
                number_at_start<double>(line.substr(extinf_tag.size())).value_or(none);
            if (!std::isfinite(pending_duration) || pending_duration < 0) {
                return std::nullopt;
            }
        } else if (!line.empty() && !line.starts_with('#') && pending_duration != none) {
            out.entries.push_back({std::string(line), pending_duration, sequence++, 0});
            pending_duration = none;
        }
    }
    return out;
}

std::string render_hls_playlist(const hls_playlist& playlist) {
    int target = std::max(playlist.target_duration_s, 1);
    for (const auto& entry : playlist.entries) {
        target = std::max(target, static_cast<int>(std::lround(entry.duration_s)));
    }
    const auto first_sequence = playlist.entries.empty() ? 0 : playlist.entries.front().sequence;
    const auto first_epoch = playlist.entries.empty() ? 0 : playlist.entries.front().epoch;

    std::string out = fmt::format(
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:{}\n#EXT-X-MEDIA-SEQUENCE:{}\n", target,
        first_sequence);
    if (first_epoch > 0) {
        out += fmt::format("#EXT-X-DISCONTINUITY-SEQUENCE:{}\n", first_epoch);
    }
    for (std::size_t i = 0; i < playlist.entries.size(); ++i) {
        const auto& entry = playlist.entries[i];
        if (i > 0 && entry.epoch != playlist.entries[i - 1].epoch) {
            out += "#EXT-X-DISCONTINUITY\n";
        }
        out += fmt::format("#EXTINF:{:.3f},\n{}\n", entry.duration_s, entry.uri);
    }
    return out;
}

}  // namespace camtwin::pipelines
