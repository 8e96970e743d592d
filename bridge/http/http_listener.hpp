#pragma once

#include <map>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <spdlog/logger.h>

#include "config/config.hpp"
#include "http/http_exchange.hpp"

namespace camtwin::http {

class http_session;

// Accepts connections on one address and gives each to an http_session. Past
// limits.max_connections a new connection is answered 503 and closed, so a flood of clients
// cannot exhaust the process's descriptors or memory.
//
// Threads: the loop thread only.
class http_listener {
public:
    // name says what the listener serves, for logs ("main", "device cam1").
    http_listener(boost::asio::io_context& loop, std::string name, const http_limits_config& limits,
                  request_handler& handler, std::shared_ptr<spdlog::logger> log);
    ~http_listener();

    // Binds and listens; throws std::runtime_error naming the address when it cannot.
    void listen(const boost::asio::ip::tcp::endpoint& endpoint);
    void start();
    // Stops accepting and closes every connection (streams end cleanly).
    void shutdown();

    std::size_t connections() const { return sessions_.size(); }
    std::uint16_t port() const;

private:
    void accept();
    void turn_away(boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& loop_;
    std::string name_;
    const http_limits_config& limits_;
    request_handler& handler_;
    std::shared_ptr<spdlog::logger> log_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::map<const http_session*, std::weak_ptr<http_session>> sessions_;
    bool stopped_ = false;
};

}  // namespace camtwin::http
