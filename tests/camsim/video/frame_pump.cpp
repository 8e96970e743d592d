#include "frame_pump.hpp"

#include <algorithm>
#include <exception>
#include <thread>
#include <utility>

namespace camsim {

namespace {

// A frame pool of a few buffers covers the encoder holding one while the next is rendered.
constexpr guint min_pool_buffers = 2;
constexpr guint max_pool_buffers = 6;

gst::gst_object_ptr<GstBufferPool> make_pool(GstCaps* caps, const GstVideoInfo& info) {
    gst::gst_object_ptr<GstBufferPool> pool(gst_buffer_pool_new());
    GstStructure* config = gst_buffer_pool_get_config(pool.get());
    gst_buffer_pool_config_set_params(config, caps, static_cast<guint>(info.size), min_pool_buffers,
                                      max_pool_buffers);
    if (gst_buffer_pool_set_config(pool.get(), config) == FALSE ||
        gst_buffer_pool_set_active(pool.get(), TRUE) == FALSE) {
        throw gst::error("frame buffer pool setup failed");
    }
    return pool;
}

}  // namespace

void frame_pump::attach(GstAppSrc* appsrc, const stream_format& format,
                        std::shared_ptr<frame_source> source) {
    auto* pump = new frame_pump(format, std::move(source));
    gst_app_src_set_caps(appsrc, pump->caps_.get());

    GstAppSrcCallbacks callbacks{};
    callbacks.need_data = &frame_pump::on_need_data;
    gst_app_src_set_callbacks(appsrc, &callbacks, pump, &frame_pump::on_destroy);
}

frame_pump::frame_pump(const stream_format& format, std::shared_ptr<frame_source> source)
    : source_(std::move(source)),
      generation_(source_->generation()),
      renderer_(format.width, format.height, false),
      period_(std::chrono::nanoseconds(1'000'000'000) / std::max(format.fps, 1)),
      next_slot_(std::chrono::steady_clock::now()) {
    gst_video_info_set_format(&info_, GST_VIDEO_FORMAT_I420, static_cast<guint>(format.width),
                              static_cast<guint>(format.height));
    info_.fps_n = std::max(format.fps, 1);
    info_.fps_d = 1;
    caps_.reset(gst::require(gst_video_info_to_caps(&info_), "gst_video_info_to_caps"));
    pool_ = make_pool(caps_.get(), info_);
    source_->pump_started();
    gst::log(GST_LEVEL_INFO, "frame pump started for " + std::to_string(format.width) + "x" +
                                 std::to_string(format.height));
}

frame_pump::~frame_pump() {
    gst_buffer_pool_set_active(pool_.get(), FALSE);
    source_->pump_finished();
    gst::log(GST_LEVEL_INFO, "frame pump finished");
}

void frame_pump::on_need_data(GstAppSrc* appsrc, guint /*length*/, gpointer self) {
    static_cast<frame_pump*>(self)->push_next_frame(appsrc);
}

void frame_pump::on_destroy(gpointer self) {
    delete static_cast<frame_pump*>(self);
}

void frame_pump::push_next_frame(GstAppSrc* appsrc) {
    wait_for_slot();

    const std::optional<camera_view> view = source_->current_view();
    if (!view || source_->generation() != generation_) {
        gst_app_src_end_of_stream(appsrc);
        return;
    }

    gst::buffer_ptr buffer = render_frame(*view);
    if (buffer) {
        gst_app_src_push_buffer(appsrc, buffer.release());
    }
}

// Paces the pump at the stream's rate. A late pump (e.g. after a stall) resynchronises instead of
// bursting to catch up. The sleep is at most one frame period, which bounds how long a pipeline
// shutdown waits for this thread.
void frame_pump::wait_for_slot() {
    const auto now = std::chrono::steady_clock::now();
    if (next_slot_ + period_ < now) {
        next_slot_ = now;
    }
    std::this_thread::sleep_until(next_slot_);
    next_slot_ += period_;
}

gst::buffer_ptr frame_pump::render_frame(const camera_view& view) {
    GstBuffer* raw = nullptr;
    if (gst_buffer_pool_acquire_buffer(pool_.get(), &raw, nullptr) != GST_FLOW_OK) {
        return nullptr;  // the pool is flushing: the pipeline is shutting down
    }
    gst::buffer_ptr buffer(raw);

    GstMapInfo map{};
    if (gst_buffer_map(buffer.get(), &map, GST_MAP_WRITE) == FALSE) {
        return nullptr;
    }
    i420_planes planes;
    planes.y = map.data + info_.offset[0];
    planes.u = map.data + info_.offset[1];
    planes.v = map.data + info_.offset[2];
    planes.y_stride = info_.stride[0];
    planes.uv_stride = info_.stride[1];
    planes.width = static_cast<int>(info_.width);
    planes.height = static_cast<int>(info_.height);
    renderer_.render(view, std::chrono::system_clock::now(), planes);
    gst_buffer_unmap(buffer.get(), &map);
    return buffer;
}

}  // namespace camsim
