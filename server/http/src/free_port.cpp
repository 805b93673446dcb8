// Port 0 support: cpprest's listener cannot report the port the OS chose, so we ask the OS for a
// free port with a probe socket first and then listen on that number.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "spmis/http/http_server.hpp"

namespace spmis::http {

Result<std::uint16_t> pick_free_port(const std::string& host) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
        return make_error(ErrorCode::kInvalidArgument, "listen host must be an IPv4 address: " + host);
    }
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return make_error(ErrorCode::kNetwork, std::string("socket: ") + std::strerror(errno));
    socklen_t len = sizeof(addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        const std::string reason = std::strerror(errno);
        ::close(fd);
        return make_error(ErrorCode::kNetwork, "cannot bind a probe socket on " + host + ": " + reason);
    }
    ::close(fd);
    return static_cast<std::uint16_t>(ntohs(addr.sin_port));
}

}  // namespace spmis::http
