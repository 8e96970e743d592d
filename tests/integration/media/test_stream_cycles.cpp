// camera_stream started and stopped over and over against camsim's RTSP stream: every cycle must
// reach the camera's frames and leave no pipeline, thread or memory behind (the sanitizer runs
// of scripts/test check the memory with LeakSanitizer).

#include <filesystem>
#include <memory>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "pipelines/camera_stream.hpp"
#include "support/camsim_process.hpp"
#include "support/temp_dir.hpp"

namespace camtwin::test {
namespace {

using namespace std::chrono_literals;

std::size_t thread_count() {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry :
         std::filesystem::directory_iterator("/proc/self/task")) {
        ++count;
    }
    return count;
}

pipelines::stream_options options_for(const camsim_process& sim, const temp_dir& dir) {
    pipelines::stream_options options;
    options.device = "cam1";
    options.rtsp_url = sim.camera().rtsp;
    options.username = sim.options().user;
    options.password = sim.options().password;
    options.hls_dir = dir.path() / "cam1";
    return options;
}

// Waits (at most `limit`) until the thread count has held still for half a second. GLib ends the
// streaming threads a pipeline handed back to its pool beyond the few it keeps, shortly after
// the pipeline stopped. The test must not end while they do: LeakSanitizer's check at exit stops
// every thread, and a thread exiting at that instant crashed its tracer once in CI ("Tracer
// caught signal 11").
std::size_t settled_thread_count(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    auto count = thread_count();
    auto since = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() < deadline &&
           std::chrono::steady_clock::now() - since < 500ms) {
        std::this_thread::sleep_for(50ms);
        if (const auto now = thread_count(); now != count) {
            count = now;
            since = std::chrono::steady_clock::now();
        }
    }
    return count;
}

// Runs the loop until the stream has received frames from the camera, or the timeout passes.
bool run_until_frames(boost::asio::io_context& loop, const pipelines::camera_stream& stream,
                      std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (stream.status().frames_in == 0 && std::chrono::steady_clock::now() < deadline) {
        loop.run_for(20ms);
    }
    return stream.status().frames_in > 0;
}

}  // namespace

// Stopping right after the first frame is what exposed a splitmuxsink deadlock at NULL
// (docs/pipelines.md); the workaround is in stream_pipeline. TODO(#7): the TSan run of
// scripts/test still leaves this test out (CMakePresets.json); run it there once.
TEST_CASE("media camera_stream survives 100 start and stop cycles without leaking",
          "[media][slow]") {
    camsim_process sim(CAMSIM_BINARY);
    temp_dir dir;
    auto log =
        std::make_shared<spdlog::logger>("media", std::make_shared<spdlog::sinks::null_sink_mt>());
    constexpr int cycles = 100;

    std::size_t threads_after_first = 0;
    for (int cycle = 0; cycle < cycles; ++cycle) {
        boost::asio::io_context loop;
        auto stream = std::make_shared<pipelines::camera_stream>(loop, options_for(sim, dir), log);
        stream->hold();  // an MJPEG viewer: the whole pipeline runs, decoder included
        REQUIRE(run_until_frames(loop, *stream, 10s));
        stream->release();
        stream->shutdown();
        CHECK(stream->status().phase == pipelines::stream_phase::stopped);
        stream.reset();
        loop.run_for(10ms);  // posts still queued from the last run find the stream gone
        if (cycle == 0) {
            threads_after_first = thread_count();
        }
    }
    // GStreamer keeps a few pooled threads after the first run; later runs must not add more.
    CHECK(settled_thread_count(10s) <= threads_after_first + 2);
}

}  // namespace camtwin::test
