#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <gst/video/video-info.h>

#include "frame_source.hpp"
#include "gst_handles.hpp"
#include "scene_renderer.hpp"

namespace camsim {

// The size, rate and codec of one stream.
struct stream_format {
    int width = 1280;
    int height = 720;
    int fps = 15;
    std::string codec = "h264";  // or "h265"
};

// Feeds one media's appsrc with rendered I420 frames at the stream's rate: on each need-data it
// waits for the next frame slot, asks the frame_source for the view (once per frame), renders into
// a pooled buffer and pushes it; the appsrc timestamps it. When the source is stopped it ends the
// stream instead, and so it does once the source's generation moved on.
//
// Threads: created on the thread that configures the media; afterwards only the appsrc streaming
// thread calls it. The appsrc owns it and deletes it when the appsrc is finalised.
class frame_pump {
public:
    // Sets the appsrc's caps and callbacks; the new pump lives as long as the appsrc.
    static void attach(GstAppSrc* appsrc, const stream_format& format,
                       std::shared_ptr<frame_source> source);

    ~frame_pump();

    frame_pump(const frame_pump&) = delete;
    frame_pump& operator=(const frame_pump&) = delete;

private:
    frame_pump(const stream_format& format, std::shared_ptr<frame_source> source);

    static void on_need_data(GstAppSrc* appsrc, guint length, gpointer self);
    static void on_destroy(gpointer self);

    void push_next_frame(GstAppSrc* appsrc);
    void wait_for_slot();
    gst::buffer_ptr render_frame(const camera_view& view);

    std::shared_ptr<frame_source> source_;
    unsigned generation_;
    GstVideoInfo info_{};
    gst::caps_ptr caps_;
    gst::gst_object_ptr<GstBufferPool> pool_;
    scene_renderer renderer_;
    std::chrono::nanoseconds period_;
    std::chrono::steady_clock::time_point next_slot_;
};

}  // namespace camsim
