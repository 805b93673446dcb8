#include "spmis/credential/verify.hpp"

#include "signer_checks.hpp"
#include "spmis/credential/cose_sign1.hpp"
#include "spmis/credential/envelope.hpp"

namespace spmis::credential {
namespace {

VerifyResult stop(VerifyResult r, VerifyCode code, std::string detail) {
    r.code = code;
    r.detail = std::move(detail);
    return r;
}

// Steps 1-5: text to a parsed COSE_Sign1 and its protected kid.
Result<CoseSign1> unwrap(std::string_view text, VerifyResult& r) {
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    if (text.size() > tuning::kCredentialMaxTextChars) {
        r.code = VerifyCode::kFormat;
        return make_error(ErrorCode::kInvalidArgument, "text longer than the cap");
    }
    if (text.substr(0, kSpp1Prefix.size()) != kSpp1Prefix) {
        r.code = VerifyCode::kUnsupported;
        return make_error(ErrorCode::kInvalidArgument, "no SPP1: prefix");
    }
    r.code = VerifyCode::kFormat;
    SPMIS_ASSIGN_OR_RETURN(Bytes cose, decode_envelope(text.substr(kSpp1Prefix.size())));
    CoseParseOptions options;
    options.limits.max_depth = tuning::kCredentialMaxCborDepth;
    options.limits.max_input = tuning::kCredentialMaxInflatedBytes;
    SPMIS_ASSIGN_OR_RETURN(CoseSign1 msg, parse_cose_sign1(cose, options));
    if (msg.signature.size() != kEd25519SignatureSize) {
        return make_error(ErrorCode::kInvalidArgument, "signature must be 64 bytes");
    }
    SPMIS_ASSIGN_OR_RETURN(r.kid, protected_ed25519_kid(msg));
    return msg;
}

Result<Claims> read_claims(const CoseSign1& msg) {
    CborLimits limits;
    limits.max_depth = tuning::kCredentialMaxCborDepth;
    SPMIS_ASSIGN_OR_RETURN(CborValue payload, cbor_decode(msg.payload, limits));
    return claims_from_cbor(payload);
}

// Step 9.
VerifyResult check_status_and_ledger(VerifyResult r, const Claims& claims, const VerifyContext& ctx) {
    if (claims.status && ctx.status_lists != nullptr) {
        std::optional<int> status = ctx.status_lists->status_of(claims.status->uri, claims.status->index);
        if (status && *status != 0)
            return stop(std::move(r), VerifyCode::kRevoked, "status list marks it revoked");
    }
    if (ctx.ledger != nullptr && ctx.ledger->is_redeemed(claims.cti)) {
        return stop(std::move(r), VerifyCode::kAlreadyRedeemed, "voucher already redeemed");
    }
    return stop(std::move(r), VerifyCode::kOk, "");
}

}  // namespace

VerifyResult verify_credential(std::string_view scanned_text, const VerifyContext& ctx) {
    VerifyResult r;
    std::int64_t now = to_unix_micros(ctx.now) / 1'000'000;
    r.stale = ctx.trust_list != nullptr && now > ctx.trust_list->expires_at;
    Result<CoseSign1> msg = unwrap(scanned_text, r);
    if (!msg.ok()) {
        VerifyCode code = r.code;
        return stop(std::move(r), code, msg.status().message());
    }
    std::vector<TrustedDevice> candidates = candidate_signers(*msg, r.kid, ctx);
    if (candidates.empty()) return stop(std::move(r), VerifyCode::kUnknownSigner, "no key for this kid");
    std::vector<TrustedDevice> signers;
    for (TrustedDevice& c : candidates) {
        if (verify_cose_ed25519(*msg, c.public_key)) signers.push_back(std::move(c));
    }
    if (signers.empty()) return stop(std::move(r), VerifyCode::kBadSignature, "signature does not verify");
    Result<Claims> claims = read_claims(*msg);
    if (!claims.ok()) return stop(std::move(r), VerifyCode::kFormat, claims.status().message());
    r.claims = *claims;
    SignerCheck check = check_claims_and_signer(*claims, signers, now, ctx.skew_seconds);
    r.signer_device_id = check.device_id;
    if (check.code != VerifyCode::kOk) return stop(std::move(r), check.code, check.detail);
    return check_status_and_ledger(std::move(r), *claims, ctx);
}

std::string_view verify_code_name(VerifyCode code) {
    switch (code) {
        case VerifyCode::kOk: return "OK";
        case VerifyCode::kUnsupported: return "UNSUPPORTED";
        case VerifyCode::kFormat: return "FORMAT";
        case VerifyCode::kUnknownSigner: return "UNKNOWN_SIGNER";
        case VerifyCode::kBadSignature: return "BAD_SIGNATURE";
        case VerifyCode::kNotYetValid: return "NOT_YET_VALID";
        case VerifyCode::kExpired: return "EXPIRED";
        case VerifyCode::kSignerNotValid: return "SIGNER_NOT_VALID";
        case VerifyCode::kSignerRevoked: return "SIGNER_REVOKED";
        case VerifyCode::kProgramNotAllowed: return "PROGRAM_NOT_ALLOWED";
        case VerifyCode::kRevoked: return "REVOKED";
        case VerifyCode::kAlreadyRedeemed: return "ALREADY_REDEEMED";
    }
    return "UNKNOWN";
}

}  // namespace spmis::credential
