// The server's sync identity and the SyncService: key file, server id, gzip bodies.

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <span>

#include "spmis/api/sync_api.hpp"

namespace spmis::api {
namespace {

constexpr std::size_t kSeedBytes = 32;

Result<std::array<std::uint8_t, kSeedBytes>> seed_from_hex(const std::string& hex) {
    auto seed = from_hex_exact<kSeedBytes>(hex, "server.key", HexCase::kLowerOnly);
    if (!seed.ok()) return make_error(ErrorCode::kCorrupt, seed.status().message());
    return seed;
}

// Creates the key file with O_EXCL and mode 0600: the root secret is readable by the owner only.
Status write_new_key(const std::string& path, const std::string& seed_hex) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, S_IRUSR | S_IWUSR);
    if (fd < 0) return make_error(ErrorCode::kStorage, "cannot create " + path);
    const std::string text = seed_hex + "\n";
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    const bool closed = ::close(fd) == 0;
    if (!written || !closed) return make_error(ErrorCode::kStorage, "cannot write " + path);
    return {};
}

Result<sync::KeyPair> load_or_create_key(const std::string& path) {
    if (!std::filesystem::exists(path)) {
        const sync::KeyPair fresh = sync::generate_key_pair();
        // The seed alone restores the pair.
        credential::Bytes seed = fresh.signer.seed();
        const Status written = write_new_key(path, spmis::to_hex(seed));
        sodium_memzero(seed.data(), seed.size());
        SPMIS_RETURN_IF_ERROR(written);
    }
    std::ifstream in(path);
    std::string hex;
    if (!in || !(in >> hex)) return make_error(ErrorCode::kStorage, "cannot read " + path);
    SPMIS_ASSIGN_OR_RETURN(auto seed, seed_from_hex(hex));
    return sync::key_pair_from_seed(seed);
}

Status inflate_into(const std::string& in, std::size_t max_bytes, std::string* out) {
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return make_error(ErrorCode::kInternal, "zlib init failed");
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    stream.avail_in = static_cast<uInt>(in.size());
    std::array<char, 16384> chunk{};
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
        stream.avail_out = static_cast<uInt>(chunk.size());
        rc = inflate(&stream, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        out->append(chunk.data(), chunk.size() - stream.avail_out);
        if (out->size() > max_bytes) {
            inflateEnd(&stream);
            return make_error(ErrorCode::kResourceExhausted, "gzip body inflates beyond the limit");
        }
    }
    inflateEnd(&stream);
    if (rc != Z_STREAM_END)
        return make_error(ErrorCode::kInvalidArgument, "gzip body is truncated or corrupt");
    return {};
}

}  // namespace

Result<sync::ServerIdentity> load_or_create_server_identity(const std::string& data_dir,
                                                            store::Store& store) {
    const std::string key_file = (std::filesystem::path(data_dir) / "server.key").string();
    SPMIS_ASSIGN_OR_RETURN(sync::KeyPair keys, load_or_create_key(key_file));
    SPMIS_ASSIGN_OR_RETURN(std::optional<std::string> id_text, store.server_meta().get_meta("server_id"));
    if (!id_text) {
        id_text = new_uuid_v7().to_string();
        SPMIS_RETURN_IF_ERROR(store.server_meta().set_meta("server_id", *id_text));
    }
    SPMIS_ASSIGN_OR_RETURN(Uuid server_id, Uuid::parse(*id_text));
    return sync::ServerIdentity{server_id, keys};
}

Result<std::unique_ptr<SyncService>> open_sync_service(const std::string& data_dir, Clock& clock,
                                                       bool background_checkpoints,
                                                       const std::string& store_location) {
    auto service = std::make_unique<SyncService>();
    if (store::is_postgres_url(store_location)) {
        SPMIS_ASSIGN_OR_RETURN(service->store, store::open_store_at(store_location, &clock));
    } else if (background_checkpoints) {
        SPMIS_ASSIGN_OR_RETURN(service->store,
                               store::open_store_in_directory_for_checkpointer(data_dir, &clock));
        service->checkpointer =
            std::make_unique<store::WalCheckpointer>((std::filesystem::path(data_dir) / "spmis.db").string());
        SPMIS_RETURN_IF_ERROR(service->checkpointer->start());
    } else {
        SPMIS_ASSIGN_OR_RETURN(service->store, store::open_store_in_directory(data_dir, &clock));
    }
    SPMIS_ASSIGN_OR_RETURN(sync::ServerIdentity identity,
                           load_or_create_server_identity(data_dir, *service->store));
    service->server = std::make_unique<sync::SyncServer>(*service->store, clock, identity);
    return service;
}

Result<std::vector<Uuid>> resolve_service_points(store::Store& store, const std::vector<std::string>& ids,
                                                 const std::vector<std::string>& codes) {
    std::vector<Uuid> out;
    for (const std::string& id : ids) {
        SPMIS_ASSIGN_OR_RETURN(Uuid parsed, Uuid::parse(id));
        out.push_back(parsed);
    }
    if (codes.empty()) return out;
    SPMIS_ASSIGN_OR_RETURN(auto all, store.service_points().list_service_points());
    for (const std::string& code : codes) {
        auto it = std::find_if(all.begin(), all.end(), [&](const auto& sp) { return sp.code == code; });
        if (it == all.end())
            return make_error(ErrorCode::kNotFound, "no service point with code '" + code + "'");
        out.push_back(it->id);
    }
    return out;
}

Result<std::string> decoded_body(const http::HttpRequest& request, std::size_t max_bytes) {
    const std::string encoding = http::lower_ascii(request.header("content-encoding"));
    if (encoding.empty() || encoding == "identity") return request.body;
    if (encoding != "gzip")
        return make_error(ErrorCode::kInvalidArgument, "unsupported Content-Encoding '" + encoding + "'");
    std::string out;
    SPMIS_RETURN_IF_ERROR(inflate_into(request.body, max_bytes, &out));
    return out;
}

}  // namespace spmis::api
