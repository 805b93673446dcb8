// The sync API's plumbing without a server: gzip request bodies and the server identity files.

#include <sys/stat.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "spmis/api/sync_api.hpp"
#include "support/temp_dir.hpp"

namespace spmis::api {
namespace {

std::string gzip(const std::string& text) {
    z_stream s{};
    EXPECT_EQ(deflateInit2(&s, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    std::string out(deflateBound(&s, text.size()) + 32, '\0');
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    s.avail_in = static_cast<uInt>(text.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&s, Z_FINISH), Z_STREAM_END);
    out.resize(s.total_out);
    deflateEnd(&s);
    return out;
}

http::HttpRequest gzip_request(std::string body) {
    http::HttpRequest r;
    r.headers["content-encoding"] = "gzip";
    r.body = std::move(body);
    return r;
}

TEST(SyncBodyTest, GunzipsGzipBodiesAndPassesPlainOnes) {
    const std::string json = R"({"protocol":1,"ops":[)" + std::string(5000, ' ') + "]}";
    Result<std::string> decoded = decoded_body(gzip_request(gzip(json)), 1 << 20);
    ASSERT_TRUE(decoded.ok()) << decoded.status().to_string();
    EXPECT_EQ(*decoded, json);
    http::HttpRequest plain;
    plain.body = "{}";
    EXPECT_EQ(*decoded_body(plain, 10), "{}");
}

TEST(SyncBodyTest, RefusesTruncatedOversizedAndUnknownEncodings) {
    const std::string packed = gzip(std::string(100'000, 'x'));
    EXPECT_EQ(decoded_body(gzip_request(packed.substr(0, packed.size() / 2)), 1 << 20).status().code(),
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(decoded_body(gzip_request("not gzip at all"), 1 << 20).status().code(),
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(decoded_body(gzip_request(packed), 50'000).status().code(), ErrorCode::kResourceExhausted);
    http::HttpRequest brotli;
    brotli.headers["content-encoding"] = "br";
    EXPECT_EQ(decoded_body(brotli, 10).status().code(), ErrorCode::kInvalidArgument);
}

TEST(SyncBodyTest, ServerIdentityIsCreatedOwnerOnlyAndStableAcrossOpens) {
    test::TempDir dir;
    Uuid first_id;
    sync::PublicKey first_key{};
    {
        auto service = open_sync_service(dir.path(), SystemClock::instance());
        ASSERT_TRUE(service.ok()) << service.status().to_string();
        first_id = (*service)->server->identity().server_id;
        first_key = (*service)->server->identity().keys.public_key;
    }
    struct stat st {};
    ASSERT_EQ(::stat(dir.file("server.key").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600U);
    auto again = open_sync_service(dir.path(), SystemClock::instance());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ((*again)->server->identity().server_id, first_id);
    EXPECT_EQ((*again)->server->identity().keys.public_key, first_key);
}

TEST(SyncBodyTest, CorruptKeyFileIsAClearError) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.path());
    FILE* f = std::fopen(dir.file("server.key").c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("not-a-key\n", f);
    std::fclose(f);
    auto service = open_sync_service(dir.path(), SystemClock::instance());
    ASSERT_FALSE(service.ok());
    EXPECT_EQ(service.status().code(), ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace spmis::api
