#include "support/camsim_process.hpp"

#include <csignal>
#include <stdexcept>

#include "support/curl_client.hpp"

namespace camtwin::test {
namespace {

using namespace std::chrono_literals;

nlohmann::json control_call(const camsim_camera& camera, const std::string& method,
                            const std::string& path, const std::string& body) {
    curl_client client;
    const auto result = client.request(method, camera.control + path, body);
    if (result.status != 200) {
        throw std::runtime_error("camsim control " + method + " " + path + " answered " +
                                 std::to_string(result.status) + ": " + result.body);
    }
    return result.body.empty() ? nlohmann::json() : nlohmann::json::parse(result.body);
}

}  // namespace

camsim_process::camsim_process(const std::string& binary, camsim_options options)
    : options_(std::move(options)) {
    std::vector<std::string> argv = {binary,
                                     "--listen",
                                     "127.0.0.1",
                                     "--http-port",
                                     "0",
                                     "--rtsp-port",
                                     "0",
                                     "--user",
                                     options_.user,
                                     "--password",
                                     options_.password,
                                     "--auth",
                                     options_.auth,
                                     "--cameras",
                                     std::to_string(options_.cameras)};
    argv.insert(argv.end(), options_.extra_args.begin(), options_.extra_args.end());
    child_ = std::make_unique<child_process>(argv);

    const auto line = child_->read_stdout_line(15s);
    if (!line) {
        child_->wait(1s);
        throw std::runtime_error("camsim did not print its ready line; stderr: " + child_->err());
    }
    const auto ready = nlohmann::json::parse(*line);
    for (const auto& camera : ready.at("cameras")) {
        cameras_.push_back({camera.at("http"), camera.at("rtsp"), camera.value("control", "")});
    }
}

camsim_process::~camsim_process() {
    child_->signal(SIGTERM);
    if (!child_->wait(5s)) {
        child_->signal(SIGKILL);
        child_->wait(5s);
    }
}

nlohmann::json camsim_process::state(std::size_t i) const {
    return control_call(camera(i), "GET", "/state", "");
}

void camsim_process::set_faults(const nlohmann::json& faults, std::size_t i) const {
    control_call(camera(i), "PUT", "/faults", faults.dump());
}

void camsim_process::reset(std::size_t i) const {
    control_call(camera(i), "POST", "/reset", "");
}

}  // namespace camtwin::test
