#pragma once

#include <functional>
#include <memory>
#include <string>

#include "pipelines/gst_handles.hpp"
#include "pipelines/hls_timeline.hpp"
#include "pipelines/latest_frame.hpp"
#include "pipelines/stream_options.hpp"

namespace camtwin::pipelines {

// One run of a camera's GStreamer pipeline, from PLAYING to NULL: rtspsrc over TCP, the H.264 or
// H.265 (as the camera's SDP says) depayloaded and parsed once and split by a tee into
//   - the HLS branch: hlssink2 remuxes into MPEG-TS segments and writes this run's playlist,
//     with no decode and no encode (the served playlist is the hls_timeline's);
//   - the decoded branch, behind a valve that is open only while pictures are wanted: one
//     decoder whose pictures go to the latest-frame cache (full size, for snapshots) and,
//     scaled and rate-limited once, to one JPEG encoder whose frames are the MJPEG stream of
//     every viewer.
// Leaky queues and dropping appsinks keep a slow branch from holding up another.
//
// The credentials go into rtspsrc's properties only. Callbacks run on GStreamer's threads.
// The destructor stops the pipeline and returns once no streaming thread runs in it; with HLS on
// it first waits hls_quiesce_time (50 ms) for a GStreamer deadlock's sake (quiesce_hls).
class stream_pipeline {
public:
    struct callbacks {
        std::function<void(std::shared_ptr<const std::string>)> jpeg;  // one MJPEG frame
        std::function<void()> frame;                     // a coded frame came from the camera
        std::function<void(const std::string&)> failed;  // an error or the end of the stream
    };

    // Builds the pipeline and sets it playing; throws gst::error when it cannot be built.
    // With HLS on, hlssink2 writes where `hls` says.
    stream_pipeline(const stream_options& options, const hls_timeline::run_files& hls,
                    latest_frame& frames, callbacks on);
    ~stream_pipeline();

    stream_pipeline(const stream_pipeline&) = delete;
    stream_pipeline& operator=(const stream_pipeline&) = delete;

    // Opens or closes the decoded branch; closed, the pipeline only remuxes. Starts closed.
    void set_decoding(bool on);

private:
    void count_coded_frames();
    void quiesce_hls();
    static GstPadProbeReturn on_coded_frame(GstPad* pad, GstPadProbeInfo* info, gpointer self);
    static void on_source_pad(GstElement* source, GstPad* pad, gpointer self);
    static GstFlowReturn on_jpeg_sample(GstAppSink* sink, gpointer self);
    static GstFlowReturn on_frame_sample(GstAppSink* sink, gpointer self);
    static GstBusSyncReply on_bus_message(GstBus* bus, GstMessage* message, gpointer self);

    void watch_sink(const char* name, GstFlowReturn (*handler)(GstAppSink*, gpointer));

    latest_frame& frames_;
    callbacks on_;
    gst::element_ptr pipeline_;
    gst::element_ptr decode_gate_;
    gst::element_ptr hls_gate_;  // null with HLS off
};

// The gst-launch description of the pipeline for these options; locations and credentials are
// set as properties afterwards, so nothing in it needs quoting.
std::string pipeline_description(const stream_options& options);

}  // namespace camtwin::pipelines
