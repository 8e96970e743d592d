#pragma once

#include <memory>

#include "frame_pump.hpp"
#include "frame_source.hpp"
#include "gst_handles.hpp"

namespace camsim {

// Builds the RTSP media factory of one stream: rendered frames from an appsrc, encoded with
// x264 (zero latency, ultrafast, a key frame every 2 s, SPS/PPS with every key frame) and
// payloaded as H.264 RTP, payload type 96.
//
// The media is shared between clients and only exists while one is connected: the first client
// constructs it (and its frame_pump), and it is unprepared when the last one leaves, so an idle
// camera encodes nothing. Only clients holding the viewer role (see rtsp_auth) may use it.
class stream_factory {
public:
    static gst::object_ptr<GstRTSPMediaFactory> create(const stream_format& format,
                                                       std::shared_ptr<frame_source> source);

private:
    struct context;

    static void on_media_configure(GstRTSPMediaFactory* factory, GstRTSPMedia* media,
                                   gpointer data);
    static void free_context(gpointer data, GClosure* closure);
};

}  // namespace camsim
