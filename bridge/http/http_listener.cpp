#include "http/http_listener.hpp"

#include <stdexcept>

#include <boost/asio/write.hpp>
#include <fmt/format.h>

#include "http/http_session.hpp"

namespace camtwin::http {
namespace {

constexpr std::string_view too_many =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 21\r\nRetry-After: 1\r\nConnection: close\r\n\r\ntoo many connections\n";

}  // namespace

http_listener::http_listener(boost::asio::io_context& loop, std::string name,
                             const http_limits_config& limits, request_handler& handler,
                             std::shared_ptr<spdlog::logger> log)
    : loop_(loop),
      name_(std::move(name)),
      limits_(limits),
      handler_(handler),
      log_(std::move(log)),
      acceptor_(loop) {}

http_listener::~http_listener() = default;

void http_listener::listen(const boost::asio::ip::tcp::endpoint& endpoint) {
    boost::system::error_code error;
    acceptor_.open(endpoint.protocol(), error);
    if (!error) {
        acceptor_.set_option(boost::asio::socket_base::reuse_address(true), error);
    }
    if (!error) {
        acceptor_.bind(endpoint, error);
    }
    if (!error) {
        acceptor_.listen(boost::asio::socket_base::max_listen_connections, error);
    }
    if (error) {
        throw std::runtime_error(fmt::format("http {}: cannot listen on {}:{}: {}", name_,
                                             endpoint.address().to_string(), endpoint.port(),
                                             error.message()));
    }
}

std::uint16_t http_listener::port() const {
    boost::system::error_code error;
    return acceptor_.local_endpoint(error).port();
}

void http_listener::start() {
    log_->info("{} listening on port {}", name_, port());
    accept();
}

void http_listener::shutdown() {
    stopped_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    auto sessions = sessions_;  // closing may finish a session at once, which erases it
    for (auto& [key, weak] : sessions) {
        if (const auto session = weak.lock()) {
            session->close();
        }
    }
}

void http_listener::accept() {
    acceptor_.async_accept(
        [this](const boost::system::error_code& error, boost::asio::ip::tcp::socket socket) {
            if (stopped_) {
                return;
            }
            if (error) {
                // Out of descriptors, for instance: say so and keep accepting.
                log_->warn("{}: accept failed: {}", name_, error.message());
            } else if (sessions_.size() >= static_cast<std::size_t>(limits_.max_connections)) {
                turn_away(std::move(socket));
            } else {
                auto session = std::make_shared<http_session>(
                    std::move(socket), limits_, handler_,
                    [this](const http_session* done) { sessions_.erase(done); });
                sessions_.emplace(session.get(), session);
                session->start();
            }
            accept();
        });
}

void http_listener::turn_away(boost::asio::ip::tcp::socket socket) {
    log_->debug("{}: {} connections open, turning one away", name_, sessions_.size());
    auto shared = std::make_shared<boost::asio::ip::tcp::socket>(std::move(socket));
    boost::asio::async_write(*shared, boost::asio::buffer(too_many),
                             [shared](const boost::system::error_code&, std::size_t) {
                                 boost::system::error_code ignored;
                                 shared->shutdown(boost::asio::ip::tcp::socket::shutdown_both,
                                                  ignored);
                                 shared->close(ignored);
                             });
}

}  // namespace camtwin::http
