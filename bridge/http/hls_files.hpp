#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "http/http_exchange.hpp"
#include "pipelines/camera_stream.hpp"

namespace camtwin::http {

// Serves one device's HLS output (docs/http.md, HLS): the playlist at index.m3u8 and its
// segments, read from the folder the device's pipeline writes. A playlist request keeps the
// pipeline up (touch) and starts it when it is stopped; the first request after a start waits
// for the first playlist (up to first_playlist_wait) instead of failing, so a player needs no
// retry logic of its own. The playlist is the stream's hls_timeline, continuous across camera
// restarts; only segment names the timeline writes are served, so no request can reach another
// file.
//
// Threads: the loop thread only.
class hls_files {
public:
    static constexpr std::chrono::seconds first_playlist_wait{15};

    hls_files(boost::asio::io_context& loop, std::shared_ptr<pipelines::camera_stream> stream);

    void serve(const exchange_ptr& exchange, const std::string& name);

private:
    void serve_playlist(const exchange_ptr& exchange);
    void wait_for_playlist(const exchange_ptr& exchange,
                           std::chrono::steady_clock::time_point deadline);

    boost::asio::io_context& loop_;
    std::shared_ptr<pipelines::camera_stream> stream_;
};

}  // namespace camtwin::http
