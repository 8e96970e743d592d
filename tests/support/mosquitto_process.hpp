#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace camtwin::test {

struct mosquitto_options {
    // With a user, the broker writes a password file for user and password and refuses anonymous
    // clients; without one, anyone may connect.
    std::optional<std::string> user;
    std::string password;

    std::string binary = "/usr/sbin/mosquitto";
    std::string passwd_binary = "/usr/bin/mosquitto_passwd";

    // Lines appended to mosquitto.conf as they are, e.g. "max_queued_messages 10".
    std::vector<std::string> extra_config;
};

// The real mosquitto broker, started for one test on a free 127.0.0.1 port, with its config,
// persistence database and log in a temp_dir of its own. stop() and start() restart it on the same
// port with the same database, so persistent sessions, their subscriptions and queued QoS 1
// messages survive the restart.
//
// Persistence: mosquitto writes its database on SIGTERM (stop()) and, between restarts, after
// every change (autosave_on_changes with autosave_interval 1), so a kill() loses at most the
// change that was being saved. Logs go to a file (log()), not to a pipe: a test that never reads
// a pipe would block a chatty broker once the pipe is full.
//
// When the test runs as root the broker keeps running as root ("user root") instead of
// dropping to the mosquitto user: changing credentials clears PR_SET_PDEATHSIG, and an orphaned
// broker would outlive a test process that crashed or was killed by ctest's timeout.
//
// Every method waits at most a few seconds and throws std::runtime_error, with the broker's log,
// when the broker does not come up or go down in time. Not thread-safe: one test thread owns it.
class mosquitto_process {
public:
    explicit mosquitto_process(mosquitto_options options = {});
    ~mosquitto_process();

    mosquitto_process(const mosquitto_process&) = delete;
    mosquitto_process& operator=(const mosquitto_process&) = delete;

    int port() const { return port_; }

    // "tcp://127.0.0.1:PORT"
    std::string url() const;

    // Starts the broker again after stop() or kill(), on the same port and database. Retries for
    // up to 5 s while the port cannot be bound yet.
    void start();

    // SIGTERM and wait: mosquitto saves its database and says goodbye to its clients.
    void stop();

    // SIGKILL and wait: a crash; clients see their connections drop without a DISCONNECT.
    void kill();

    // False once the broker exited, by stop(), kill() or on its own.
    bool running();

    // The broker's log of every start so far.
    std::string log() const;

    const std::filesystem::path& directory() const { return dir_.path(); }

private:
    enum class launch_result { ready, port_in_use };

    void write_password_file() const;
    void write_config() const;
    launch_result launch();
    std::filesystem::path log_file(int start) const;
    void stop_with(int signo);

    mosquitto_options options_;
    temp_dir dir_;
    int port_ = 0;
    int starts_ = 0;
    std::unique_ptr<child_process> child_;
};

}  // namespace camtwin::test
