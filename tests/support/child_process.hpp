#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace camtwin::test {

// A program started by a test, with its stdout and stderr captured through pipes. The destructor
// kills the process group if the test did not wait for it, so no child outlives its test.
// Not thread-safe: one test thread owns it.
class child_process {
public:
    // Starts argv[0] (a path) with the given arguments; extra_env entries are "NAME=value" and are
    // added to (or replace) the parent's environment.
    explicit child_process(std::vector<std::string> argv, std::vector<std::string> extra_env = {});
    ~child_process();

    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    // Reads stdout until one full line arrives or the timeout passes; nullopt on timeout or EOF.
    std::optional<std::string> read_stdout_line(std::chrono::milliseconds timeout);

    // Reads both pipes until needle appears in stdout or stderr; false on timeout or exit.
    bool wait_for_output(std::string_view needle, std::chrono::milliseconds timeout);

    // Sends a signal to the child.
    void signal(int signo);

    // Sends a signal to the child's whole process group, as Ctrl-C in a terminal does.
    void signal_group(int signo);

    // Waits for exit, draining both pipes meanwhile. Returns the exit code, 128+signal for a
    // signal death, or nullopt when the timeout passed (the child is then left running).
    std::optional<int> wait(std::chrono::milliseconds timeout);

    // Everything captured so far (complete after wait() returned a value).
    const std::string& out() const { return out_; }
    const std::string& err() const { return err_; }

    pid_t pid() const { return pid_; }

private:
    void drain(std::chrono::milliseconds timeout);

    pid_t pid_ = -1;
    int out_fd_ = -1;
    int err_fd_ = -1;
    bool exited_ = false;
    int status_ = 0;
    std::string out_;
    std::string err_;
    std::size_t out_read_pos_ = 0;
};

// Runs a program to completion (bounded by timeout) and returns it for inspection.
struct run_result {
    int exit_code = -1;
    std::string out;
    std::string err;
};
// Ends a child the way a service manager would: SIGTERM, then up to 10 s for it to exit, and
// resets the pointer. Returns the exit code; nullopt when there was no child or it did not exit.
std::optional<int> terminate(std::unique_ptr<child_process>& child);

run_result run(std::vector<std::string> argv, std::vector<std::string> extra_env = {},
               std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace camtwin::test
