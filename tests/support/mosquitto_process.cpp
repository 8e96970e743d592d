#include "support/mosquitto_process.hpp"

#include <arpa/inet.h>
#include <csignal>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace camtwin::test {
namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

constexpr auto ready_timeout = 5s;
constexpr auto restart_timeout = 5s;
constexpr auto exit_timeout = 5s;
constexpr int port_attempts = 5;

// A TCP socket, closed on scope exit.
class socket_fd {
public:
    socket_fd() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        if (fd_ < 0) {
            throw std::runtime_error("socket() failed");
        }
    }
    ~socket_fd() { ::close(fd_); }

    socket_fd(const socket_fd&) = delete;
    socket_fd& operator=(const socket_fd&) = delete;

    int get() const { return fd_; }

private:
    int fd_;
};

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

// A port that was free a moment ago: the kernel's pick for port 0. Another process may take it
// before the broker binds it; launch() reports that and the caller picks again.
int free_port() {
    socket_fd socket;
    auto address = loopback(0);
    socklen_t length = sizeof(address);
    if (::bind(socket.get(), reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("cannot pick a free port on 127.0.0.1");
    }
    return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
    socket_fd socket;
    timeval timeout{0, 500000};  // bounds connect() too
    ::setsockopt(socket.get(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
    const auto address = loopback(port);
    return ::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) ==
           0;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

}  // namespace

mosquitto_process::mosquitto_process(mosquitto_options options) : options_(std::move(options)) {
    std::filesystem::create_directories(dir_.path() / "persistence");
    if (options_.user) {
        write_password_file();
    }
    for (int attempt = 0; attempt < port_attempts; ++attempt) {
        port_ = free_port();
        if (launch() == launch_result::ready) {
            return;
        }
    }
    throw std::runtime_error("mosquitto found no free port in " + std::to_string(port_attempts) +
                             " attempts; log:\n" + log());
}

mosquitto_process::~mosquitto_process() {
    if (child_ && running()) {
        child_->signal(SIGTERM);
        if (!child_->wait(exit_timeout)) {
            child_->signal(SIGKILL);
            child_->wait(exit_timeout);
        }
    }
}

std::string mosquitto_process::url() const {
    return "tcp://127.0.0.1:" + std::to_string(port_);
}

void mosquitto_process::start() {
    if (running()) {
        throw std::logic_error("mosquitto_process::start: the broker is running");
    }
    // The port can still be bound for a moment after the broker's exit, or taken by another
    // process meanwhile: retry, bounded.
    const auto deadline = clock_type::now() + restart_timeout;
    while (launch() == launch_result::port_in_use) {
        if (clock_type::now() >= deadline) {
            throw std::runtime_error("mosquitto could not bind port " + std::to_string(port_) +
                                     " again; log:\n" + log());
        }
        std::this_thread::sleep_for(100ms);
    }
}

void mosquitto_process::stop() {
    stop_with(SIGTERM);
}

void mosquitto_process::kill() {
    stop_with(SIGKILL);
}

bool mosquitto_process::running() {
    return child_ && !child_->wait(0ms);
}

std::string mosquitto_process::log() const {
    std::string text;
    for (int start = 1; start <= starts_; ++start) {
        text += "--- mosquitto start " + std::to_string(start) + " ---\n";
        text += read_file(log_file(start));
    }
    if (child_ && !child_->err().empty()) {
        text += "--- stderr ---\n" + child_->err();
    }
    return text;
}

void mosquitto_process::write_password_file() const {
    const auto file = dir_.path() / "passwords";
    const auto result =
        run({options_.passwd_binary, "-b", "-c", file.string(), *options_.user, options_.password},
            {}, 10s);
    if (result.exit_code != 0) {
        throw std::runtime_error("mosquitto_passwd failed: " + result.out + result.err);
    }
}

void mosquitto_process::write_config() const {
    const auto& dir = dir_.path();
    std::vector<std::string> lines = {
        "listener " + std::to_string(port_) + " 127.0.0.1",
        // persistence_location must end with a slash: mosquitto appends the file name as it is.
        "persistence true",
        "persistence_location " + (dir / "persistence").string() + "/",
        "persistence_file mosquitto.db",
        "autosave_on_changes true",
        "autosave_interval 1",
        "log_dest file " + log_file(starts_).string(),
        "log_type error",
        "log_type warning",
        "log_type notice",
        "log_type information",  // holds the "running" line that launch() waits for
        "log_type subscribe",
        "log_type unsubscribe",
        "log_timestamp_format %H:%M:%S",
        "connection_messages true",
    };
    if (options_.user) {
        lines.emplace_back("allow_anonymous false");
        lines.push_back("password_file " + (dir / "passwords").string());
    } else {
        lines.emplace_back("allow_anonymous true");
    }
    if (::geteuid() == 0) {
        lines.emplace_back("user root");  // see the class comment
    }
    lines.insert(lines.end(), options_.extra_config.begin(), options_.extra_config.end());

    std::string config;
    for (const auto& line : lines) {
        config += line + "\n";
    }
    dir_.write("mosquitto.conf", config);
}

mosquitto_process::launch_result mosquitto_process::launch() {
    ++starts_;
    write_config();
    child_ = std::make_unique<child_process>(
        std::vector<std::string>{options_.binary, "-c", (dir_.path() / "mosquitto.conf").string()});

    // "running" is logged once the listener is open; the connect confirms it is this broker's.
    const auto deadline = clock_type::now() + ready_timeout;
    while (clock_type::now() < deadline) {
        if (const auto code = child_->wait(0ms)) {
            const auto text = read_file(log_file(starts_)) + child_->err();
            if (text.find("Address already in use") != std::string::npos) {
                return launch_result::port_in_use;
            }
            throw std::runtime_error("mosquitto exited with code " + std::to_string(*code) +
                                     " at start; log:\n" + log());
        }
        if (read_file(log_file(starts_)).find(" running") != std::string::npos &&
            accepts_connections(port_)) {
            return launch_result::ready;
        }
        std::this_thread::sleep_for(10ms);
    }
    child_->signal(SIGKILL);
    child_->wait(exit_timeout);
    throw std::runtime_error("mosquitto did not accept connections on port " +
                             std::to_string(port_) + " within 5 s; log:\n" + log());
}

std::filesystem::path mosquitto_process::log_file(int start) const {
    return dir_.path() / ("mosquitto-" + std::to_string(start) + ".log");
}

void mosquitto_process::stop_with(int signo) {
    if (!running()) {
        return;
    }
    child_->signal(signo);
    if (!child_->wait(exit_timeout)) {
        child_->signal(SIGKILL);
        child_->wait(exit_timeout);
        throw std::runtime_error("mosquitto did not exit within 5 s of signal " +
                                 std::to_string(signo) + "; log:\n" + log());
    }
}

}  // namespace camtwin::test
