#include "http/http_session.hpp"

#include <array>

#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace camtwin::http {
namespace {

using error_code = boost::system::error_code;

// Shifu's framing of one part, byte for byte (docs/http.md).
constexpr std::string_view part_head = "--frame\r\nContent-Type: image/jpeg\r\n\r\n";
constexpr std::string_view part_tail = "\r\n";

std::size_t buffer_limit(const http_limits_config& limits) {
    return static_cast<std::size_t>(limits.max_header_bytes) +
           static_cast<std::size_t>(limits.max_body_bytes) + 4096;
}

}  // namespace

http_session::http_session(boost::asio::ip::tcp::socket socket, const http_limits_config& limits,
                           request_handler& handler, finished on_finished)
    : stream_(std::move(socket)),
      buffer_(buffer_limit(limits)),
      limits_(limits),
      handler_(handler),
      on_finished_(std::move(on_finished)),
      stream_limit_(stream_.get_executor()) {}

void http_session::start() {
    wait_for_request();
}

void http_session::close() {
    closing_ = true;
    switch (phase_) {
        case phase::idle:
        case phase::reading:
            stream_.cancel();  // the read ends with operation_aborted, and finish() follows
            break;
        case phase::streaming:
            end_stream();
            break;
        default:
            break;  // answered first; on_written() sees closing_ and closes
    }
}

// Waits up to the idle timeout for the first bytes of the next request, so that a kept-alive
// connection may stay quiet while the request itself must then arrive within the request timeout.
void http_session::wait_for_request() {
    if (buffer_.size() > 0) {
        read_request();  // a pipelined request is already here
        return;
    }
    phase_ = phase::idle;
    stream_.expires_after(std::chrono::seconds(limits_.idle_timeout_s));
    stream_.async_read_some(
        buffer_.prepare(static_cast<std::size_t>(limits_.max_header_bytes)),
        [self = shared_from_this()](const error_code& error, std::size_t bytes) {
            if (error) {
                self->finish();
                return;
            }
            self->buffer_.commit(bytes);
            self->read_request();
        });
}

void http_session::read_request() {
    if (closing_) {
        finish();
        return;
    }
    phase_ = phase::reading;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
    parser_->body_limit(static_cast<std::uint64_t>(limits_.max_body_bytes));
    stream_.expires_after(std::chrono::seconds(limits_.request_timeout_s));
    beast_http::async_read(stream_, buffer_, *parser_,
                           [self = shared_from_this()](const error_code& error, std::size_t) {
                               self->on_request(error);
                           });
}

void http_session::on_request(const error_code& error) {
    if (error == beast_http::error::end_of_stream || error == boost::asio::error::eof ||
        error == boost::asio::error::operation_aborted || error == boost::beast::error::timeout ||
        error == boost::asio::error::connection_reset) {
        finish();  // gone, too slow or shut down: nobody to answer
        return;
    }
    if (error == beast_http::error::header_limit) {
        refuse(
            status::request_header_fields_too_large,
            "request header larger than " + std::to_string(limits_.max_header_bytes) + " bytes\n");
        return;
    }
    if (error == beast_http::error::body_limit) {
        refuse(status::payload_too_large,
               "request body larger than " + std::to_string(limits_.max_body_bytes) + " bytes\n");
        return;
    }
    if (error) {
        refuse(status::bad_request, "malformed request: " + error.message() + "\n");
        return;
    }
    request_ = parser_->release();
    parser_.reset();
    phase_ = phase::handling;
    answered_ = false;
    handler_.handle(std::shared_ptr<http_exchange>(shared_from_this(), this));
}

// An answer to a request that could not be read whole; the connection closes after it.
void http_session::refuse(status code, std::string body) {
    request_ = {};
    request_.keep_alive(false);
    answered_ = false;
    closing_ = true;
    respond(make_response(code, std::move(body), text_plain));
}

void http_session::respond(response answer) {
    if (answered_ || phase_ == phase::closed) {
        return;
    }
    answered_ = true;
    phase_ = phase::writing;
    const bool keep_alive = request_.keep_alive() && !closing_;
    answer.version(request_.version() == 10 ? 10 : 11);
    answer.keep_alive(keep_alive);
    answer.prepare_payload();
    if (request_.method() == beast_http::verb::head) {
        answer.body().clear();  // the length stays as prepared: HEAD says what GET would send
    }
    out_ = std::make_shared<response>(std::move(answer));
    stream_.expires_after(std::chrono::seconds(limits_.request_timeout_s));
    beast_http::async_write(
        stream_, *out_,
        [self = shared_from_this(), keep_alive](const error_code& error, std::size_t) {
            self->on_written(error, keep_alive);
        });
}

void http_session::on_written(const error_code& error, bool keep_alive) {
    out_.reset();
    if (error || !keep_alive || closing_) {
        finish();
        return;
    }
    wait_for_request();
}

void http_session::stream_mjpeg(mjpeg_feed& feed, std::optional<std::chrono::milliseconds> limit) {
    if (answered_ || phase_ == phase::closed) {
        return;
    }
    answered_ = true;
    phase_ = phase::streaming;
    feed_ = &feed;
    chunked_ = request_.version() >= 11;
    stream_header_ = std::make_unique<beast_http::response<beast_http::empty_body>>(
        status::ok, request_.version());
    stream_header_->set(beast_http::field::content_type,
                        "multipart/x-mixed-replace; boundary=frame");
    stream_header_->set(beast_http::field::cache_control, "no-store");
    stream_header_->keep_alive(false);
    stream_header_->chunked(chunked_);
    stream_serializer_ =
        std::make_unique<beast_http::response_serializer<beast_http::empty_body>>(*stream_header_);
    stream_.expires_after(std::chrono::seconds(limits_.request_timeout_s));
    beast_http::async_write_header(
        stream_, *stream_serializer_,
        [self = shared_from_this()](const error_code& error, std::size_t) {
            if (error) {
                self->finish();
                return;
            }
            self->watch_for_hangup();
            if (self->closing_) {
                self->end_stream();
                return;
            }
            self->feed_->join(std::shared_ptr<frame_viewer>(self, self.get()));
        });
    if (limit) {
        stream_limit_.expires_after(*limit);
        stream_limit_.async_wait([self = shared_from_this()](const error_code& error) {
            if (!error) {
                self->end_stream();
            }
        });
    }
}

void http_session::show(const std::shared_ptr<const std::string>& jpeg) {
    if (phase_ != phase::streaming || ending_) {
        return;
    }
    if (in_flight_) {
        if (next_ && feed_ != nullptr) {
            feed_->count_skipped();  // a slow viewer gets the newest frame, never a backlog
        }
        next_ = jpeg;
        return;
    }
    write_frame(jpeg);
}

void http_session::write_frame(std::shared_ptr<const std::string> jpeg) {
    in_flight_ = std::move(jpeg);
    const std::array<boost::asio::const_buffer, 3> part{boost::asio::buffer(part_head),
                                                        boost::asio::buffer(*in_flight_),
                                                        boost::asio::buffer(part_tail)};
    auto done = [self = shared_from_this()](const error_code& error, std::size_t bytes) {
        self->on_frame_written(error, bytes);
    };
    stream_.expires_after(std::chrono::seconds(limits_.request_timeout_s));
    if (chunked_) {
        boost::asio::async_write(stream_, beast_http::make_chunk(part), std::move(done));
    } else {
        boost::asio::async_write(stream_, part, std::move(done));
    }
}

void http_session::on_frame_written(const error_code& error, std::size_t bytes) {
    in_flight_.reset();
    if (feed_ != nullptr) {
        feed_->count_sent(bytes);
    }
    if (error) {
        finish();
        return;
    }
    if (ending_) {
        ending_ = false;
        end_stream();
        return;
    }
    if (next_) {
        write_frame(std::move(next_));
    }
}

// A stream's client sends nothing; a read that ends tells that it has gone, also while no frame
// is being written (a camera that is down sends none).
void http_session::watch_for_hangup() {
    stream_.socket().async_read_some(
        boost::asio::buffer(&hangup_byte_, 1),
        [self = shared_from_this()](const error_code& error, std::size_t) {
            if (error) {
                self->finish();
                return;
            }
            self->watch_for_hangup();  // a chatty client: ignore what it says
        });
}

void http_session::end_stream() {
    if (phase_ != phase::streaming) {
        return;
    }
    if (in_flight_) {
        ending_ = true;  // after the part that is being written
        return;
    }
    phase_ = phase::writing;
    stream_limit_.cancel();
    if (feed_) {
        feed_->leave(this);
    }
    if (!chunked_) {
        finish();
        return;
    }
    stream_.expires_after(std::chrono::seconds(limits_.request_timeout_s));
    boost::asio::async_write(
        stream_, beast_http::make_chunk_last(),
        [self = shared_from_this()](const error_code&, std::size_t) { self->finish(); });
}

void http_session::finish() {
    if (phase_ == phase::closed) {
        return;
    }
    phase_ = phase::closed;
    stream_limit_.cancel();
    if (feed_) {
        feed_->leave(this);
        feed_ = nullptr;
    }
    error_code ignored;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    stream_.close();
    if (on_finished_) {
        on_finished_(this);
    }
}

}  // namespace camtwin::http
