#include <catch2/catch.hpp>

#include "pipelines/hls_playlist.hpp"

namespace camtwin::pipelines {
namespace {

// What GStreamer 1.22's hlssink2 wrote for three segments of a test pattern, window 3.
constexpr std::string_view hlssink2_output =
    "#EXTM3U\n"
    "#EXT-X-VERSION:3\n"
    "#EXT-X-MEDIA-SEQUENCE:1\n"
    "#EXT-X-TARGETDURATION:1\n"
    "\n"
    "#EXTINF:1,\n"
    "0001-00001.ts\n"
    "#EXTINF:1,\n"
    "0001-00002.ts\n"
    "#EXTINF:0.95999997854232788,\n"
    "0001-00003.ts\n"
    "#EXT-X-ENDLIST\n";

}  // namespace

TEST_CASE("parse_hls_playlist reads hlssink2's playlist", "[pipelines]") {
    const auto parsed = parse_hls_playlist(hlssink2_output);
    REQUIRE(parsed);
    CHECK(parsed->target_duration_s == 1);
    REQUIRE(parsed->entries.size() == 3);
    CHECK(parsed->entries[0].uri == "0001-00001.ts");
    CHECK(parsed->entries[0].sequence == 1);
    CHECK(parsed->entries[2].sequence == 3);
    CHECK(parsed->entries[2].duration_s == Approx(0.96));
}

TEST_CASE("parse_hls_playlist takes CRLF lines and skips unknown tags", "[pipelines]") {
    const auto parsed = parse_hls_playlist(
        "#EXTM3U\r\n#EXT-X-MEDIA-SEQUENCE:7\r\n#EXT-X-PROGRAM-DATE-TIME:2026-12-04T10:00:00Z\r\n"
        "#EXTINF:2.0,title\r\na.ts\r\n");
    REQUIRE(parsed);
    REQUIRE(parsed->entries.size() == 1);
    CHECK(parsed->entries[0].uri == "a.ts");
    CHECK(parsed->entries[0].sequence == 7);
    CHECK(parsed->entries[0].duration_s == Approx(2.0));
}

TEST_CASE("parse_hls_playlist refuses what is not a playlist", "[pipelines]") {
    CHECK_FALSE(parse_hls_playlist(""));
    CHECK_FALSE(parse_hls_playlist("<html>"));
    CHECK_FALSE(parse_hls_playlist("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:x\n"));
    CHECK_FALSE(parse_hls_playlist("#EXTM3U\n#EXTINF:-1,\na.ts\n"));
    CHECK_FALSE(parse_hls_playlist("#EXTM3U\n#EXTINF:nan,\na.ts\n"));
    // A half-written file: the EXTINF without its URI is not an entry.
    const auto cut = parse_hls_playlist("#EXTM3U\n#EXTINF:1,\na.ts\n#EXTINF:1,\n");
    REQUIRE(cut);
    CHECK(cut->entries.size() == 1);
}

TEST_CASE("render_hls_playlist marks discontinuities and numbers on", "[pipelines]") {
    hls_playlist playlist;
    playlist.target_duration_s = 1;
    playlist.entries = {
        {"0001-00004.ts", 1.0, 4, 2}, {"0002-00000.ts", 1.2, 5, 3}, {"0002-00001.ts", 1.0, 6, 3}};
    CHECK(render_hls_playlist(playlist) ==
          "#EXTM3U\n"
          "#EXT-X-VERSION:3\n"
          "#EXT-X-TARGETDURATION:1\n"
          "#EXT-X-MEDIA-SEQUENCE:4\n"
          "#EXT-X-DISCONTINUITY-SEQUENCE:2\n"
          "#EXTINF:1.000,\n0001-00004.ts\n"
          "#EXT-X-DISCONTINUITY\n"
          "#EXTINF:1.200,\n0002-00000.ts\n"
          "#EXTINF:1.000,\n0002-00001.ts\n");
}

TEST_CASE("render_hls_playlist raises the target duration to the longest segment", "[pipelines]") {
    hls_playlist playlist;
    playlist.target_duration_s = 1;
    playlist.entries = {{"a.ts", 2.6, 0, 0}};
    const auto text = render_hls_playlist(playlist);
    CHECK(text.find("#EXT-X-TARGETDURATION:3\n") != std::string::npos);
    CHECK(text.find("DISCONTINUITY") == std::string::npos);
    // What it writes, it reads back.
    const auto again = parse_hls_playlist(text);
    REQUIRE(again);
    CHECK(again->entries.size() == 1);
    CHECK(again->target_duration_s == 3);
}

}  // namespace camtwin::pipelines
