#include <catch2/catch.hpp>

#include "pipelines/rtp_video_input.hpp"

namespace camtwin::pipelines {

TEST_CASE("codec_for_encoding knows H.264 and H.265 by their RTP names", "[pipelines]") {
    const auto h264 = codec_for_encoding("H264");
    REQUIRE(h264);
    CHECK(h264->depayloader == "rtph264depay");
    CHECK(h264->parser == "h264parse");
    const auto h265 = codec_for_encoding("h265");  // SDP names compare without case
    REQUIRE(h265);
    CHECK(h265->name == "H.265");
    CHECK(h265->depayloader == "rtph265depay");
    CHECK(h265->parser == "h265parse");
}

TEST_CASE("codec_for_encoding refuses what camtwin does not read", "[pipelines]") {
    CHECK_FALSE(codec_for_encoding("MP4V-ES"));
    CHECK_FALSE(codec_for_encoding("JPEG"));
    CHECK_FALSE(codec_for_encoding(""));
    CHECK_FALSE(codec_for_encoding("H2645"));
}

}  // namespace camtwin::pipelines
