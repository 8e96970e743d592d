#include "support/child_process.hpp"

#include <array>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <poll.h>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace camtwin::test {
namespace {

using clock_type = std::chrono::steady_clock;

std::vector<std::string> merged_environment(const std::vector<std::string>& extra) {
    std::vector<std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view current(*entry);
        const auto name = current.substr(0, current.find('=') + 1);
        bool replaced = false;
        for (const auto& added : extra) {
            replaced = replaced || added.starts_with(name);
        }
        if (!replaced) {
            env.emplace_back(current);
        }
    }
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (auto& s : strings) {
        pointers.push_back(s.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

// Reads what is available on fd into sink; returns false once the pipe is closed.
bool read_available(int fd, std::string& sink) {
    std::array<char, 4096> buffer{};
    const auto n = ::read(fd, buffer.data(), buffer.size());
    if (n > 0) {
        sink.append(buffer.data(), static_cast<std::size_t>(n));
        return true;
    }
    return n < 0 && errno == EAGAIN;
}

}  // namespace

child_process::child_process(std::vector<std::string> argv, std::vector<std::string> extra_env) {
    std::array<int, 2> out_pipe{};
    std::array<int, 2> err_pipe{};
    if (::pipe2(out_pipe.data(), O_CLOEXEC) != 0 || ::pipe2(err_pipe.data(), O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe2 failed");
    }
    auto env = merged_environment(extra_env);
    auto c_argv = c_strings(argv);
    auto c_env = c_strings(env);

    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
        ::setpgid(0, 0);
        // The child gets its own process group (so Ctrl-C tests can signal it), which also puts
        // it out of reach of ctest's kill: make it die with the test process instead, even when
        // that one ends without unwinding (a sanitizer's halt_on_error, a crash).
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) {
            ::_exit(127);
        }
        ::dup2(out_pipe[1], STDOUT_FILENO);
        ::dup2(err_pipe[1], STDERR_FILENO);
        ::execve(c_argv[0], c_argv.data(), c_env.data());
        std::fprintf(stderr, "execve %s: %s\n", c_argv[0], std::strerror(errno));
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    out_fd_ = out_pipe[0];
    err_fd_ = err_pipe[0];
    ::fcntl(out_fd_, F_SETFL, O_NONBLOCK);
    ::fcntl(err_fd_, F_SETFL, O_NONBLOCK);
}

child_process::~child_process() {
    if (!exited_ && pid_ > 0) {
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, &status_, 0);
    }
    if (out_fd_ >= 0) {
        ::close(out_fd_);
    }
    if (err_fd_ >= 0) {
        ::close(err_fd_);
    }
}

void child_process::drain(std::chrono::milliseconds timeout) {
    std::array<pollfd, 2> fds{{{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}}};
    if (out_fd_ < 0 && err_fd_ < 0) {
        return;
    }
    if (::poll(fds.data(), fds.size(), static_cast<int>(timeout.count())) <= 0) {
        return;
    }
    if (out_fd_ >= 0 && fds[0].revents != 0 && !read_available(out_fd_, out_)) {
        ::close(out_fd_);
        out_fd_ = -1;
    }
    if (err_fd_ >= 0 && fds[1].revents != 0 && !read_available(err_fd_, err_)) {
        ::close(err_fd_);
        err_fd_ = -1;
    }
}

std::optional<std::string> child_process::read_stdout_line(std::chrono::milliseconds timeout) {
    const auto deadline = clock_type::now() + timeout;
    while (true) {
        const auto newline = out_.find('\n', out_read_pos_);
        if (newline != std::string::npos) {
            auto line = out_.substr(out_read_pos_, newline - out_read_pos_);
            out_read_pos_ = newline + 1;
            return line;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now());
        if (left.count() <= 0 || out_fd_ < 0) {
            return std::nullopt;
        }
        drain(std::min(left, std::chrono::milliseconds(50)));
    }
}

bool child_process::wait_for_output(std::string_view needle, std::chrono::milliseconds timeout) {
    const auto deadline = clock_type::now() + timeout;
    while (out_.find(needle) == std::string::npos && err_.find(needle) == std::string::npos) {
        if (clock_type::now() >= deadline || (out_fd_ < 0 && err_fd_ < 0)) {
            return false;
        }
        drain(std::chrono::milliseconds(20));
    }
    return true;
}

void child_process::signal(int signo) {
    if (!exited_) {
        ::kill(pid_, signo);
    }
}

void child_process::signal_group(int signo) {
    if (!exited_) {
        ::kill(-pid_, signo);
    }
}

std::optional<int> child_process::wait(std::chrono::milliseconds timeout) {
    const auto deadline = clock_type::now() + timeout;
    while (!exited_) {
        drain(std::chrono::milliseconds(20));
        if (::waitpid(pid_, &status_, WNOHANG) == pid_) {
            exited_ = true;
        } else if (clock_type::now() >= deadline) {
            return std::nullopt;
        }
    }
    while (out_fd_ >= 0 || err_fd_ >= 0) {
        drain(std::chrono::milliseconds(20));
        if (clock_type::now() >= deadline + std::chrono::seconds(2)) {
            break;  // a grandchild kept a pipe open; what we have is enough
        }
    }
    if (WIFSIGNALED(status_)) {
        return 128 + WTERMSIG(status_);
    }
    return WEXITSTATUS(status_);
}

run_result run(std::vector<std::string> argv, std::vector<std::string> extra_env,
               std::chrono::milliseconds timeout) {
    child_process child(std::move(argv), std::move(extra_env));
    const auto code = child.wait(timeout);
    if (!code) {
        throw std::runtime_error("process did not exit within the timeout");
    }
    return {*code, child.out(), child.err()};
}

std::optional<int> terminate(std::unique_ptr<child_process>& child) {
    if (!child) {
        return std::nullopt;
    }
    child->signal(SIGTERM);
    auto code = child->wait(std::chrono::seconds(10));
    if (code != 0) {
        // The test will fail on the exit code; what the child said last is the only clue why.
        constexpr std::size_t tail = 4000;
        const auto& said = child->err().size() > tail
                               ? child->err().substr(child->err().size() - tail)
                               : child->err();
        std::cerr << "child exited with " << (code ? std::to_string(*code) : "no exit (timeout)")
                  << "; its stderr ends with:\n"
                  << said << '\n';
    }
    child.reset();
    return code;
}

}  // namespace camtwin::test
