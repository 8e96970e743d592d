#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pipelines/gst_handles.hpp"

namespace camtwin::pipelines {

// The elements that turn a camera's RTP video into parsed access units, per codec.
struct video_codec {
    std::string_view name;         // as the camera's ISAPI says it: "H.264", "H.265"
    std::string_view depayloader;  // GStreamer factory names
    std::string_view parser;
    std::string_view decoder;
};

// The codec of an RTP stream's encoding-name (RFC 6184 "H264", RFC 7798 "H265"; compared
// without case), or nullopt for one camtwin does not read.
std::optional<video_codec> codec_for_encoding(std::string_view encoding_name);

// TODO(#7): H.265 goes into HLS as the camera sent it; whether browsers play it through hls.js is
// untested, and the viewer page does not yet fall back to MJPEG for such a camera.

// Where link_video_pad connects the codec's elements in the pipeline.
struct video_slots {
    GstElement* coded;        // takes byte-stream access units (a capsfilter)
    GstElement* decode_from;  // feeds the decoder (the decoded branch's queue)
    GstElement* decode_to;    // takes the decoder's pictures (a tee)
};

// Connects the video pad rtspsrc just added: the pad through a depayloader and a parser chosen
// from its caps to slots.coded (the parser repeats the codec headers before every keyframe, so
// each HLS segment decodes on its own), and that codec's decoder between slots.decode_from and
// slots.decode_to. Cameras that send H.264 and those that send H.265 need no setting: the SDP
// decides, at every run. (decodebin would choose the decoder too, but it holds the pipeline out
// of PLAYING until it has seen pictures, which never come while decoding is off.)
// Returns an error text for a video pad it cannot use; an empty string when linked, or when the
// pad is not video (audio stays unlinked) or a video pad was linked already.
// Runs on rtspsrc's thread.
std::string link_video_pad(GstElement* bin, GstPad* pad, const video_slots& slots);

}  // namespace camtwin::pipelines
