#pragma once

#include <memory>
#include <span>
#include <string>

#include <boost/asio/io_context.hpp>

#include "config/config.hpp"
#include "http/command_reply.hpp"
#include "http/hls_files.hpp"
#include "http/http_exchange.hpp"
#include "http/mjpeg_feed.hpp"
#include "http/request_target.hpp"
#include "twin/device_twin.hpp"

namespace camtwin::http {

// Where a device's paths are served: its own Shifu-compatible listener, where only Shifu's paths
// exist and mean what they mean in Shifu, or below /devices/<dev>/ on the main listener, where
// camtwin's extended commands and query parameters exist too.
enum class device_scope { shifu_listener, main_listener };

// The HTTP face of one device (docs/http.md): Shifu's /info, /capture, /stream, /move/<dir> and
// /health with Shifu's bytes, and on the main listener the extended commands with JSON results.
//
// Threads: the loop thread only.
class device_routes {
public:
    // stream may be null: no HLS, and /stream is fed by snapshots.
    device_routes(boost::asio::io_context& loop, const device_config& config,
                  std::shared_ptr<twin::device_twin> twin,
                  std::shared_ptr<pipelines::camera_stream> stream, command_observer observer);

    // rest: the path below the device's root ({"move", "up"}).
    void handle(const exchange_ptr& exchange, const request_target& target,
                std::span<const std::string> rest, device_scope scope);

    // True for the paths Shifu's clients use, which a bearer token does not guard while
    // http.shifu_compat is on.
    static bool is_shifu_path(std::span<const std::string> rest);

    const std::string& name() const { return config_.name; }
    const twin::device_twin& twin() const { return *twin_; }
    const mjpeg_feed& feed() const { return feed_; }
    const pipelines::camera_stream* stream() const { return stream_.get(); }
    hls_files& hls() { return hls_; }
    void shutdown() { feed_.shutdown(); }

private:
    void info(const deadline_reply& reply);
    void capture(const deadline_reply& reply, const request_target& target, device_scope scope);
    void move(const deadline_reply& reply, const request_target& target, const std::string& group,
              const std::string& direction, device_scope scope);
    void stop(const deadline_reply& reply);
    void go_home(const deadline_reply& reply);
    void goto_preset(const deadline_reply& reply, const std::string& preset);
    void status(const deadline_reply& reply);
    // Answers a finished command in the style asked for and tells the observer.
    void answer(const deadline_reply& reply, const std::string& command, reply_style style,
                const twin::command_result& result);

    boost::asio::io_context& loop_;
    const device_config& config_;
    std::shared_ptr<twin::device_twin> twin_;
    std::shared_ptr<pipelines::camera_stream> stream_;
    command_observer observer_;
    mjpeg_feed feed_;
    hls_files hls_;
};

}  // namespace camtwin::http
