#include "rtsp_test_client.hpp"

#include <cstring>

namespace camsim::test {

namespace {

GstClockTime to_clock(std::chrono::milliseconds timeout) {
    return static_cast<GstClockTime>(timeout.count()) * GST_MSECOND;
}

}  // namespace

rtsp_test_client::rtsp_test_client(const std::string& url) {
    gst::ensure_initialised();
    pipeline_ = gst::parse_launch(
        // Quoted: a password may hold '!', which gst-launch syntax would read as a link.
        "rtspsrc location=\"" + url +
        "\" protocols=tcp latency=100 ! decodebin ! videoconvert ! video/x-raw,format=RGB "
        "! appsink name=sink max-buffers=2 drop=true sync=false wait-on-eos=false");
    sink_.reset(gst::require(
        gst_bin_get_by_name(reinterpret_cast<GstBin*>(pipeline_.get()), "sink"), "appsink"));
    gst_element_set_state(pipeline_.get(), GST_STATE_PLAYING);
}

rtsp_test_client::~rtsp_test_client() {
    gst_element_set_state(pipeline_.get(), GST_STATE_NULL);
}

std::optional<rgb_image> rtsp_test_client::next_frame(std::chrono::milliseconds timeout) {
    auto* sink = reinterpret_cast<GstAppSink*>(sink_.get());
    const gst::sample_ptr sample(gst_app_sink_try_pull_sample(sink, to_clock(timeout)));
    if (!sample) {
        return std::nullopt;
    }
    const GstStructure* caps = gst_caps_get_structure(gst_sample_get_caps(sample.get()), 0);
    rgb_image image;
    gst_structure_get_int(caps, "width", &image.width);
    gst_structure_get_int(caps, "height", &image.height);

    GstBuffer* buffer = gst_sample_get_buffer(sample.get());
    GstMapInfo map{};
    if (gst_buffer_map(buffer, &map, GST_MAP_READ) == FALSE) {
        return std::nullopt;
    }
    // RGB rows from videoconvert are padded to 4 bytes; copy them packed.
    const auto row_size = static_cast<std::size_t>(image.width) * 3;
    const std::size_t stride = (row_size + 3) / 4 * 4;
    image.pixels.resize(row_size * static_cast<std::size_t>(image.height));
    for (std::size_t y = 0; y < static_cast<std::size_t>(image.height); ++y) {
        std::memcpy(image.pixels.data() + y * row_size, map.data + y * stride, row_size);
    }
    gst_buffer_unmap(buffer, &map);
    return image;
}

std::optional<std::string> rtsp_test_client::wait_for_end(std::chrono::milliseconds timeout) {
    const gst::gst_object_ptr<GstBus> bus(gst_element_get_bus(pipeline_.get()));
    const gst::message_ptr message(gst_bus_timed_pop_filtered(
        bus.get(), to_clock(timeout),
        static_cast<GstMessageType>(GST_MESSAGE_ERROR | GST_MESSAGE_EOS)));
    if (!message) {
        return std::nullopt;
    }
    if (GST_MESSAGE_TYPE(message.get()) == GST_MESSAGE_EOS) {
        return "eos";
    }
    GError* err = nullptr;
    gst_message_parse_error(message.get(), &err, nullptr);
    const gst::error_ptr owned(err);
    return std::string("error: ") + (owned ? owned->message : "unknown");
}

std::string rtsp_url(int port, const std::string& path, const std::string& user,
                     const std::string& password) {
    return "rtsp://" + user + ":" + password + "@127.0.0.1:" + std::to_string(port) + path;
}

}  // namespace camsim::test
