#pragma once

#include <memory>
#include <utility>  // before boost/asio/awaitable.hpp, which needs std::exchange (Boost 1.74)

#include <boost/asio/awaitable.hpp>

namespace camsim {

class connection;
struct camera_context;

// Serves GET /ISAPI/Event/notification/alertStream on `conn` until the connection closes:
// HTTP/1.0-style headers without Content-Length, then one multipart part per event, with a
// videoloss/inactive heartbeat every faults.heartbeat_ms. Loop thread.
// TODO(#3): no stream quirks yet: duplicate boundary lines, JPEG parts after smart events, a
// disconnect after X seconds, a 403 answer.
boost::asio::awaitable<void> serve_alert_stream(camera_context& context,
                                                std::shared_ptr<connection> conn);

}  // namespace camsim
