// `init`: creates the home directory, the store and the device key (owner-only).

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "commands/commands.hpp"

namespace spmis::field {
namespace {

Status write_key(const std::string& path, const std::string& text) {
    // O_EXCL: never overwrite an identity; 0600: the secret is readable by the owner only.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, S_IRUSR | S_IWUSR);
    if (fd < 0) return make_error(ErrorCode::kStorage, "cannot create " + path);
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    return ok ? Status{} : make_error(ErrorCode::kStorage, "cannot write " + path);
}

Status init(Context& ctx) {
    std::error_code ec;
    std::filesystem::create_directories(ctx.home, ec);
    if (ec) return make_error(ErrorCode::kStorage, "cannot create " + ctx.home + ": " + ec.message());
    if (std::filesystem::exists(ctx.key_path())) {
        return make_error(ErrorCode::kAlreadyExists,
                          ctx.home + " is already initialised (device.key exists)");
    }
    sync::KeyPair keys = sync::generate_key_pair();
    credential::Bytes seed = keys.signer.seed();  // the seed alone restores the pair
    SPMIS_RETURN_IF_ERROR(write_key(ctx.key_path(), spmis::to_hex(seed) + "\n"));
    sodium_memzero(seed.data(), seed.size());
    SPMIS_ASSIGN_OR_RETURN(auto store, sync::DeviceStore::open(ctx.store_path(), ctx.clock));
    if (ctx.officer.empty()) {
        const char* user = std::getenv("USER");
        ctx.officer = user ? user : "officer";
    }
    SPMIS_RETURN_IF_ERROR(store->set_officer(ctx.officer));
    std::string pub = spmis::to_hex(keys.public_key);
    ctx.emit({{"ok", true}, {"home", ctx.home}, {"public_key", pub}, {"officer", ctx.officer}},
             "initialised " + ctx.home + "\npublic key " + pub +
                 "\nnext: spmis-field enroll --server URL --code CODE");
    return {};
}

}  // namespace

void add_init(CLI::App& app, Context& ctx) {
    auto* cmd =
        app.add_subcommand("init", "Create the local store and the device key (HOME/device.key, mode 0600)");
    cmd->callback([&ctx] { ctx.run([&] { return init(ctx); }); });
}

}  // namespace spmis::field
