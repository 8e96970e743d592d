#include <fstream>
#include <set>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/printf.h>

#include "pipelines/hls_playlist.hpp"
#include "pipelines/hls_timeline.hpp"
#include "support/temp_dir.hpp"

namespace camtwin::pipelines {
namespace {

// Plays hlssink2's part for one run: writes segments first..last (inclusive) with the playlist
// listing the last `listed` of them, as hlssink2 does with playlist-length.
void write_run(const hls_timeline::run_files& files, int first, int last, int listed) {
    std::string playlist = fmt::format(
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:{}\n"
        "#EXT-X-TARGETDURATION:1\n\n",
        std::max(first, last - listed + 1));
    for (int i = first; i <= last; ++i) {
        const auto name = fmt::sprintf(files.segments.filename().string(), i);  // hlssink2's %05d
        std::ofstream(files.segments.parent_path() / name) << "ts";
        if (i > last - listed) {
            playlist += "#EXTINF:1,\n" + name + "\n";
        }
    }
    std::ofstream(files.playlist) << playlist;
}

hls_playlist served(const hls_timeline& timeline) {
    const auto text = timeline.playlist();
    REQUIRE(text);
    const auto parsed = parse_hls_playlist(*text);
    REQUIRE(parsed);
    return *parsed;
}

std::set<std::string> files_in(const std::filesystem::path& dir) {
    std::set<std::string> out;
    for (const auto& file : std::filesystem::directory_iterator(dir)) {
        out.insert(file.path().filename().string());
    }
    return out;
}

}  // namespace

TEST_CASE("hls_timeline has no playlist before the first segment", "[pipelines]") {
    test::temp_dir dir;
    hls_timeline timeline(dir.path() / "cam1", 3, 1);
    CHECK_FALSE(timeline.playlist());
    timeline.begin_run();
    CHECK_FALSE(timeline.playlist());  // hlssink2 has not written its playlist yet
}

TEST_CASE("hls_timeline numbers a new run on, after a discontinuity", "[pipelines]") {
    test::temp_dir dir;
    hls_timeline timeline(dir.path() / "cam1", 3, 1);
    const auto first = timeline.begin_run();
    write_run(first, 0, 4, 3);  // hlssink2 lists 2, 3, 4
    CHECK(served(timeline).entries.front().sequence == 2);
    timeline.end_run();  // the camera went away

    // Between runs, players still see the last segments.
    const auto between = served(timeline);
    REQUIRE(between.entries.size() == 3);
    CHECK(between.entries.back().sequence == 4);

    const auto second = timeline.begin_run();
    write_run(second, 0, 1, 3);
    const auto text = *timeline.playlist();
    const auto after = served(timeline);
    REQUIRE(after.entries.size() == 3);
    CHECK(after.entries[0].uri == "0001-00004.ts");
    CHECK(after.entries[0].sequence == 4);
    CHECK(after.entries[1].uri == "0002-00000.ts");
    CHECK(after.entries[1].sequence == 5);  // numbered on, never back to 0
    CHECK(after.entries[2].sequence == 6);
    CHECK(text.find("0001-00004.ts\n#EXT-X-DISCONTINUITY\n#EXTINF") != std::string::npos);

    // Once the old run scrolled out, the discontinuity sequence counts the tag that left.
    write_run(second, 0, 4, 3);
    const auto later = *timeline.playlist();
    CHECK(later.find("#EXT-X-DISCONTINUITY-SEQUENCE:1\n") != std::string::npos);
    CHECK(later.find("#EXT-X-DISCONTINUITY\n") == std::string::npos);
    CHECK(served(timeline).entries.front().sequence == 7);
}

TEST_CASE("hls_timeline skips a run that wrote nothing", "[pipelines]") {
    test::temp_dir dir;
    hls_timeline timeline(dir.path() / "cam1", 4, 1);
    write_run(timeline.begin_run(), 0, 1, 4);
    timeline.end_run();
    timeline.begin_run();  // the camera refused: no segment, no playlist
    timeline.end_run();
    write_run(timeline.begin_run(), 0, 0, 4);
    const auto text = *timeline.playlist();
    CHECK(served(timeline).entries.size() == 3);
    CHECK(served(timeline).entries.back().sequence == 2);
    // One discontinuity: the empty run left no mark.
    CHECK(text.find("#EXT-X-DISCONTINUITY\n") == text.rfind("#EXT-X-DISCONTINUITY\n"));
}

TEST_CASE("hls_timeline deletes what left the window and what it never listed", "[pipelines]") {
    test::temp_dir dir;
    const auto folder = dir.path() / "cam1";
    hls_timeline timeline(folder, 2, 1);
    write_run(timeline.begin_run(), 0, 5, 2);  // 0-3 are old files hlssink2 would have deleted
    std::ofstream(folder / "0001-00006.ts") << "half";  // cut off mid-segment
    timeline.end_run();
    CHECK(files_in(folder) == std::set<std::string>{"0001-00004.ts", "0001-00005.ts"});

    timeline.reset();  // idle: nobody watches
    CHECK(files_in(folder).empty());
    CHECK_FALSE(timeline.playlist());

    // Numbering goes on after a reset.
    write_run(timeline.begin_run(), 0, 0, 2);
    const auto after = served(timeline);
    REQUIRE(after.entries.size() == 1);
    CHECK(after.entries[0].sequence == 6);
    CHECK(after.entries[0].epoch == 0);  // parse_hls_playlist does not read epochs back
    CHECK(timeline.playlist()->find("#EXT-X-DISCONTINUITY-SEQUENCE:1\n") != std::string::npos);
}

TEST_CASE("hls_timeline reads back a listed segment and nothing else", "[pipelines]") {
    test::temp_dir dir;
    const auto folder = dir.path() / "cam1";
    hls_timeline timeline(folder, 2, 1);
    write_run(timeline.begin_run(), 0, 0, 2);
    std::ofstream(folder / "camtwin.yaml") << "secret";
    CHECK(timeline.segment("0001-00000.ts") == "ts");
    CHECK_FALSE(timeline.segment("0001-00009.ts"));  // gone, or never written
    CHECK_FALSE(timeline.segment("camtwin.yaml"));
    CHECK_FALSE(timeline.segment("run0001.m3u8"));
}

TEST_CASE("hls_timeline serves only names of its own form", "[pipelines]") {
    CHECK(hls_timeline::is_segment_name("0001-00000.ts"));
    CHECK(hls_timeline::is_segment_name("12345-1234567.ts"));
    CHECK_FALSE(hls_timeline::is_segment_name("run0001.m3u8"));
    CHECK_FALSE(hls_timeline::is_segment_name("0001-.ts"));
    CHECK_FALSE(hls_timeline::is_segment_name("-00000.ts"));
    CHECK_FALSE(hls_timeline::is_segment_name("0001-00000.ts.bak"));
    CHECK_FALSE(hls_timeline::is_segment_name("../0001-00000.ts"));
    CHECK_FALSE(hls_timeline::is_segment_name("0001-0000x.ts"));
    CHECK_FALSE(hls_timeline::is_segment_name("00000000001-00000.ts"));
}

// A playlist written by something else (or garbled) lists only names of the timeline's form.
TEST_CASE("hls_timeline ignores entries that are not its segments", "[pipelines]") {
    test::temp_dir dir;
    hls_timeline timeline(dir.path() / "cam1", 3, 1);
    const auto files = timeline.begin_run();
    std::ofstream(files.playlist) << "#EXTM3U\n#EXTINF:1,\n../../etc/passwd\n#EXTINF:1,\n"
                                     "http://elsewhere/0001-00000.ts\n#EXTINF:1,\n0001-00001.ts\n";
    const auto parsed = served(timeline);
    REQUIRE(parsed.entries.size() == 2);
    CHECK(parsed.entries[0].uri == "0001-00000.ts");  // the file name only, served from here
    CHECK(parsed.entries[1].uri == "0001-00001.ts");
}

}  // namespace camtwin::pipelines
