#pragma once

#include <functional>
#include <list>
#include <memory>
#include <string>
#include <utility>  // before boost/asio/awaitable.hpp, which needs std::exchange (Boost 1.74)

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "connection.hpp"

namespace camsim {

// A listening socket that runs one coroutine per accepted connection. It can stop listening (the
// port then refuses connections) and listen again on the same port, and drop every open
// connection. Loop thread only; the owner must outlive the io_context's run.
class http_listener {
public:
    using session_function =
        std::function<boost::asio::awaitable<void>(std::shared_ptr<connection>)>;

    http_listener(boost::asio::any_io_executor executor, std::string address, unsigned short port,
                  session_function session);

    // Binds and listens; the first call with port 0 picks a free port, later calls reuse it.
    // Throws boost::system::system_error when the port cannot be bound.
    void open();

    // Closes the listening socket: new connections are refused. Open connections stay.
    void close();

    void drop_connections();

    bool is_open() const { return acceptor_ != nullptr; }
    unsigned short port() const { return port_; }
    std::size_t connection_count();

private:
    boost::asio::awaitable<void> accept_loop(std::shared_ptr<boost::asio::ip::tcp::acceptor> acc);
    void start_session(boost::asio::ip::tcp::socket socket);

    boost::asio::any_io_executor executor_;
    std::string address_;
    unsigned short port_;
    session_function session_;
    std::shared_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
    std::list<std::weak_ptr<connection>> connections_;
};

}  // namespace camsim
