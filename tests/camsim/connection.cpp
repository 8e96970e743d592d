#include "connection.hpp"

#include <boost/asio/socket_base.hpp>

namespace camsim {

connection::connection(boost::asio::ip::tcp::socket socket)
    : stream_(std::move(socket)), wake_(stream_.get_executor()) {
    boost::system::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    remote_address_ = ec ? "unknown" : endpoint.address().to_string();
}

void connection::close() {
    if (!open_) {
        return;
    }
    open_ = false;
    boost::system::error_code ec;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
    wake_.cancel();
}

void connection::reset() {
    if (!open_) {
        return;
    }
    open_ = false;
    boost::system::error_code ec;
    stream_.socket().set_option(boost::asio::socket_base::linger(true, 0), ec);
    stream_.socket().close(ec);
    wake_.cancel();
}

}  // namespace camsim
