#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace camtwin::pipelines {

// What one camera's media pipeline is built from: plain data, filled by the service from the
// device's config. The password only ever goes into rtspsrc's user-pw property, never into a URL,
// a log line or a metric.
struct stream_options {
    std::string device;    // for log lines
    std::string rtsp_url;  // without credentials
    std::string username;
    std::string password;

    bool hls = true;
    std::filesystem::path hls_dir;  // this device's folder, which only this stream writes
    int segment_s = 1;
    int window = 6;  // segments in the playlist

    int mjpeg_fps = 5;
    int mjpeg_width = 640;
    int mjpeg_quality = 80;

    // How long the pipeline keeps running after its last consumer left; zero: always on.
    std::chrono::seconds idle_stop{30};
    // Retries after a failure wait from first_retry, doubling up to max_retry, with jitter.
    std::chrono::milliseconds first_retry{1000};
    std::chrono::milliseconds max_retry{30000};
    // A playing pipeline that delivers no frame for this long is restarted: some cameras keep
    // the RTSP session open but stop sending.
    std::chrono::seconds stall_timeout{10};
};

}  // namespace camtwin::pipelines
