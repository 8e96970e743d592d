#include "http_listener.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

namespace camsim {

namespace asio = boost::asio;
using asio::ip::tcp;

http_listener::http_listener(asio::any_io_executor executor, std::string address,
                             unsigned short port, session_function session)
    : executor_(std::move(executor)),
      address_(std::move(address)),
      port_(port),
      session_(std::move(session)) {}

void http_listener::open() {
    if (acceptor_) {
        return;
    }
    tcp::endpoint endpoint(asio::ip::make_address(address_), port_);
    auto acceptor = std::make_shared<tcp::acceptor>(executor_);
    acceptor->open(endpoint.protocol());
    acceptor->set_option(asio::socket_base::reuse_address(true));
    acceptor->bind(endpoint);
    acceptor->listen();
    port_ = acceptor->local_endpoint().port();

    acceptor_ = acceptor;
    asio::co_spawn(executor_, accept_loop(acceptor), asio::detached);
}

void http_listener::close() {
    if (!acceptor_) {
        return;
    }
    boost::system::error_code ec;
    acceptor_->close(ec);
    acceptor_.reset();
}

void http_listener::drop_connections() {
    for (auto& weak : connections_) {
        if (auto conn = weak.lock()) {
            conn->close();
        }
    }
    connections_.clear();
}

std::size_t http_listener::connection_count() {
    connections_.remove_if([](const std::weak_ptr<connection>& weak) {
        auto conn = weak.lock();
        return !conn || !conn->is_open();
    });
    return connections_.size();
}

// Each open() runs its own loop on its own acceptor, so a loop ends when its acceptor closes.
asio::awaitable<void> http_listener::accept_loop(std::shared_ptr<tcp::acceptor> acceptor) {
    while (acceptor->is_open()) {
        boost::system::error_code ec;
        tcp::socket socket =
            co_await acceptor->async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) {
            co_return;
        }
        if (ec) {
            spdlog::debug("[camsim] accept on port {} failed: {}", port_, ec.message());
            continue;
        }
        start_session(std::move(socket));
    }
}

void http_listener::start_session(tcp::socket socket) {
    auto conn = std::make_shared<connection>(std::move(socket));
    connection_count();  // prunes closed entries
    connections_.push_back(conn);

    auto run = [session = session_, conn]() -> asio::awaitable<void> {
        try {
            co_await session(conn);
        } catch (const std::exception& e) {
            spdlog::debug("[camsim] session from '{}' ended: {}", conn->remote_address(), e.what());
        }
        conn->close();
    };
    asio::co_spawn(executor_, std::move(run), asio::detached);
}

}  // namespace camsim
