#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "config/config.hpp"
#include "log/logging.hpp"
#include "twin/device_twin.hpp"

namespace camtwin {

// Builds the twin of one configured device with its camera client (libcurl session, ISAPI auth,
// Hikvision operations). The one place that knows which camera kind a device is.
std::shared_ptr<twin::device_twin> make_device_twin(boost::asio::io_context& loop,
                                                    boost::asio::thread_pool& workers,
                                                    const device_config& device,
                                                    const log_factory& logs);

}  // namespace camtwin
