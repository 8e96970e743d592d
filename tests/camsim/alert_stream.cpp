#include "alert_stream.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>

#include "camera_context.hpp"
#include "connection.hpp"

namespace camsim {

namespace asio = boost::asio;

namespace {

constexpr auto write_timeout = std::chrono::seconds(10);

std::string part(const std::string& document) {
    return fmt::format(
        "--boundary\r\nContent-Type: application/xml; charset=\"UTF-8\"\r\n"
        "Content-Length: {}\r\n\r\n{}",
        document.size(), document);
}

std::string heartbeat(const camera_context& context) {
    alert_event event;
    event.type = "videoloss";
    event.state = "inactive";
    event.post_count = 0;
    return documents::alert(context.faults.ns, context.identity, event);
}

asio::awaitable<bool> send(connection& conn, std::string text) {
    boost::system::error_code ec;
    conn.stream().expires_after(write_timeout);
    co_await asio::async_write(conn.stream(), asio::buffer(text),
                               asio::redirect_error(asio::use_awaitable, ec));
    co_return !ec && conn.is_open();
}

}  // namespace

asio::awaitable<void> serve_alert_stream(camera_context& context,
                                         std::shared_ptr<connection> conn) {
    auto sub = context.alerts.subscribe(conn);
    std::string head =
        "HTTP/1.0 200 OK\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=boundary\r\n\r\n";
    if (!co_await send(*conn, head)) {
        co_return;
    }

    auto next_heartbeat =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(context.faults.heartbeat_ms);
    while (conn->is_open()) {
        while (!sub->pending.empty()) {
            std::string document = std::move(sub->pending.front());
            sub->pending.pop_front();
            if (!co_await send(*conn, part(document))) {
                co_return;
            }
        }

        // Woken early by alert_hub::publish (cancel) or by the connection closing.
        boost::system::error_code ec;
        conn->wake().expires_at(next_heartbeat);
        co_await conn->wake().async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (!conn->is_open()) {
            co_return;
        }
        if (std::chrono::steady_clock::now() >= next_heartbeat) {
            if (!co_await send(*conn, part(heartbeat(context)))) {
                co_return;
            }
            next_heartbeat = std::chrono::steady_clock::now() +
                             std::chrono::milliseconds(context.faults.heartbeat_ms);
        }
    }
}

}  // namespace camsim
