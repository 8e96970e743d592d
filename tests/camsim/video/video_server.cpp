#include "video_server.hpp"

#include <atomic>
#include <chrono>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include <spdlog/spdlog.h>

#include "frame_source.hpp"
#include "gst_handles.hpp"
#include "jpeg_encoder.hpp"
#include "lowercase_mount_points.hpp"
#include "main_loop_thread.hpp"
#include "rtsp_auth.hpp"
#include "scene_renderer.hpp"
#include "stream_factory.hpp"

namespace camsim {

namespace {

constexpr int snapshot_quality = 85;
constexpr int max_dimension = 8192;
constexpr auto pump_shutdown_timeout = std::chrono::seconds(3);
// Between ending the streams (EOS, sent on as RTCP BYE) and closing the viewers' connections.
constexpr guint eos_grace_ms = 1000;

// Lowercase on purpose: lowercase_mount_points lowercases every request path before matching.
constexpr const char* main_paths[] = {"/streaming/channels/101", "/streaming/channels/1"};
constexpr const char* sub_paths[] = {"/streaming/channels/102"};

void check_size(int width, int height, const char* key) {
    if (width < 16 || height < 16 || width > max_dimension || height > max_dimension ||
        width % 2 != 0 || height % 2 != 0) {
        throw std::invalid_argument(std::string("video_options.") + key + ": size " +
                                    std::to_string(width) + "x" + std::to_string(height) +
                                    " is not an even size between 16 and 8192");
    }
}

void validate(const video_options& options) {
    check_size(options.main_width, options.main_height, "main_width/main_height");
    check_size(options.sub_width, options.sub_height, "sub_width/sub_height");
    if (options.fps < 1 || options.fps > 60) {
        throw std::invalid_argument("video_options.fps: " + std::to_string(options.fps) +
                                    " is outside 1..60");
    }
    if (options.rtsp_port < 0 || options.rtsp_port > 65535) {
        throw std::invalid_argument(
            "video_options.rtsp_port: " + std::to_string(options.rtsp_port) + " is not a port");
    }
}

GstRTSPFilterResult remove_session(GstRTSPSessionPool* /*pool*/, GstRTSPSession* /*session*/,
                                   gpointer /*data*/) {
    return GST_RTSP_FILTER_REMOVE;
}

GstRTSPFilterResult remove_client(GstRTSPServer* /*server*/, GstRTSPClient* /*client*/,
                                  gpointer /*data*/) {
    return GST_RTSP_FILTER_REMOVE;
}

// Keeps the session pool's expiry watch alive; the watch itself removes timed-out sessions.
gboolean keep_watching(GstRTSPSessionPool* /*pool*/, gpointer /*data*/) {
    return TRUE;
}

}  // namespace

// State shared with the GLib callbacks. Threads: the RTSP objects are touched on the loop thread
// only (through loop_.invoke); streaming_ and clients_ are atomics read from any thread.
struct video_server::impl {
    impl(video_options options, std::function<camera_view()> view);
    ~impl();

    impl(const impl&) = delete;
    impl& operator=(const impl&) = delete;

    void mount(GstRTSPMountPoints* mounts, const stream_format& format,
               std::initializer_list<const char*> paths);
    void listen();
    void unlisten();
    void drop_sessions_and_clients();
    void stop_streaming();
    void resume_streaming();

    static gboolean on_eos_grace_over(gpointer self);
    static void on_client_connected(GstRTSPServer* server, GstRTSPClient* client, gpointer self);
    static void on_client_closed(GstRTSPClient* client, gpointer self);
    static GstRTSPStatusCode on_pre_request(GstRTSPClient* client, GstRTSPContext* ctx,
                                            gpointer self);

    video_options options_;
    std::shared_ptr<frame_source> source_;
    gst::object_ptr<GstRTSPServer> server_;
    gst::source_ptr listen_source_;
    gst::source_ptr session_watch_;
    gst::source_ptr pending_drop_;  // set while stop_streaming() waits for the EOS to arrive
    int port_ = 0;
    bool available_ = true;  // loop thread only
    std::atomic<bool> streaming_{true};
    std::atomic<std::size_t> clients_{0};
    main_loop_thread loop_;  // last member: its thread stops before the rest is destroyed
};

video_server::impl::impl(video_options options, std::function<camera_view()> view)
    : options_(std::move(options)), source_(std::make_shared<frame_source>(std::move(view))) {
    validate(options_);
    gst::ensure_initialised();

    server_.reset(gst_rtsp_server_new());
    gst_rtsp_server_set_address(server_.get(), options_.listen_address.c_str());
    gst_rtsp_server_set_service(server_.get(), std::to_string(options_.rtsp_port).c_str());
    // Clients are served on the loop thread itself instead of a pool thread each.
    const gst::object_ptr<GstRTSPThreadPool> threads(
        gst_rtsp_server_get_thread_pool(server_.get()));
    gst_rtsp_thread_pool_set_max_threads(threads.get(), 0);

    // TODO(#3): the third stream (/Streaming/Channels/103) is not mounted, and RTSP logins have
    // no lockout as the HTTP side does.
    const gst::object_ptr<GstRTSPMountPoints> mounts = make_lowercase_mount_points();
    mount(mounts.get(), {options_.main_width, options_.main_height, options_.fps, options_.codec},
          {main_paths[0], main_paths[1]});
    mount(mounts.get(), {options_.sub_width, options_.sub_height, options_.fps, options_.codec},
          {sub_paths[0]});
    gst_rtsp_server_set_mount_points(server_.get(), mounts.get());

    if (!options_.user.empty()) {
        const auto auth = make_rtsp_auth(options_.user, options_.password, options_.auth);
        gst_rtsp_server_set_auth(server_.get(), auth.get());
    }
    gst::connect_signal(server_.get(), "client-connected", &impl::on_client_connected, this);

    loop_.invoke([this] { listen(); });
    port_ = gst_rtsp_server_get_bound_port(server_.get());
    spdlog::info("[video] rtsp listening on '{}:{}' (auth '{}')", options_.listen_address, port_,
                 options_.user.empty() ? "none" : options_.auth);
}

video_server::impl::~impl() {
    try {
        loop_.invoke([this] {
            unlisten();
            for (auto* source : {&session_watch_, &pending_drop_}) {
                if (*source) {
                    g_source_destroy(source->get());
                }
            }
            drop_sessions_and_clients();
        });
    } catch (const std::exception& e) {
        spdlog::warn("[video] shutdown: {}", e.what());
    }
    source_->stop();
    if (!source_->wait_for_no_pumps(pump_shutdown_timeout)) {
        spdlog::warn("[video] shutdown: a stream pipeline did not stop in time");
    }
    loop_.stop();
}

void video_server::impl::mount(GstRTSPMountPoints* mounts, const stream_format& format,
                               std::initializer_list<const char*> paths) {
    for (const char* path : paths) {
        // Each path gets its own factory: a shared media belongs to one factory and one path.
        auto factory = stream_factory::create(format, source_);
        gst_rtsp_mount_points_add_factory(mounts, path, factory.release());
    }
}

// Loop thread. Binds the configured port (the first bind fixes it for later re-listens).
void video_server::impl::listen() {
    GError* err = nullptr;
    gst::source_ptr source(gst_rtsp_server_create_source(server_.get(), nullptr, &err));
    gst::throw_if_error(err, "rtsp listen on '" + options_.listen_address + "'");
    g_source_attach(source.get(), loop_.context());
    listen_source_ = std::move(source);

    const gst::object_ptr<GstRTSPSessionPool> pool(gst_rtsp_server_get_session_pool(server_.get()));
    if (!session_watch_) {
        session_watch_.reset(gst_rtsp_session_pool_create_watch(pool.get()));
        g_source_set_callback(session_watch_.get(), gst::as_source_func(&keep_watching), nullptr,
                              nullptr);
        g_source_attach(session_watch_.get(), loop_.context());
    }
}

// Loop thread. Destroying the source releases the listening socket, which closes it.
void video_server::impl::unlisten() {
    if (listen_source_) {
        g_source_destroy(listen_source_.get());
        listen_source_.reset();
    }
}

// Loop thread. Sessions first, so that UDP viewers stop too; then the connections.
void video_server::impl::drop_sessions_and_clients() {
    const gst::object_ptr<GstRTSPSessionPool> pool(gst_rtsp_server_get_session_pool(server_.get()));
    g_list_free(gst_rtsp_session_pool_filter(pool.get(), &remove_session, nullptr));
    g_list_free(gst_rtsp_server_client_filter(server_.get(), &remove_client, nullptr));
}

// Loop thread. Ends every stream with EOS now and closes the connections a moment later, so that
// viewers see a clean end of stream; new requests get 503 from now on.
void video_server::impl::stop_streaming() {
    if (!streaming_) {
        return;
    }
    streaming_ = false;
    source_->end_streams();
    pending_drop_.reset(g_timeout_source_new(eos_grace_ms));
    g_source_set_callback(pending_drop_.get(), &impl::on_eos_grace_over, this, nullptr);
    g_source_attach(pending_drop_.get(), loop_.context());
}

// Loop thread. Media that got the EOS must be gone before new viewers may share them.
void video_server::impl::resume_streaming() {
    if (pending_drop_) {
        g_source_destroy(pending_drop_.get());
        pending_drop_.reset();
        drop_sessions_and_clients();
    }
    streaming_ = true;
}

gboolean video_server::impl::on_eos_grace_over(gpointer self) {
    auto& me = *static_cast<impl*>(self);
    me.drop_sessions_and_clients();
    me.pending_drop_.reset();
    return G_SOURCE_REMOVE;
}

// Loop thread (clients run there, see the thread pool setting).
void video_server::impl::on_client_connected(GstRTSPServer* /*server*/, GstRTSPClient* client,
                                             gpointer self) {
    auto& me = *static_cast<impl*>(self);
    ++me.clients_;
    gst::connect_signal(client, "closed", &impl::on_client_closed, self);
    for (const char* request : {"pre-describe-request", "pre-setup-request", "pre-play-request"}) {
        gst::connect_signal(client, request, &impl::on_pre_request, self);
    }
    gst::log(GST_LEVEL_DEBUG, "client connected, " + std::to_string(me.clients_) + " now");
}

void video_server::impl::on_client_closed(GstRTSPClient* /*client*/, gpointer self) {
    auto& me = *static_cast<impl*>(self);
    --me.clients_;
    gst::log(GST_LEVEL_DEBUG, "client closed, " + std::to_string(me.clients_) + " left");
}

// While streaming is off, new streams are refused with 503 as a camera whose encoder is down.
GstRTSPStatusCode video_server::impl::on_pre_request(GstRTSPClient* /*client*/,
                                                     GstRTSPContext* /*ctx*/, gpointer self) {
    const auto& me = *static_cast<impl*>(self);
    return me.streaming_ ? GST_RTSP_STS_OK : GST_RTSP_STS_SERVICE_UNAVAILABLE;
}

video_server::video_server(video_options options, std::function<camera_view()> view)
    : impl_(std::make_unique<impl>(std::move(options), std::move(view))) {}

video_server::~video_server() = default;

int video_server::rtsp_port() const {
    return impl_->port_;
}

std::string video_server::snapshot_jpeg(int width, int height) const {
    if (width < 1 || height < 1 || width > max_dimension || height > max_dimension) {
        throw std::invalid_argument("snapshot size " + std::to_string(width) + "x" +
                                    std::to_string(height) + " is outside 1..8192");
    }
    const camera_view view = impl_->source_->current_view().value_or(camera_view{});
    i420_image image(width, height);
    scene_renderer renderer(width, height, true);
    renderer.render(view, std::chrono::system_clock::now(), image.planes());
    image.pad_edges();
    return jpeg_encoder::encode(image, snapshot_quality);
}

void video_server::set_streaming(bool on) {
    impl_->loop_.invoke([this, on] {
        if (on) {
            impl_->resume_streaming();
        } else {
            impl_->stop_streaming();
        }
    });
    spdlog::info("[video] streaming {}", on ? "on" : "off");
}

void video_server::set_available(bool on) {
    impl_->loop_.invoke([this, on] {
        if (on == impl_->available_) {
            return;
        }
        if (on) {
            impl_->listen();
        } else {
            impl_->unlisten();
            impl_->drop_sessions_and_clients();
        }
        impl_->available_ = on;
    });
    spdlog::info("[video] rtsp {} on port {}", on ? "available" : "unavailable", impl_->port_);
}

std::size_t video_server::clients() const {
    return impl_->clients_;
}

}  // namespace camsim
