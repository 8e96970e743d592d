#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/child_process.hpp"

namespace camtwin::test {

// One simulated camera as camsim's ready line describes it.
struct camsim_camera {
    std::string http;     // http://127.0.0.1:PORT
    std::string rtsp;     // rtsp://127.0.0.1:PORT/Streaming/Channels/101
    std::string control;  // http://127.0.0.1:PORT of the fault-injection API

    std::string address() const { return http.substr(http.find("://") + 3); }
};

struct camsim_options {
    std::string user = "admin";
    std::string password = "Test1234!";
    std::string auth = "digest";
    int cameras = 1;
    std::vector<std::string> extra_args;
};

// The camsim binary started on free ports for one test, and its control API. Stopped (SIGTERM,
// then SIGKILL) when the object goes. Throws std::runtime_error when camsim does not come up.
class camsim_process {
public:
    camsim_process(const std::string& binary, camsim_options options = {});
    ~camsim_process();

    const std::vector<camsim_camera>& cameras() const { return cameras_; }
    const camsim_camera& camera(std::size_t i = 0) const { return cameras_.at(i); }
    const camsim_options& options() const { return options_; }

    // GET /state of camera i: PTZ, counters, faults (see tests/camsim/README.md).
    nlohmann::json state(std::size_t i = 0) const;

    // PUT /faults with the given keys; throws when camsim refuses them.
    void set_faults(const nlohmann::json& faults, std::size_t i = 0) const;

    // POST /reset: faults, counters, lockouts and PTZ back to the start.
    void reset(std::size_t i = 0) const;

private:
    camsim_options options_;
    std::unique_ptr<child_process> child_;
    std::vector<camsim_camera> cameras_;
};

}  // namespace camtwin::test
