#include "http/hls_files.hpp"

#include <boost/asio/steady_timer.hpp>

namespace camtwin::http {
namespace {

constexpr std::string_view playlist_name = "index.m3u8";
constexpr std::chrono::milliseconds playlist_poll{100};

response not_found(std::string body) {
    return make_response(status::not_found, std::move(body), text_plain);
}

}  // namespace

hls_files::hls_files(boost::asio::io_context& loop,
                     std::shared_ptr<pipelines::camera_stream> stream)
    : loop_(loop), stream_(std::move(stream)) {}

void hls_files::serve(const exchange_ptr& exchange, const std::string& name) {
    if (!stream_ || !stream_->options().hls) {
        exchange->respond(not_found("HLS is off for this device\n"));
        return;
    }
    if (name == playlist_name) {
        serve_playlist(exchange);
        return;
    }
    if (!pipelines::hls_timeline::is_segment_name(name)) {
        exchange->respond(not_found("no such HLS file\n"));
        return;
    }
    auto segment = stream_->hls_segment(name);
    if (!segment) {
        exchange->respond(not_found("segment gone: it left the playlist window\n"));
        return;
    }
    auto out = make_response(status::ok, std::move(*segment), "video/mp2t");
    // A segment never changes once listed; a player or proxy may keep it.
    out.set(beast_http::field::cache_control, "public, max-age=60");
    exchange->respond(std::move(out));
}

void hls_files::serve_playlist(const exchange_ptr& exchange) {
    wait_for_playlist(exchange, std::chrono::steady_clock::now() + first_playlist_wait);
}

// Polls for the playlist: there is none until the first segment closes, a few seconds after the
// pipeline starts, and hlssink2 tells nobody.
void hls_files::wait_for_playlist(const exchange_ptr& exchange,
                                  std::chrono::steady_clock::time_point deadline) {
    if (exchange->answered()) {
        return;  // the client left
    }
    stream_->touch();  // a player waiting counts as watching, however short the idle period
    if (auto playlist = stream_->hls_playlist()) {
        auto out = make_response(status::ok, std::move(*playlist), "application/vnd.apple.mpegurl");
        // The playlist changes with every segment: players must always ask again.
        out.set(beast_http::field::cache_control, "no-cache, no-store");
        exchange->respond(std::move(out));
        return;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
        const auto& status_now = stream_->status();
        auto out =
            make_response(status::service_unavailable,
                          std::string("no playlist yet: the stream is ") +
                              pipelines::to_string(status_now.phase) +
                              (status_now.last_error.empty() ? std::string()
                                                             : " (" + status_now.last_error + ")") +
                              "\n",
                          text_plain);
        out.set(beast_http::field::retry_after, "2");
        exchange->respond(std::move(out));
        return;
    }
    auto timer = std::make_shared<boost::asio::steady_timer>(loop_, playlist_poll);
    timer->async_wait([this, timer, exchange, deadline](const boost::system::error_code& error) {
        if (!error) {
            wait_for_playlist(exchange, deadline);
        }
    });
}

}  // namespace camtwin::http
