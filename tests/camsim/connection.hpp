#pragma once

#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

namespace camsim {

// One accepted TCP connection. The listener keeps a weak reference so that faults can drop every
// connection at once. Loop thread only.
class connection {
public:
    explicit connection(boost::asio::ip::tcp::socket socket);

    boost::beast::tcp_stream& stream() { return stream_; }

    // Long waits (the alertStream) wait on this timer; close() and reset() cancel it.
    boost::asio::steady_timer& wake() { return wake_; }

    const std::string& remote_address() const { return remote_address_; }

    bool is_open() const { return open_; }

    // Closes gracefully (FIN).
    void close();

    // Closes with a TCP reset (RST), the "connection reset by peer" fault.
    void reset();

private:
    boost::beast::tcp_stream stream_;
    boost::asio::steady_timer wake_;
    std::string remote_address_;
    bool open_ = true;
};

}  // namespace camsim
