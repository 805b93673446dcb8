#include "spmis/http/router.hpp"

#include <gtest/gtest.h>

namespace spmis::http {
namespace {

HttpResponse text(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

Router make_router() {
    Router router([](int status, ErrorCode code, std::string_view message) {
        return text(status, std::string(error_code_name(code)) + ":" + std::string(message));
    });
    router.add({"GET", "/api/v1/users/{id}", "read", "public", "", ""},
               [](const HttpRequest& r) { return text(200, "user " + r.path_params.at("id")); });
    router.add({"GET", "/api/v1/users/me", "me", "public", "", ""},
               [](const HttpRequest&) { return text(200, "me"); });
    router.add({"POST", "/api/v1/users", "create", "secret", "", ""},
               [](const HttpRequest&) { return text(201, "created"); });
    return router;
}

HttpRequest request(std::string method, std::string path) {
    HttpRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    return r;
}

TEST(RouterTest, CapturesPathParametersAndSetsPattern) {
    Router router = make_router();
    HttpRequest r = request("GET", "/api/v1/users/42/");
    EXPECT_EQ(router.dispatch(r).body, "user 42");
    EXPECT_EQ(r.route_pattern, "/api/v1/users/{id}");
}

TEST(RouterTest, LiteralRouteWinsOverCaptureRegisteredEarlier) {
    Router router = make_router();
    HttpRequest r = request("GET", "/api/v1/users/me");
    EXPECT_EQ(router.dispatch(r).body, "me");
}

TEST(RouterTest, UnknownPathIs404AndWrongMethodIs405WithAllow) {
    Router router = make_router();
    HttpRequest unknown = request("GET", "/api/v1/nothing");
    EXPECT_EQ(router.dispatch(unknown).status, 404);
    HttpRequest wrong = request("DELETE", "/api/v1/users");
    HttpResponse r = router.dispatch(wrong);
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.headers["Allow"], "POST");
}

TEST(RouterTest, GuardRunsBeforeHandlerAndCanRefuse) {
    Router router = make_router();
    router.set_guard([](const RouteInfo& info, HttpRequest& r) -> std::optional<HttpResponse> {
        if (info.permission == "secret") return text(403, "no");
        r.user = "someone";
        return std::nullopt;
    });
    HttpRequest create = request("POST", "/api/v1/users");
    EXPECT_EQ(router.dispatch(create).status, 403);
    HttpRequest read = request("GET", "/api/v1/users/7");
    EXPECT_EQ(router.dispatch(read).status, 200);
    EXPECT_EQ(read.user, "someone");
}

TEST(RouterTest, SplitPathDropsEmptySegments) {
    EXPECT_EQ(split_path("//a/b//c/"), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(split_path("/").empty());
}

}  // namespace
}  // namespace spmis::http
