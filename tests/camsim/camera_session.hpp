#pragma once

#include <memory>
#include <optional>
#include <utility>  // before boost/asio/awaitable.hpp, which needs std::exchange (Boost 1.74)

#include <boost/asio/awaitable.hpp>

#include "isapi_reply.hpp"

namespace camsim {

class camera;
class connection;
struct camera_context;

// The HTTP/1.1 conversation on one camera connection: keep-alive with the camera's headers,
// the request-level faults, auth, then the ISAPI handler. Loop thread.
class camera_session {
public:
    camera_session(camera& owner, std::shared_ptr<connection> conn);

    boost::asio::awaitable<void> run();

private:
    // Answers one request; false when the connection must end.
    boost::asio::awaitable<bool> serve(const http_request& request);

    // The 401 answer, or nullopt when the request may proceed.
    std::optional<isapi_reply> authorise(const http_request& request);

    void apply_body_faults(isapi_reply& reply, std::string_view url);
    boost::asio::awaitable<bool> send(isapi_reply& reply, bool keep_alive);

    camera& camera_;
    camera_context& context_;
    std::shared_ptr<connection> conn_;
    int served_ = 0;
};

}  // namespace camsim
