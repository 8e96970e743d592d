#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "pipelines/gst_handles.hpp"

namespace camtwin::pipelines {

// The newest decoded picture of a running stream, kept as GStreamer's sample (no copy) with the
// time it arrived, so that a snapshot costs one JPEG encode instead of a camera request or a
// wait for the next keyframe.
//
// Threads: keep() runs on a streaming thread, jpeg() on a worker; both are safe anywhere.
class latest_frame {
public:
    using clock = std::chrono::steady_clock;

    void keep(gst::sample_ptr sample);
    void clear();

    // The picture as a JPEG (GStreamer's jpegenc at its default quality, 85) when one younger
    // than max_age is held; nullopt otherwise. Blocks for the encode, so not on the event loop.
    // Throws gst::error when the encode fails.
    std::optional<std::string> jpeg(std::chrono::milliseconds max_age) const;

    std::optional<clock::time_point> arrived() const;

private:
    mutable std::mutex mutex_;
    gst::sample_ptr sample_;
    clock::time_point arrived_{};
};

}  // namespace camtwin::pipelines
