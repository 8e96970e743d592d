#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/logger.h>

#include "config/config.hpp"
#include "log/logging.hpp"

namespace camtwin {

// The composition root of the running service: it owns the one event loop on which the
// service's state lives, and (as the parts land) the device twins and the MQTT and HTTP fronts,
// wired to each other here and nowhere else. Library threads post into io_context().
//
// Threads: construct and run() on the main thread; stop() may be called from any thread.
class service {
public:
    service(config cfg, const log_factory& logs);

    // Runs the event loop until SIGINT or SIGTERM (or stop()); returns the process exit code.
    int run();

    void stop();

    boost::asio::io_context& io_context() { return io_; }

private:
    void log_summary() const;
    void wait_for_signal();

    config cfg_;
    std::shared_ptr<spdlog::logger> log_;
    boost::asio::io_context io_;
    boost::asio::signal_set signals_;
};

}  // namespace camtwin
