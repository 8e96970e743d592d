#include "pipelines/rtp_video_input.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace camtwin::pipelines {
namespace {

constexpr std::array<std::pair<std::string_view, video_codec>, 2> codecs{{
    {"H264", {"H.264", "rtph264depay", "h264parse", "avdec_h264"}},
    {"H265", {"H.265", "rtph265depay", "h265parse", "avdec_h265"}},
}};

bool same_without_case(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](char x, char y) {
        return std::toupper(static_cast<unsigned char>(x)) ==
               std::toupper(static_cast<unsigned char>(y));
    });
}

// Creates a factory's element inside the bin, following the bin's state; the bin owns it.
GstElement* add_element(GstElement* bin, std::string_view factory) {
    GstElement* element = gst_element_factory_make(std::string(factory).c_str(), nullptr);
    if (element == nullptr) {
        return nullptr;
    }
    gst_bin_add(GST_BIN(bin), element);
    return element;
}

}  // namespace

std::optional<video_codec> codec_for_encoding(std::string_view encoding_name) {
    for (const auto& [encoding, codec] : codecs) {
        if (same_without_case(encoding, encoding_name)) {
            return codec;
        }
    }
    return std::nullopt;
}

std::string link_video_pad(GstElement* bin, GstPad* pad, const video_slots& slots) {
    const gst::caps_ptr caps(gst_pad_query_caps(pad, nullptr));
    const GstStructure* rtp = caps ? gst_caps_get_structure(caps.get(), 0) : nullptr;
    const char* media = rtp != nullptr ? gst_structure_get_string(rtp, "media") : nullptr;
    if (media == nullptr || std::string_view(media) != "video") {
        return {};
    }
    const gst::gst_object_ptr<GstPad> input_pad(gst_element_get_static_pad(slots.coded, "sink"));
    if (gst_pad_is_linked(input_pad.get()) != 0) {
        return {};  // one video track is enough
    }
    const char* encoding = gst_structure_get_string(rtp, "encoding-name");
    const auto codec = codec_for_encoding(encoding != nullptr ? encoding : "");
    if (!codec) {
        return std::string("the camera streams ") + (encoding != nullptr ? encoding : "unknown") +
               " video; camtwin reads H.264 and H.265";
    }
    GstElement* depay = add_element(bin, codec->depayloader);
    GstElement* parse = add_element(bin, codec->parser);
    GstElement* decoder = add_element(bin, codec->decoder);
    if (depay == nullptr || parse == nullptr || decoder == nullptr) {
        return "GStreamer lacks one of " + std::string(codec->depayloader) + ", " +
               std::string(codec->parser) + ", " + std::string(codec->decoder);
    }
    g_object_set(parse, "config-interval", -1, nullptr);
    // After lost frames (a slow decoder's queue drops them) show nothing until the next
    // keyframe rather than grey smears.
    g_object_set(decoder, "output-corrupt", FALSE, nullptr);
    if (gst_element_link_many(depay, parse, slots.coded, nullptr) == 0 ||
        gst_element_link_many(slots.decode_from, decoder, slots.decode_to, nullptr) == 0) {
        return "cannot link the " + std::string(codec->name) + " elements to the pipeline";
    }
    // Downstream first, so that nothing flows into an element that is not playing yet.
    gst_element_sync_state_with_parent(decoder);
    gst_element_sync_state_with_parent(parse);
    gst_element_sync_state_with_parent(depay);
    const gst::gst_object_ptr<GstPad> depay_pad(gst_element_get_static_pad(depay, "sink"));
    if (gst_pad_link(pad, depay_pad.get()) != GST_PAD_LINK_OK) {
        return "cannot link the camera's " + std::string(codec->name) + " stream";
    }
    return {};
}

}  // namespace camtwin::pipelines
