#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "gst_handles.hpp"
#include "jpeg_test_decoder.hpp"

namespace camsim::test {

// An in-process RTSP viewer for tests: rtspsrc over TCP, decodebin, RGB frames into an appsink.
// Playback starts on construction. Not thread-safe: one test thread owns it.
class rtsp_test_client {
public:
    explicit rtsp_test_client(const std::string& url);
    ~rtsp_test_client();

    rtsp_test_client(const rtsp_test_client&) = delete;
    rtsp_test_client& operator=(const rtsp_test_client&) = delete;

    // The next decoded frame, or nullopt when none came within the timeout or the stream ended.
    std::optional<rgb_image> next_frame(std::chrono::milliseconds timeout);

    // Waits for the end of the stream: "eos", or "error: <text>" for an error message on the
    // bus; nullopt when neither came within the timeout.
    std::optional<std::string> wait_for_end(std::chrono::milliseconds timeout);

private:
    gst::element_ptr pipeline_;
    gst::element_ptr sink_;
};

// rtsp://user:password@127.0.0.1:port/path
std::string rtsp_url(int port, const std::string& path, const std::string& user = "admin",
                     const std::string& password = "secret");

}  // namespace camsim::test
