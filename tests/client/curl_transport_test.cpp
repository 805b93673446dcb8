// The libcurl transport against a one-shot HTTP server on 127.0.0.1 (random free port).

#include "transport/curl_transport.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace spmis::field {
namespace {

// Accepts one connection, records the request, answers with `response`.
class OneShotServer {
public:
    explicit OneShotServer(std::string response) : response_(std::move(response)) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(fd_, 1);
        socklen_t len = sizeof addr;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~OneShotServer() {
        thread_.join();
        ::close(fd_);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    const std::string& request() const { return request_; }

private:
    void serve() {
        timeval tv{5, 0};
        int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char buf[4096];
        while (true) {
            auto head_end = request_.find("\r\n\r\n");
            if (head_end != std::string::npos) {
                auto cl = request_.find("Content-Length: ");
                std::size_t need = cl == std::string::npos ? 0 : std::stoul(request_.substr(cl + 16));
                if (request_.size() >= head_end + 4 + need) break;
            }
            auto n = ::recv(c, buf, sizeof buf, 0);
            if (n <= 0) break;
            request_.append(buf, static_cast<std::size_t>(n));
        }
        (void)::send(c, response_.data(), response_.size(), 0);
        ::close(c);
    }

    std::string response_;
    std::string request_;
    int fd_ = -1;
    int port_ = 0;
    std::thread thread_;
};

std::string http(int status, const std::string& body) {
    return "HTTP/1.1 " + std::to_string(status) +
           " X\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

TEST(CurlTransportTest, PostsToTheSyncPathAndReturnsTheBody) {
    OneShotServer server(http(200, "{\"ok\":true}"));
    CurlTransport t(server.url() + "/", false);
    auto r = t.call("hello", "{\"a\":1}");
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(*r, "{\"ok\":true}");
    EXPECT_EQ(server.request().rfind("POST /api/v1/sync/hello HTTP/1.1", 0), 0u) << server.request();
    EXPECT_NE(server.request().find("{\"a\":1}"), std::string::npos);
}

TEST(CurlTransportTest, LargeBodiesAreGzipped) {
    OneShotServer server(http(200, "{}"));
    CurlTransport t(server.url(), true);
    ASSERT_TRUE(t.call("push", "{\"x\":\"" + std::string(5000, 'a') + "\"}").ok());
    EXPECT_NE(server.request().find("Content-Encoding: gzip"), std::string::npos);
    EXPECT_EQ(server.request().find(std::string(100, 'a')), std::string::npos);
}

TEST(CurlTransportTest, ErrorStatusesMapToErrorCodes) {
    {
        OneShotServer server(http(401, "{\"error\":{\"code\":\"unauthenticated\",\"message\":\"revoked\"}}"));
        EXPECT_EQ(CurlTransport(server.url()).call("enroll", "{}").status().code(),
                  ErrorCode::kUnauthenticated);
        EXPECT_EQ(server.request().rfind("POST /api/v1/devices/enroll", 0), 0u);
    }
    {
        OneShotServer server(http(503, "busy"));
        EXPECT_EQ(CurlTransport(server.url()).call("pull", "{}").status().code(), ErrorCode::kNetwork);
    }
    {
        OneShotServer server(http(409, "{\"error\":{\"code\":\"conflict\"}}"));
        EXPECT_EQ(CurlTransport(server.url()).call("push", "{}").status().code(), ErrorCode::kConflict);
    }
}

}  // namespace
}  // namespace spmis::field
