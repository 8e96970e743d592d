#include "stream_factory.hpp"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "rtsp_auth.hpp"

namespace camsim {

struct stream_factory::context {
    stream_format format;
    std::shared_ptr<frame_source> source;
};

namespace {

// About 2 Mbit/s for 1280x720 and 0.5 Mbit/s for 640x360.
int bitrate_kbps(const stream_format& format) {
    return std::clamp(format.width * format.height / 450, 128, 8192);
}

// A keyframe every two seconds, as Hikvision ships (GovLength = 2 x fps).
std::string launch_line(const stream_format& format) {
    const bool hevc = format.codec == "h265";
    return fmt::format(
        "( appsrc name=src is-live=true format=time do-timestamp=true "
        "! {enc} tune=zerolatency speed-preset=ultrafast key-int-max={gop} bitrate={kbps} "
        "! video/x-{codec},stream-format=byte-stream "
        "! rtp{codec}pay name=pay0 pt=96 config-interval=-1 )",
        fmt::arg("enc", hevc ? "x265enc" : "x264enc"), fmt::arg("gop", 2 * std::max(format.fps, 1)),
        fmt::arg("kbps", bitrate_kbps(format)), fmt::arg("codec", hevc ? "h265" : "h264"));
}

}  // namespace

gst::object_ptr<GstRTSPMediaFactory> stream_factory::create(const stream_format& format,
                                                            std::shared_ptr<frame_source> source) {
    gst::object_ptr<GstRTSPMediaFactory> factory(gst_rtsp_media_factory_new());
    gst_rtsp_media_factory_set_launch(factory.get(), launch_line(format).c_str());
    gst_rtsp_media_factory_set_shared(factory.get(), TRUE);
    gst_rtsp_media_factory_add_role(
        factory.get(), rtsp_viewer_role, GST_RTSP_PERM_MEDIA_FACTORY_ACCESS, G_TYPE_BOOLEAN, TRUE,
        GST_RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, G_TYPE_BOOLEAN, TRUE, nullptr);

    auto* data = new context{format, std::move(source)};
    gst::connect_signal(factory.get(), "media-configure", &stream_factory::on_media_configure, data,
                        &stream_factory::free_context);
    return factory;
}

// Runs on the thread handling the client's DESCRIBE, once per new media.
void stream_factory::on_media_configure(GstRTSPMediaFactory* /*factory*/, GstRTSPMedia* media,
                                        gpointer data) {
    const auto& ctx = *static_cast<context*>(data);
    const gst::element_ptr bin(gst_rtsp_media_get_element(media));
    const gst::element_ptr src(
        gst_bin_get_by_name_recurse_up(reinterpret_cast<GstBin*>(bin.get()), "src"));
    if (!src) {
        gst::log(GST_LEVEL_ERROR, "media has no element named 'src'");
        return;
    }
    try {
        frame_pump::attach(reinterpret_cast<GstAppSrc*>(src.get()), ctx.format, ctx.source);
    } catch (const std::exception& e) {
        // The appsrc then never produces data and the client's PLAY times out: logged once here.
        gst::log(GST_LEVEL_ERROR, std::string("frame pump setup failed: ") + e.what());
    }
}

void stream_factory::free_context(gpointer data, GClosure* /*closure*/) {
    delete static_cast<context*>(data);
}

}  // namespace camsim
