// `export`: a signed bundle of pending operations for store-and-forward (same form as a push body).

#include <fstream>

#include "commands/commands.hpp"
#include "spmis/sync/hash_chain.hpp"

namespace spmis::field {
namespace {

Status export_bundle(Context& ctx, const std::string& out) {
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(auto keys, ctx.load_keys());
    SPMIS_ASSIGN_OR_RETURN(auto s, store->state());
    if (!s.enrollment)
        return make_error(ErrorCode::kFailedPrecondition, "enroll the device before exporting");
    SPMIS_ASSIGN_OR_RETURN(auto ops, store->pending_ops(SIZE_MAX));
    if (ops.empty()) {
        ctx.emit({{"ok", true}, {"operations", 0}}, "nothing pending: no bundle written");
        return {};
    }
    sync::PushRequest bundle{s.enrollment->device_id, ops, spmis::to_hex(sync::sign_batch(keys, ops.back()))};
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    file << sync::to_json(bundle).dump() << "\n";
    file.flush();
    if (!file) return make_error(ErrorCode::kStorage, "cannot write " + out);
    ctx.emit({{"ok", true},
              {"file", out},
              {"operations", ops.size()},
              {"first_seq", ops.front().device_seq},
              {"last_seq", ops.back().device_seq}},
             "wrote " + std::to_string(ops.size()) + " operation(s) #" +
                 std::to_string(ops.front().device_seq) + "..#" + std::to_string(ops.back().device_seq) +
                 " to " + out + " (they stay pending here until a sync acknowledges them)");
    return {};
}

}  // namespace

void add_export(CLI::App& app, Context& ctx) {
    auto out = std::make_shared<std::string>();
    auto* cmd =
        app.add_subcommand("export", "Write a signed bundle of pending operations (store-and-forward)");
    cmd->add_option("--out", *out, "Bundle file to write")->required();
    cmd->callback([&ctx, out] { ctx.run([&] { return export_bundle(ctx, *out); }); });
}

}  // namespace spmis::field
