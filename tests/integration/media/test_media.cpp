// The media pipelines against camsim's RTSP stream, through the camtwin binary: HLS by remux,
// MJPEG encoded once for every viewer, snapshots from the frame cache, and recovery when the
// camera's stream goes away and comes back.

#include <atomic>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../http/http_fixture.hpp"

namespace camtwin::test {
namespace {

using namespace std::chrono_literals;

constexpr auto media_yaml =
    "    stream:\n"
    "      rtsp_url: \"{rtsp}\"\n"
    "      hls: {segment_s: 1, window: 2}\n"
    "      mjpeg: {fps: 5, width: 320, quality: 70}\n"
    "      idle_stop_s: 1\n";  // shorter than the first playlist takes to appear

http_rig::options media_options() {
    http_rig::options options;
    options.device_yaml = media_yaml;
    return options;
}

// The width in a JPEG's start-of-frame header; 0 when there is none.
int jpeg_width(const std::string& jpeg) {
    for (std::size_t at = 2; at + 9 < jpeg.size();) {
        if (static_cast<unsigned char>(jpeg[at]) != 0xFF) {
            return 0;
        }
        const auto marker = static_cast<unsigned char>(jpeg[at + 1]);
        const auto length = (static_cast<unsigned char>(jpeg[at + 2]) << 8) |
                            static_cast<unsigned char>(jpeg[at + 3]);
        if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
            return (static_cast<unsigned char>(jpeg[at + 7]) << 8) |
                   static_cast<unsigned char>(jpeg[at + 8]);
        }
        at += 2 + static_cast<std::size_t>(length);
    }
    return 0;
}

bool is_jpeg(const std::string& bytes) {
    return bytes.size() > 4 && bytes.compare(0, 2, "\xff\xd8") == 0 &&
           bytes.compare(bytes.size() - 2, 2, "\xff\xd9") == 0;
}

std::string stream_state(http_rig& rig) {
    curl_client client;
    const auto status = client.get(rig.main("/devices/cam1/status"));
    const auto body = nlohmann::json::parse(status.body, nullptr, false);
    if (!body.is_object() || !body.contains("stream")) {
        return "";
    }
    return body["stream"]["state"].get<std::string>();
}

// camtwin_pipeline_jpegs_total of cam1: MJPEG frames the pipeline encoded so far.
unsigned long encoded_jpegs(http_rig& rig) {
    curl_client client;
    const auto metrics = client.get(rig.main("/metrics")).body;
    std::smatch match;
    const std::regex series("camtwin_pipeline_jpegs_total\\{device=\"cam1\"\\} ([0-9]+)");
    return std::regex_search(metrics, match, series) ? std::stoul(match[1]) : 0;
}

// The value of one series of camtwin's /metrics, e.g. name{device="cam1"}; -1 when absent.
double metric(http_rig& rig, const std::string& series) {
    curl_client client;
    const auto metrics = client.get(rig.main("/metrics")).body;
    const auto at = metrics.find("\n" + series + " ");
    return at == std::string::npos ? -1 : std::stod(metrics.substr(at + series.size() + 2));
}

// The first video stream's fields as ffprobe reports them.
nlohmann::json probe_video(const std::string& input) {
    const auto probe = run({"/usr/bin/ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                            "-select_streams", "v:0", "-show_streams", "-of", "json", input},
                           {}, 20s);
    REQUIRE(probe.exit_code == 0);
    const auto streams = nlohmann::json::parse(probe.out)["streams"];
    REQUIRE(streams.size() == 1);
    return streams[0];
}

std::vector<std::string> playlist_segments(const std::string& playlist) {
    std::vector<std::string> out;
    const std::regex line("^([0-9]+-[0-9]+\\.ts)\\r?$", std::regex::multiline);
    for (std::sregex_iterator it(playlist.begin(), playlist.end(), line), end; it != end; ++it) {
        out.push_back((*it)[1]);
    }
    return out;
}

long media_sequence(const std::string& playlist) {
    std::smatch match;
    const std::regex tag("#EXT-X-MEDIA-SEQUENCE:([0-9]+)");
    return std::regex_search(playlist, match, tag) ? std::stol(match[1]) : -1;
}

// The media sequence number of the playlist's last segment; -1 when it lists none.
long last_sequence(const std::string& playlist) {
    const auto count = static_cast<long>(playlist_segments(playlist).size());
    return count == 0 ? -1 : media_sequence(playlist) + count - 1;
}

}  // namespace

TEST_CASE("media hls serves the camera's H.264 remuxed, in rotating segments", "[media][slow]") {
    http_rig rig(media_options());
    curl_client client;
    client.set_timeout_ms(30000);

    // The first request starts the pipeline and waits for the first playlist.
    const auto playlist = client.get(rig.main("/hls/cam1/index.m3u8"));
    REQUIRE(playlist.status == 200);
    CHECK(playlist.headers.at("content-type") == "application/vnd.apple.mpegurl");
    CHECK(playlist.headers.at("cache-control") == "no-cache, no-store");
    const auto segments = playlist_segments(playlist.body);
    REQUIRE_FALSE(segments.empty());

    const auto segment = client.get(rig.main("/hls/cam1/" + segments.front()));
    REQUIRE(segment.status == 200);
    CHECK(segment.headers.at("content-type") == "video/mp2t");
    temp_dir dir;
    const auto saved = dir.write("segment.ts", segment.body);

    // No re-encode: the segment carries the camera's own bitstream parameters.
    auto source_url = rig.sim().camera().rtsp;
    source_url.insert(std::string("rtsp://").size(),
                      rig.sim().options().user + ":" + rig.sim().options().password + "@");
    const auto source = probe_video(source_url);
    const auto remuxed = probe_video(saved.string());
    CHECK(remuxed["codec_name"] == "h264");
    CHECK(remuxed["profile"] == source["profile"]);
    CHECK(remuxed["width"] == source["width"]);
    CHECK(remuxed["height"] == source["height"]);
    CHECK(std::stod(remuxed["duration"].get<std::string>()) > 0.5);

    // Segments rotate: the sequence moves on and the folder stays bounded (window 2, max 4).
    const auto first_sequence = media_sequence(playlist.body);
    REQUIRE(eventually(
        [&] {
            return media_sequence(client.get(rig.main("/hls/cam1/index.m3u8")).body) >
                   first_sequence;
        },
        30s));
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(rig.hls_dir())) {
        files += entry.path().extension() == ".ts" ? 1 : 0;
    }
    CHECK(files <= 4);
    // HLS alone costs a remux: nothing was decoded or encoded.
    CHECK(encoded_jpegs(rig) == 0);

    // Only the names the pipeline writes are served.
    CHECK(client.get(rig.main("/hls/cam1/..%2f..%2fcamtwin.yaml")).status == 400);
    CHECK(client.get(rig.main("/hls/cam1/camtwin.yaml")).status == 404);
    CHECK(client.get(rig.main("/hls/cam1/run0001.m3u8")).status == 404);  // hlssink2's own
    CHECK(client.get(rig.main("/hls/nosuch/index.m3u8")).status == 404);
}

TEST_CASE("media an H.265 camera is remuxed to HLS and decoded for MJPEG, with no setting",
          "[media][slow]") {
    auto options = media_options();
    options.camsim_args = {"--codec", "h265"};
    http_rig rig(options);
    curl_client client;
    client.set_timeout_ms(30000);

    const auto playlist = client.get(rig.main("/hls/cam1/index.m3u8"));
    REQUIRE(playlist.status == 200);
    const auto segments = playlist_segments(playlist.body);
    REQUIRE_FALSE(segments.empty());
    const auto segment = client.get(rig.main("/hls/cam1/" + segments.front()));
    REQUIRE(segment.status == 200);
    temp_dir dir;
    const auto remuxed = probe_video(dir.write("segment.ts", segment.body).string());
    CHECK(remuxed["codec_name"] == "hevc");  // passed through, not transcoded to H.264
    CHECK(remuxed["width"] == 1280);

    // The stream may have gone idle meanwhile; a viewer starts it again, and the pictures come
    // from the decoder once it has met a keyframe (camsim sends one every 2 s). Under TSan a
    // start takes several seconds, so viewers come one after another until one sees them.
    CHECK(eventually(
        [&] {
            curl_client viewer;
            viewer.set_timeout_ms(3000);
            std::size_t decoded = 0;
            for (const auto& jpeg :
                 mjpeg_parts(viewer.get(rig.main("/devices/cam1/stream")).body)) {
                decoded += is_jpeg(jpeg) && jpeg_width(jpeg) == 320 ? 1 : 0;
            }
            return decoded >= 3;
        },
        40s));
}

TEST_CASE("media mjpeg frames come from the pipeline, one encode for every viewer",
          "[media][slow]") {
    http_rig rig(media_options());

    constexpr int viewers = 10;
    std::vector<std::vector<std::string>> parts(viewers);
    {
        std::vector<std::thread> threads;
        for (int i = 0; i < viewers; ++i) {
            threads.emplace_back([&, i] {
                curl_client viewer;
                viewer.set_timeout_ms(6000);
                parts[static_cast<std::size_t>(i)] =
                    mjpeg_parts(viewer.get(rig.main("/devices/cam1/stream")).body);
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
    }
    std::size_t from_pipeline = 0;
    for (const auto& viewer_parts : parts) {
        REQUIRE_FALSE(viewer_parts.empty());
        for (const auto& jpeg : viewer_parts) {
            CHECK(is_jpeg(jpeg));
            from_pipeline += jpeg_width(jpeg) == 320 ? 1 : 0;
        }
        // Some seconds at 5 frames a second once the pipeline plays; never more than the rate.
        CHECK(viewer_parts.size() <= 6 * 5 + 2);
    }
    CHECK(from_pipeline >= viewers * 5);

    // Every frame was encoded once: the viewers got more frames than the pipeline made.
    const auto encoded = encoded_jpegs(rig);
    CHECK(encoded > 0);
    CHECK(from_pipeline > encoded);
}

TEST_CASE("media a viewer that stops reading skips frames and slows no one else", "[media][slow]") {
    http_rig::options options;
    // Large frames, so that a viewer that does not read backs up camtwin's writes within a frame.
    options.device_yaml =
        "    stream:\n"
        "      rtsp_url: \"{rtsp}\"\n"
        "      mjpeg: {fps: 10, width: 1280, quality: 95}\n"
        "      idle_stop_s: 1\n";
    http_rig rig(options);
    const std::string skipped =
        R"(camtwin_stream_frames_skipped_total{device="cam1",stream="mjpeg"})";
    const std::string sent = R"(camtwin_stream_bytes_total{device="cam1",stream="mjpeg"})";

    raw_connection stuck(rig.main_port(), 4096);
    REQUIRE(stuck.send("GET /devices/cam1/stream HTTP/1.1\r\nHost: camtwin\r\n\r\n"));
    // It never reads: camtwin keeps one frame in flight to it and skips the rest.
    REQUIRE(eventually([&] { return metric(rig, skipped) > 0; }, 30s));

    // Meanwhile a viewer that reads gets the frames the pipeline encodes while it watches (all
    // but the one or two at each edge of its window), however fast the machine encodes them.
    const auto encoded_before = encoded_jpegs(rig);
    const auto skipped_before = metric(rig, skipped);
    curl_client viewer;
    viewer.set_timeout_ms(4000);
    const auto parts = mjpeg_parts(viewer.get(rig.main("/devices/cam1/stream")).body);
    const auto encoded = encoded_jpegs(rig) - encoded_before;
    INFO(parts.size() << " frames received of " << encoded << " encoded meanwhile");
    CHECK(parts.size() >= 5);
    CHECK(parts.size() + 3 >= encoded * 3 / 4);
    std::size_t received = 0;
    for (const auto& jpeg : parts) {
        CHECK(is_jpeg(jpeg));
        received += jpeg.size();
    }
    // What the reading viewer got is in the bytes sent, headers on top. The stuck one was offered
    // the same frames and kept skipping them (each but the one waiting).
    CHECK(eventually([&] { return metric(rig, sent) >= static_cast<double>(received); }, 5s));
    CHECK(metric(rig, skipped) - skipped_before >= static_cast<double>(parts.size() / 2));
}

TEST_CASE("media capture is served from the running stream without asking the camera",
          "[media][slow]") {
    http_rig rig(media_options());
    std::thread viewer_thread([&] {
        curl_client viewer;
        viewer.set_timeout_ms(15000);
        viewer.get(rig.main("/devices/cam1/stream"));  // holds the pipeline
    });
    // Playing, and the viewer's pictures decoded: the frame cache holds one.
    REQUIRE(eventually([&] { return encoded_jpegs(rig) > 0; }, 15s));

    const auto picture_path = "/isapi/streaming/channels/101/picture";
    const auto asked_before = rig.sim().state()["counters"]["requests"].value(picture_path, 0L);
    curl_client client;
    for (int i = 0; i < 5; ++i) {
        const auto capture = client.get(rig.device("/capture"));
        REQUIRE(capture.status == 200);
        CHECK(capture.headers.at("content-type") == "image/jpeg");
        CHECK(is_jpeg(capture.body));
        CHECK(jpeg_width(capture.body) == 1280);  // the full picture, not the MJPEG size
    }
    const auto asked_after = rig.sim().state()["counters"]["requests"].value(picture_path, 0L);
    CHECK(asked_after == asked_before);
    viewer_thread.join();
}

TEST_CASE("media hls and mjpeg resume by themselves when the camera's stream comes back",
          "[media][slow]") {
    http_rig rig(media_options());
    std::atomic<bool> stop_viewing = false;
    std::atomic<int> frames = 0;
    std::thread viewer_thread([&] {
        while (!stop_viewing) {
            curl_client viewer;
            viewer.set_timeout_ms(2000);
            frames += static_cast<int>(
                mjpeg_parts(viewer.get(rig.main("/devices/cam1/stream")).body).size());
        }
    });
    REQUIRE(eventually([&] { return stream_state(rig) == "playing"; }, 15s));
    curl_client player;
    player.set_timeout_ms(30000);
    std::string playlist;
    REQUIRE(eventually(
        [&] {
            playlist = player.get(rig.main("/hls/cam1/index.m3u8")).body;
            return last_sequence(playlist) >= 0;
        },
        30s));
    const auto sequence_before = media_sequence(playlist);
    const auto last_before = last_sequence(playlist);
    // Segment names start with their run: "<run>-<index>.ts".
    const auto run_of = [](const std::string& name) { return name.substr(0, name.find('-')); };
    const auto first_run = run_of(playlist_segments(playlist).front());

    curl_client control;
    REQUIRE(control.put(rig.sim().camera().control + "/faults", R"({"stream":false})").status ==
            200);
    REQUIRE(eventually([&] { return stream_state(rig) == "retrying"; }, 20s));
    // While the camera is away, players still get the segments so far.
    const auto away = player.get(rig.main("/hls/cam1/index.m3u8"));
    CHECK(away.status == 200);
    CHECK(last_sequence(away.body) >= last_before);
    REQUIRE(control.put(rig.sim().camera().control + "/faults", R"({"stream":true})").status ==
            200);
    REQUIRE(eventually([&] { return stream_state(rig) == "playing"; }, 40s));
    const int before = frames;
    REQUIRE(eventually([&] { return frames > before + 5; }, 10s));

    // The playlist goes on from where it was, numbered on, with a discontinuity where the new
    // run begins (or, once that scrolled out of the window, the discontinuity sequence says so).
    REQUIRE(eventually(
        [&] {
            playlist = player.get(rig.main("/hls/cam1/index.m3u8")).body;
            const auto names = playlist_segments(playlist);
            return !names.empty() && run_of(names.back()) != first_run;
        },
        30s));
    CHECK(last_sequence(playlist) > last_before);
    INFO("before: " << sequence_before << ".." << last_before << ", now:\n" << playlist);
    CHECK(media_sequence(playlist) >= sequence_before);
    CHECK(playlist.find("#EXT-X-DISCONTINUITY") != std::string::npos);
    for (const auto& name : playlist_segments(playlist)) {
        CHECK(player.get(rig.main("/hls/cam1/" + name)).status == 200);
    }
    stop_viewing = true;
    viewer_thread.join();
}

}  // namespace camtwin::test
