#pragma once

#include <string>
#include <utility>  // before boost/asio/awaitable.hpp, which needs std::exchange (Boost 1.74)

#include <boost/asio/any_io_executor.hpp>
#include <nlohmann/json.hpp>

#include "http_listener.hpp"
#include "isapi_reply.hpp"

namespace camsim {

class camera;

// The JSON control API of one camera, on its own port so that it never touches the camera's auth
// counters and stays up while the camera is away. See README.md for the routes. Loop thread.
class control_server {
public:
    control_server(boost::asio::any_io_executor executor, std::string address, int port,
                   camera& owner);

    void open() { listener_.open(); }
    void close();
    unsigned short port() const { return listener_.port(); }

private:
    boost::asio::awaitable<void> serve(std::shared_ptr<connection> conn);
    http_response handle(const http_request& request);
    nlohmann::json put_faults(const nlohmann::json& patch);
    nlohmann::json post_event(const nlohmann::json& body);

    http_listener listener_;
    camera& camera_;
};

}  // namespace camsim
