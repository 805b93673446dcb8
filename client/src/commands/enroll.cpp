// `enroll`: exchanges a one-time code and the device's public key for its identity and scopes.

#include <unistd.h>

#include "commands/commands.hpp"
#include "transport/curl_transport.hpp"

namespace spmis::field {
namespace {

struct Options {
    std::string server;
    std::string code;
    std::string name;
};

Result<sync::Enrollment> parse_answer(const std::string& text, const Options& o) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    auto bad = [] { return make_error(ErrorCode::kNetwork, "the server's enrollment answer is malformed"); };
    if (!j.is_object() || !j.contains("device_id") || !j.contains("service_point_ids")) return bad();
    sync::Enrollment e;
    auto id = Uuid::parse(j.value("device_id", ""));
    if (!id.ok()) return bad();
    e.device_id = *id;
    e.name = o.name;
    e.server_url = o.server;
    e.server_public_key_hex = j.value("server_public_key", "");
    if (j.contains("epoch"))
        e.epoch = j["epoch"].is_string() ? j["epoch"].get<std::string>() : j["epoch"].dump();
    for (const auto& sp : j["service_point_ids"]) {
        auto u = Uuid::parse(sp.is_string() ? sp.get<std::string>() : "");
        if (!u.ok()) return bad();
        e.scopes.push_back(*u);
    }
    return e;
}

Status enroll(Context& ctx, Options o) {
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(auto keys, ctx.load_keys());
    if (o.name.empty()) {
        char host[256] = {};
        o.name = ::gethostname(host, sizeof host - 1) == 0 ? host : "field-device";
    }
    CurlTransport transport(o.server, !ctx.no_gzip);
    nlohmann::json body = {
        {"code", o.code}, {"public_key", spmis::to_hex(keys.public_key)}, {"name", o.name}};
    SPMIS_ASSIGN_OR_RETURN(auto answer, transport.call("enroll", body.dump()));
    SPMIS_ASSIGN_OR_RETURN(auto e, parse_answer(answer, o));
    SPMIS_RETURN_IF_ERROR(store->set_enrollment(e));
    nlohmann::json sps = nlohmann::json::array();
    std::string human = "enrolled as device " + e.device_id.to_string() + "\nservice points:";
    for (const auto& sp : e.scopes) {
        sps.push_back(sp.to_string());
        human += "\n  " + sp.to_string();
    }
    ctx.emit({{"ok", true},
              {"device_id", e.device_id.to_string()},
              {"service_point_ids", sps},
              {"epoch", e.epoch}},
             human);
    return {};
}

}  // namespace

void add_enroll(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("enroll", "Enroll this device with a one-time code from an administrator");
    cmd->add_option("--server", o->server, "Server base URL, e.g. https://mis.example.org")->required();
    cmd->add_option("--code", o->code, "One-time enrollment code")->required();
    cmd->add_option("--name", o->name, "A name for this device (default: host name)");
    cmd->callback([&ctx, o] { ctx.run([&] { return enroll(ctx, *o); }); });
}

}  // namespace spmis::field
