#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>  // before boost/asio/awaitable.hpp, which needs std::exchange (Boost 1.74)
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "camera_context.hpp"
#include "http_listener.hpp"
#include "isapi_handler.hpp"

namespace camsim {

class control_server;

struct camera_options {
    std::string listen_address = "127.0.0.1";
    int http_port = 0;     // 0 picks a free port
    int control_port = 0;  // 0 picks a free port
    auth_settings auth;
    device_identity identity;
    std::vector<stream_info> streams{{101, 1280, 720, 15}, {102, 640, 360, 15}};
    fault_settings faults;
    ptz_limits limits;
    std::vector<int> special_presets = preset_store::default_special_ids();
    std::chrono::milliseconds reboot_time = std::chrono::seconds(5);
    std::chrono::milliseconds keep_alive_timeout = std::chrono::seconds(10);
    std::uint32_t seed = 1;
};

// One simulated camera: the ISAPI port, its control port and the state behind them.
// Threads: every member runs on the io_context's (single) thread, except view(), which the video
// threads call. Construct, attach_video(), start() before the loop runs; destroy after it stopped.
class camera {
public:
    camera(
        boost::asio::any_io_executor executor, camera_options options,
        clock_function clock = [] { return std::chrono::steady_clock::now(); });
    ~camera();

    camera(const camera&) = delete;
    camera& operator=(const camera&) = delete;

    void attach_video(camera_video video, int rtsp_port);

    // Binds the HTTP and control ports; throws when a port cannot be bound.
    void start();

    // Closes both ports and every connection (clean exit).
    void shutdown();

    unsigned short http_port() const { return http_.port(); }
    unsigned short control_port() const;

    // The current PTZ view for the video side. Any thread.
    camera_view view() { return context_.ptz.view(); }

    // Control actions.
    void go_away(std::optional<std::chrono::milliseconds> duration);
    void come_back();
    void reboot();
    bool away() const { return away_; }
    void set_streaming(bool on);
    std::size_t publish_event(const alert_event& event);
    nlohmann::json state();
    void reset();

    camera_context& context() { return context_; }
    isapi_handler& handler() { return handler_; }
    const camera_options& options() const { return options_; }

private:
    boost::asio::awaitable<void> serve(std::shared_ptr<connection> conn);

    boost::asio::any_io_executor executor_;
    camera_options options_;
    camera_context context_;
    isapi_handler handler_;
    http_listener http_;
    std::unique_ptr<control_server> control_;
    boost::asio::steady_timer back_timer_;
    bool away_ = false;
};

}  // namespace camsim
