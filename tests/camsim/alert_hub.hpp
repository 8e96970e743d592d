#pragma once

#include <deque>
#include <list>
#include <memory>
#include <string>

#include "connection.hpp"

namespace camsim {

// The open alertStream connections of one camera and the parts waiting to be sent to each.
// Loop thread only.
class alert_hub {
public:
    struct subscriber {
        std::shared_ptr<connection> conn;
        std::deque<std::string> pending;  // documents to send as parts
    };

    std::shared_ptr<subscriber> subscribe(std::shared_ptr<connection> conn);

    // Queues the document on every open stream and wakes them; returns how many streams got it.
    std::size_t publish(const std::string& document);

    std::size_t count();

private:
    void prune();

    std::list<std::weak_ptr<subscriber>> subscribers_;
};

}  // namespace camsim
