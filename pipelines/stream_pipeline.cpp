#include "pipelines/stream_pipeline.hpp"

#include <thread>

#include <fmt/format.h>

#include "pipelines/rtp_video_input.hpp"

namespace camtwin::pipelines {
namespace {

// Enough for splitmuxsink to open a fragment in a local folder (a few milliseconds).
constexpr std::chrono::milliseconds hls_quiesce_time{50};

}  // namespace

std::string pipeline_description(const stream_options& options) {
    // rtspsrc stands alone, and so do the decoded branch's two ends (decode_queue, decoded):
    // the depayloader, parser and decoder of the codec the camera announces go in between once
    // its SDP is known (link_video_pad).
    std::string out =
        "rtspsrc name=source protocols=tcp latency=200 tcp-timeout=5000000 "
        "capsfilter name=coded caps=\"video/x-h264,stream-format=byte-stream,alignment=au;"
        "video/x-h265,stream-format=byte-stream,alignment=au\" ! tee name=split ";
    if (options.hls) {
        // Up to 4 s of video may wait for a slow disk; beyond that the oldest is dropped rather
        // than held without bound or stalling the decoded branch.
        out += fmt::format(
            "split. ! valve name=hls_gate drop=false "
            "! queue leaky=downstream max-size-buffers=0 max-size-bytes=0 "
            "max-size-time=4000000000 "
            "! hlssink2 name=hls send-keyframe-requests=false target-duration={} "
            "playlist-length={} max-files={} ",
            options.segment_s, options.window, options.window + 2);
    }
    // A decoder that cannot keep up loses the oldest coded frames (a few grey smears until the
    // next keyframe) instead of holding up the HLS branch through the tee.
    // The valve keeps the decoder idle while nobody needs pictures (an HLS-only audience); it
    // reopens at any frame, and the decoder drops what it cannot decode until the next keyframe.
    // The appsinks behind it are not async: a sink that never gets a buffer must not hold the
    // pipeline out of PLAYING, which would stall the HLS branch too.
    out += fmt::format(
        "split. ! valve name=decode_gate drop=true drop-mode=forward-sticky-events "
        "! queue name=decode_queue leaky=downstream max-size-buffers=0 max-size-bytes=0 "
        "max-size-time=2000000000 "
        "tee name=decoded "
        "decoded. ! queue leaky=downstream max-size-buffers=1 "
        "! appsink name=frames max-buffers=1 drop=true sync=false async=false "
        "decoded. ! queue leaky=downstream max-size-buffers=2 "
        "! videorate drop-only=true max-rate={} ! videoscale "
        "! video/x-raw,width={},pixel-aspect-ratio=1/1 ! videoconvert ! jpegenc quality={} "
        "! appsink name=mjpeg max-buffers=2 drop=true sync=false async=false",
        options.mjpeg_fps, options.mjpeg_width, options.mjpeg_quality);
    return out;
}

stream_pipeline::stream_pipeline(const stream_options& options, const hls_timeline::run_files& hls,
                                 latest_frame& frames, callbacks on)
    : frames_(frames), on_(std::move(on)) {
    gst::ensure_initialised();
    pipeline_ = gst::parse_launch(pipeline_description(options));

    const gst::element_ptr source = gst::child(pipeline_.get(), "source");
    g_object_set(source.get(), "location", options.rtsp_url.c_str(), nullptr);
    gst::connect_signal(source.get(), "pad-added", &stream_pipeline::on_source_pad, this);
    if (!options.username.empty()) {
        g_object_set(source.get(), "user-id", options.username.c_str(), "user-pw",
                     options.password.c_str(), nullptr);
    }
    if (options.hls) {
        const gst::element_ptr sink = gst::child(pipeline_.get(), "hls");
        g_object_set(sink.get(), "location", hls.segments.c_str(), "playlist-location",
                     hls.playlist.c_str(), nullptr);
        hls_gate_ = gst::child(pipeline_.get(), "hls_gate");
    }
    watch_sink("mjpeg", &stream_pipeline::on_jpeg_sample);
    watch_sink("frames", &stream_pipeline::on_frame_sample);
    count_coded_frames();
    decode_gate_ = gst::child(pipeline_.get(), "decode_gate");

    const gst::bus_ptr bus(gst_element_get_bus(pipeline_.get()));
    gst_bus_set_sync_handler(bus.get(), &stream_pipeline::on_bus_message, this, nullptr);

    if (gst_element_set_state(pipeline_.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        gst_element_set_state(pipeline_.get(), GST_STATE_NULL);
        throw gst::error("the pipeline refused to start");
    }
}

stream_pipeline::~stream_pipeline() {
    quiesce_hls();
    // NULL joins every streaming thread, so no callback runs once this returns.
    gst_element_set_state(pipeline_.get(), GST_STATE_NULL);
    const gst::bus_ptr bus(gst_element_get_bus(pipeline_.get()));
    gst_bus_set_sync_handler(bus.get(), nullptr, nullptr, nullptr);
}

// GStreamer 1.22's splitmuxsink (inside hlssink2) can deadlock when it goes to NULL while its
// streaming thread is opening the next fragment: that thread drops the element's lock for the
// file switch and, on taking it back, overwrites the STOPPED state the state change just set,
// then waits for a command that never comes, and NULL waits for that thread. A fragment opens
// when a keyframe arrives, so the deadlock needs a stop just then, as when a camera fails right
// after it started. Cutting the branch's input first and giving a switch already under way a
// moment to finish closes that window; without a new keyframe no new switch can begin.
void stream_pipeline::quiesce_hls() {
    if (!hls_gate_) {
        return;  // HLS is off
    }
    g_object_set(hls_gate_.get(), "drop", TRUE, nullptr);
    std::this_thread::sleep_for(hls_quiesce_time);
}

void stream_pipeline::set_decoding(bool on) {
    // A property write takes the object's lock: safe from any thread, effective at the next
    // buffer.
    g_object_set(decode_gate_.get(), "drop", on ? FALSE : TRUE, nullptr);
}

// Runs on rtspsrc's thread once the camera's SDP is known.
void stream_pipeline::on_source_pad(GstElement* /*source*/, GstPad* pad, gpointer self) {
    auto& pipeline = *static_cast<stream_pipeline*>(self);
    GstElement* bin = pipeline.pipeline_.get();
    const gst::element_ptr coded = gst::child(bin, "coded");
    const gst::element_ptr decode_from = gst::child(bin, "decode_queue");
    const gst::element_ptr decode_to = gst::child(bin, "decoded");
    const video_slots slots{coded.get(), decode_from.get(), decode_to.get()};
    if (auto error = link_video_pad(bin, pad, slots); !error.empty()) {
        pipeline.on_.failed(error);
    }
}

// Every coded frame reaching the tee is a sign of life, decoded or not.
void stream_pipeline::count_coded_frames() {
    const gst::element_ptr coded = gst::child(pipeline_.get(), "coded");
    const gst::gst_object_ptr<GstPad> pad(
        gst::require(gst_element_get_static_pad(coded.get(), "src"), "the coded input's pad"));
    gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &stream_pipeline::on_coded_frame, this,
                      nullptr);
}

GstPadProbeReturn stream_pipeline::on_coded_frame(GstPad* /*pad*/, GstPadProbeInfo* /*info*/,
                                                  gpointer self) {
    static_cast<stream_pipeline*>(self)->on_.frame();
    return GST_PAD_PROBE_OK;
}

void stream_pipeline::watch_sink(const char* name,
                                 GstFlowReturn (*handler)(GstAppSink*, gpointer)) {
    const gst::element_ptr sink = gst::child(pipeline_.get(), name);
    GstAppSinkCallbacks calls{};
    calls.new_sample = handler;
    gst_app_sink_set_callbacks(GST_APP_SINK(sink.get()), &calls, this, nullptr);
}

// Runs on the MJPEG branch's streaming thread: one copy out of GStreamer's buffer, shared by
// every viewer from here on.
GstFlowReturn stream_pipeline::on_jpeg_sample(GstAppSink* sink, gpointer self) {
    const gst::sample_ptr sample(gst_app_sink_pull_sample(sink));
    GstBuffer* buffer = sample ? gst_sample_get_buffer(sample.get()) : nullptr;
    GstMapInfo map;
    if (buffer == nullptr || gst_buffer_map(buffer, &map, GST_MAP_READ) == 0) {
        return GST_FLOW_OK;  // nothing to show this time; the next frame will do
    }
    auto jpeg =
        std::make_shared<const std::string>(reinterpret_cast<const char*>(map.data), map.size);
    gst_buffer_unmap(buffer, &map);
    static_cast<stream_pipeline*>(self)->on_.jpeg(std::move(jpeg));
    return GST_FLOW_OK;
}

// Runs on the decoded branch's streaming thread for every picture: keeps a reference, no copy.
GstFlowReturn stream_pipeline::on_frame_sample(GstAppSink* sink, gpointer self) {
    gst::sample_ptr sample(gst_app_sink_pull_sample(sink));
    if (sample) {
        static_cast<stream_pipeline*>(self)->frames_.keep(std::move(sample));
    }
    return GST_FLOW_OK;
}

// Runs on whichever thread posted the message; nobody pops the bus, so every message is dropped
// here after the ones that matter were handed on.
GstBusSyncReply stream_pipeline::on_bus_message(GstBus* /*bus*/, GstMessage* message,
                                                gpointer self) {
    auto& pipeline = *static_cast<stream_pipeline*>(self);
    switch (GST_MESSAGE_TYPE(message)) {
        case GST_MESSAGE_ERROR:
            pipeline.on_.failed(gst::describe(message));
            break;
        case GST_MESSAGE_EOS:
            pipeline.on_.failed("the camera ended the stream");
            break;
        default:
            break;
    }
    gst_message_unref(message);
    return GST_BUS_DROP;
}

}  // namespace camtwin::pipelines
