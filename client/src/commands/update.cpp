// `update`: changes registrant fields on the device (synced as a registrant.update operation; the
// server applies it by the field rules of SYNC.md, flagging identity fields changed meanwhile).

#include <algorithm>
#include <array>

#include "commands/commands.hpp"
#include "spmis/base/time.hpp"
#include "spmis/model/enum_names.hpp"
#include "spmis/model/registrant.hpp"

namespace spmis::field {
namespace {

// The fields a device may change (the server refuses others).
constexpr std::array<std::string_view, 6> kFields = {"given_name", "family_name", "birthdate",
                                                     "sex",        "national_id", "phone"};

struct Options {
    std::string registrant;
    std::vector<std::string> sets;
};

Result<std::map<std::string, std::string>> parse_sets(const std::vector<std::string>& sets) {
    std::map<std::string, std::string> fields;
    for (const auto& s : sets) {
        auto eq = s.find('=');
        std::string name = s.substr(0, eq);
        if (eq == std::string::npos || std::find(kFields.begin(), kFields.end(), name) == kFields.end()) {
            return make_error(ErrorCode::kInvalidArgument,
                              "--set takes FIELD=VALUE with FIELD one of given_name, family_name, birthdate, "
                              "sex, national_id, phone (got '" +
                                  s + "')");
        }
        std::string value = s.substr(eq + 1);
        if (name == "birthdate") SPMIS_RETURN_IF_ERROR(parse_date(value).status());
        if (name == "sex") SPMIS_RETURN_IF_ERROR(model::parse_enum<model::Sex>(value).status());
        if (!fields.emplace(name, value).second) {
            return make_error(ErrorCode::kInvalidArgument, "field '" + name + "' is set twice");
        }
    }
    return fields;
}

Status update(Context& ctx, const Options& o) {
    SPMIS_ASSIGN_OR_RETURN(auto id, parse_id("--registrant", o.registrant));
    SPMIS_ASSIGN_OR_RETURN(auto fields, parse_sets(o.sets));
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    // The device holds no field versions: 0 says "as last pulled", so the server flags a conflict
    // only when an identity field was changed centrally.
    SPMIS_ASSIGN_OR_RETURN(auto op, store->update_registrant(id, fields, {}));
    std::string names;
    for (const auto& [name, value] : fields) names += (names.empty() ? "" : ", ") + name;
    ctx.emit(
        {{"ok", true}, {"registrant_id", o.registrant}, {"fields", fields}, {"device_seq", op.device_seq}},
        "registrant " + o.registrant + ": " + names + " updated (operation #" +
            std::to_string(op.device_seq) + ")");
    return {};
}

}  // namespace

void add_update(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("update", "Change a registrant's fields (works offline)");
    cmd->add_option("--registrant", o->registrant, "Registrant id")->required();
    cmd->add_option("--set", o->sets,
                    "FIELD=VALUE (repeatable): given_name, family_name, birthdate, sex, "
                    "national_id, phone")
        ->required();
    cmd->footer("Exit codes: 0 ok, 1 refused, 2 bad usage or input, 4 local store.");
    cmd->callback([&ctx, o] { ctx.run([&] { return update(ctx, *o); }); });
}

}  // namespace spmis::field
