#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "camera_view.hpp"

namespace camsim {

struct video_options {
    std::string listen_address = "127.0.0.1";
    int rtsp_port = 0;  // 0 picks a free port
    std::string user;
    std::string password;
    std::string auth = "digest";  // "digest", "basic" or "both"
    int main_width = 1280;
    int main_height = 720;
    int sub_width = 640;
    int sub_height = 360;
    int fps = 15;
    std::string codec = "h264";  // or "h265"
};

// The simulated camera's picture: an RTSP server (gst-rtsp-server, H.264) with the main stream at
// /Streaming/Channels/101 and the sub stream at /102, and JPEG snapshots of the same view.
// The picture is a window over a synthetic scene that follows the view the callback returns, with
// the position and the time drawn on it. Encoding runs only while an RTSP client is connected.
//
// Threads: the RTSP server runs its own GLib main loop thread; every public member may be called
// from any thread. The view callback is called from the streaming threads and must be thread-safe.
class video_server {
public:
    video_server(video_options options, std::function<camera_view()> view);
    ~video_server();

    video_server(const video_server&) = delete;
    video_server& operator=(const video_server&) = delete;

    int rtsp_port() const;

    // The current view as a JPEG of the given size (the same renderer as the stream).
    std::string snapshot_jpeg(int width, int height) const;

    // Fault: false ends every stream (clients see EOS or a closed connection) and refuses new
    // ones until it is set back to true.
    void set_streaming(bool on);

    // Fault: false takes the whole RTSP server off the network (the port refuses connections);
    // true brings it back on the same port.
    void set_available(bool on);

    // RTSP clients currently connected.
    std::size_t clients() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace camsim
