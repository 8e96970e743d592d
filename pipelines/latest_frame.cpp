#include "pipelines/latest_frame.hpp"

#include <gst/video/video.h>

namespace camtwin::pipelines {

void latest_frame::keep(gst::sample_ptr sample) {
    const auto now = clock::now();
    const std::lock_guard lock(mutex_);
    sample_ = std::move(sample);  // the previous sample is released here, under the lock
    arrived_ = now;
}

void latest_frame::clear() {
    const std::lock_guard lock(mutex_);
    sample_.reset();
}

std::optional<latest_frame::clock::time_point> latest_frame::arrived() const {
    const std::lock_guard lock(mutex_);
    if (!sample_) {
        return std::nullopt;
    }
    return arrived_;
}

std::optional<std::string> latest_frame::jpeg(std::chrono::milliseconds max_age) const {
    gst::sample_ptr sample;
    {
        const std::lock_guard lock(mutex_);
        if (!sample_ || clock::now() - arrived_ > max_age) {
            return std::nullopt;
        }
        sample.reset(gst_sample_ref(sample_.get()));  // encode outside the lock
    }
    // gst_video_convert_sample runs a small videoconvert ! jpegenc pipeline of GStreamer's own.
    const gst::caps_ptr caps = gst::caps_from_string("image/jpeg");
    GError* err = nullptr;
    const gst::sample_ptr encoded(
        gst_video_convert_sample(sample.get(), caps.get(), 2 * GST_SECOND, &err));
    gst::throw_if_error(err, "encoding the latest frame");
    gst::require(encoded.get(), "encoding the latest frame");
    GstBuffer* buffer = gst::require(gst_sample_get_buffer(encoded.get()), "the encoded frame");
    GstMapInfo map;
    if (gst_buffer_map(buffer, &map, GST_MAP_READ) == 0) {
        throw gst::error("mapping the encoded frame failed");
    }
    std::string out(reinterpret_cast<const char*>(map.data), map.size);
    gst_buffer_unmap(buffer, &map);
    return out;
}

}  // namespace camtwin::pipelines
