#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>

#include "config/config.hpp"
#include "http/http_exchange.hpp"
#include "http/mjpeg_feed.hpp"

namespace camtwin::http {

// One client connection: reads requests (HTTP/1.1 with keep-alive, or 1.0), hands each to the
// handler and writes its answer, or turns into an MJPEG stream. The limits bound what a client
// may cost: the idle timeout ends a silent connection, the request timeout ends one that sends
// its request too slowly (slowloris), the header and body limits end oversized requests with
// 431 and 413, and a stream viewer that stops reading is dropped once a write has waited the
// request timeout. A request that does not parse is answered 400 and the connection closed.
//
// Threads: the loop thread only; every completion runs there.
class http_session : public std::enable_shared_from_this<http_session>,
                     public http_exchange,
                     public frame_viewer {
public:
    using finished = std::function<void(const http_session*)>;

    http_session(boost::asio::ip::tcp::socket socket, const http_limits_config& limits,
                 request_handler& handler, finished on_finished);

    void start();
    // Server shutdown: a stream ends with its closing chunk, a request under way is answered
    // and then the connection closes, an idle connection closes now.
    void close();

    // http_exchange
    const request& message() const override { return request_; }
    bool answered() const override { return answered_; }
    void respond(response answer) override;
    void stream_mjpeg(mjpeg_feed& feed, std::optional<std::chrono::milliseconds> limit) override;

    // frame_viewer
    void show(const std::shared_ptr<const std::string>& jpeg) override;

private:
    enum class phase { idle, reading, handling, writing, streaming, closed };

    void wait_for_request();
    void read_request();
    void on_request(const boost::system::error_code& error);
    void refuse(status code, std::string body);
    void on_written(const boost::system::error_code& error, bool keep_alive);

    void write_frame(std::shared_ptr<const std::string> jpeg);
    void on_frame_written(const boost::system::error_code& error, std::size_t bytes);
    void watch_for_hangup();
    void end_stream();
    void finish();

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    const http_limits_config& limits_;
    request_handler& handler_;
    finished on_finished_;

    phase phase_ = phase::idle;
    bool closing_ = false;
    std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
    request request_;
    bool answered_ = true;
    std::shared_ptr<response> out_;

    // Streaming.
    mjpeg_feed* feed_ = nullptr;
    bool chunked_ = true;
    std::unique_ptr<beast_http::response<beast_http::empty_body>> stream_header_;
    std::unique_ptr<beast_http::response_serializer<beast_http::empty_body>> stream_serializer_;
    boost::asio::steady_timer stream_limit_;
    std::shared_ptr<const std::string> in_flight_;
    std::shared_ptr<const std::string> next_;
    bool ending_ = false;
    char hangup_byte_ = 0;
};

}  // namespace camtwin::http
