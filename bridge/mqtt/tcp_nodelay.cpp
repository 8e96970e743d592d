#include "mqtt/tcp_nodelay.hpp"

#include <filesystem>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/socket.h>
#include <system_error>

namespace camtwin::mqtt {
namespace {

// The peer port of a connected TCP socket, or -1 for anything else (files, pipes, listeners).
int peer_port(int fd) {
    int type = 0;
    socklen_t type_length = sizeof(type);
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_length) != 0 || type != SOCK_STREAM) {
        return -1;
    }
    sockaddr_storage peer{};
    socklen_t peer_length = sizeof(peer);
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) != 0) {
        return -1;
    }
    if (peer.ss_family == AF_INET) {
        return ntohs(reinterpret_cast<const sockaddr_in*>(&peer)->sin_port);
    }
    if (peer.ss_family == AF_INET6) {
        return ntohs(reinterpret_cast<const sockaddr_in6*>(&peer)->sin6_port);
    }
    return -1;
}

}  // namespace

int set_tcp_nodelay_towards(int port) {
    int changed = 0;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
        int fd = -1;
        try {
            fd = std::stoi(entry.path().filename().string());
        } catch (const std::exception&) {
            continue;
        }
        if (peer_port(fd) != port) {
            continue;
        }
        const int on = 1;
        if (::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) == 0) {
            ++changed;
        }
    }
    return changed;
}

}  // namespace camtwin::mqtt
