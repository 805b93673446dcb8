// The HTTP adapter's drain, in process: an answer being written when a stop comes reaches the client
// whole, and a request after the drain is refused without reaching the handler. spmis-server drains
// and then ends; in-process servers drain and then close the listener, which cuts any write still
// under way, so only a drain that waits for the writes passes this.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "spmis/http/http_server.hpp"
#include "support/http_client.hpp"

namespace spmis::test {
namespace {

using namespace std::chrono_literals;

http::HttpResponse render_error(int status, ErrorCode /*code*/, std::string_view message) {
    return {status, {}, "{\"error\":\"" + std::string(message) + "\"}"};
}

TEST(HttpDrainTest, AnAnswerBeingWrittenReachesTheClientWholeAndLaterRequestsGet503) {
    // Large enough that writing it over loopback outlasts the handler by far.
    const std::string big = "\"" + std::string(std::size_t{32} << 20, 'x') + "\"";
    std::promise<void> entered;
    std::atomic<int> handled{0};
    auto server = http::make_cpprest_server(
        http::HttpServerOptions{},
        [&](http::HttpRequest&) {
            if (handled.fetch_add(1) == 0) entered.set_value();
            std::this_thread::sleep_for(200ms);
            return http::HttpResponse{200, {}, big};
        },
        render_error);
    ASSERT_TRUE(server->start().ok());
    const std::string url = server->url();

    HttpResult slow;
    std::thread client([&] { slow = HttpClient(url, 30s).get("/slow"); });
    entered.get_future().wait();
    server->drain();
    // Drained: the answer is written, so the handler ran once; a new request is refused.
    EXPECT_EQ(handled.load(), 1);
    HttpResult late = HttpClient(url, 10s).get("/late");
    EXPECT_EQ(late.status, 503) << late.error;
    EXPECT_EQ(handled.load(), 1);
    server->stop();  // closes the listener and every connection
    client.join();
    EXPECT_EQ(slow.status, 200) << slow.error;
    EXPECT_EQ(slow.body.size(), big.size());
}

}  // namespace
}  // namespace spmis::test
