#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include "http/http_message.hpp"

namespace camtwin::http {

class mjpeg_feed;

// One request on its way to an answer. A handler answers it once, with respond() or
// stream_mjpeg(); later calls do nothing, and so do calls after the client has gone, so a
// handler whose camera call outlived its client need not care.
// Threads: the loop thread only.
class http_exchange {
public:
    virtual ~http_exchange() = default;

    virtual const request& message() const = 0;
    virtual bool answered() const = 0;

    virtual void respond(response answer) = 0;

    // Answers with a multipart/x-mixed-replace stream of the feed's frames, one part per frame,
    // until the client leaves, the limit passes or the server stops; then the stream ends cleanly.
    virtual void stream_mjpeg(mjpeg_feed& feed, std::optional<std::chrono::milliseconds> limit) = 0;
};

using exchange_ptr = std::shared_ptr<http_exchange>;

// What a listener hands each request to.
class request_handler {
public:
    virtual ~request_handler() = default;
    virtual void handle(const exchange_ptr& exchange) = 0;
};

}  // namespace camtwin::http
