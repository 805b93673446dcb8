// `credential issue`: signs an SPP1 credential for a pulled entitlement with this device's key and
// renders it (PNG, SVG, terminal). `credential verify`: checks a scanned text or a PNG offline
// against the pulled trust list and this device's redemption ledger.

#include <fstream>
#include <iostream>

#include "commands/commands.hpp"
#include "credential_text.hpp"
#include "spmis/credential/json.hpp"
#include "spmis/credential/qr.hpp"
#include "spmis/sync/device_credentials.hpp"

namespace spmis::field {
namespace {

struct IssueOptions {
    std::string entitlement;
    std::string png;
    std::string svg;
    bool terminal = false;
    bool with_svg = false;
};

struct VerifyOptions {
    std::string text;
    std::string image;
    bool refused = false;  // set when the credential was refused (exit 1 after printing)
};

Status write_text_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    if (!out || !(out << text) || !out.flush())
        return make_error(ErrorCode::kStorage, "cannot write " + path);
    return {};
}

Status issue(Context& ctx, const IssueOptions& o) {
    SPMIS_ASSIGN_OR_RETURN(Uuid id, parse_id("--entitlement", o.entitlement));
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(sync::KeyPair keys, ctx.load_keys());
    SPMIS_ASSIGN_OR_RETURN(auto issued, sync::issue_for_entitlement(*store, keys, id, ctx.clock.wall(),
                                                                    SecureRandom::instance()));
    SPMIS_ASSIGN_OR_RETURN(credential::QrMatrix qr, credential::qr_encode(issued.text));
    if (!o.png.empty()) SPMIS_RETURN_IF_ERROR(credential::qr_write_png(qr, o.png));
    if (!o.svg.empty()) SPMIS_RETURN_IF_ERROR(write_text_file(o.svg, credential::qr_to_svg(qr)));
    std::string human = issued.text + "\n";
    if (o.terminal) human += credential::qr_to_terminal(qr);
    nlohmann::json answer{{"ok", true},
                          {"text", issued.text},
                          {"qr_version", qr.version},
                          {"claims", credential::claims_to_json(issued.claims)}};
    if (o.with_svg) answer["qr_svg"] = credential::qr_to_svg(qr);
    ctx.emit(answer, human);
    return {};
}

std::string describe(const credential::VerifyResult& r) {
    std::string out = std::string(credential::verify_code_name(r.code));
    if (!r.detail.empty()) out += ": " + r.detail;
    if (r.stale) out += "\nwarning: the trust list is past its expiry; sync when you can";
    if (r.claims)
        out += "\n" + r.claims->full_name.value_or("(no name)") + "\n" +
               credential::claims_to_json(*r.claims).dump(2);
    return out;
}

Status verify(Context& ctx, VerifyOptions& o) {
    SPMIS_ASSIGN_OR_RETURN(std::string text, scanned_text(o.text, o.image));
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(auto result, sync::verify_on_device(*store, text, ctx.clock.wall()));
    ctx.emit(credential::verify_result_to_json(result), describe(result));
    o.refused = !result.ok();
    return {};
}

}  // namespace

void add_credential(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("credential", "Issue or verify SPP1 QR credentials (offline)");
    cmd->require_subcommand(1);
    auto io = std::make_shared<IssueOptions>();
    auto* issue_cmd = cmd->add_subcommand("issue", "Sign a credential for a pulled entitlement");
    issue_cmd->add_option("--entitlement", io->entitlement, "Entitlement id")->required();
    issue_cmd->add_option("--png", io->png, "Write the QR code as a PNG file");
    issue_cmd->add_option("--svg", io->svg, "Write the QR code as an SVG file");
    issue_cmd->add_flag("--terminal", io->terminal, "Draw the QR code in the terminal");
    issue_cmd->add_flag("--with-svg", io->with_svg, "Put the QR code's SVG in the --json answer (qr_svg)");
    issue_cmd->callback([&ctx, io] { ctx.run([&] { return issue(ctx, *io); }); });
    auto vo = std::make_shared<VerifyOptions>();
    auto* verify_cmd = cmd->add_subcommand("verify", "Verify a scanned credential (text or PNG) offline");
    verify_cmd->add_option("text", vo->text, "The scanned text (SPP1:...)");
    verify_cmd->add_option("--image", vo->image, "A PNG holding the QR code");
    verify_cmd->callback([&ctx, vo] {
        ctx.run([&] { return verify(ctx, *vo); });
        if (vo->refused) ctx.exit_code = 1;  // the verdict is printed; the tool itself did not fail
    });
}

}  // namespace spmis::field
