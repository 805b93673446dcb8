#include "spmis/credential/trust_list.hpp"

#include <algorithm>

#include "spmis/credential/cose_sign1.hpp"

namespace spmis::credential {
namespace {

using Entry = std::pair<CborValue, CborValue>;

Status fail(const std::string& why) { return make_error(ErrorCode::kInvalidArgument, "trust list: " + why); }

CborValue device_to_cbor(const TrustedDevice& d) {
    std::vector<Entry> e;
    e.emplace_back(CborValue::integer(1), CborValue::byte_string(d.kid));
    e.emplace_back(CborValue::integer(2), CborValue::byte_string(d.public_key));
    e.emplace_back(CborValue::integer(3), CborValue::text(d.device_id));
    e.emplace_back(CborValue::integer(4), CborValue::integer(d.valid_from));
    e.emplace_back(CborValue::integer(5), CborValue::integer(d.valid_until));
    if (d.revoked_at) e.emplace_back(CborValue::integer(6), CborValue::integer(*d.revoked_at));
    if (d.programs) {
        std::vector<CborValue> programs;
        for (const std::string& p : *d.programs) programs.push_back(CborValue::text(p));
        e.emplace_back(CborValue::integer(7), CborValue::array(std::move(programs)));
    }
    return CborValue::map(std::move(e));
}

Result<std::int64_t> int_at(const CborValue& m, std::int64_t key) {
    const CborValue* v = m.find(key);
    if (v == nullptr || !v->as_int()) return fail("integer field " + std::to_string(key) + " missing");
    return *v->as_int();
}

Result<std::vector<std::string>> programs_from(const CborValue& v) {
    if (v.type != CborType::kArray) return fail("programs must be an array");
    std::vector<std::string> out;
    for (const CborValue& p : v.items) {
        if (p.type != CborType::kText) return fail("program must be text");
        out.push_back(p.as_text());
    }
    return out;
}

Result<TrustedDevice> device_from(const CborValue& m) {
    if (m.type != CborType::kMap) return fail("device entry must be a map");
    const CborValue* kid = m.find(1);
    const CborValue* key = m.find(2);
    const CborValue* id = m.find(3);
    if (kid == nullptr || kid->type != CborType::kBytes || kid->bytes.size() != kKidSize)
        return fail("bad kid");
    if (key == nullptr || key->type != CborType::kBytes || key->bytes.size() != kEd25519PublicKeySize) {
        return fail("bad public key");
    }
    if (id == nullptr || id->type != CborType::kText) return fail("device id missing");
    TrustedDevice d;
    d.kid = kid->bytes;
    d.public_key = key->bytes;
    d.device_id = id->as_text();
    SPMIS_ASSIGN_OR_RETURN(d.valid_from, int_at(m, 4));
    SPMIS_ASSIGN_OR_RETURN(d.valid_until, int_at(m, 5));
    if (m.find(6) != nullptr) {
        SPMIS_ASSIGN_OR_RETURN(d.revoked_at, int_at(m, 6));
    }
    if (const CborValue* programs = m.find(7)) {
        SPMIS_ASSIGN_OR_RETURN(d.programs, programs_from(*programs));
    }
    return d;
}

Result<TrustList> list_from(const CborValue& m) {
    if (m.type != CborType::kMap) return fail("payload must be a map");
    SPMIS_ASSIGN_OR_RETURN(std::int64_t version, int_at(m, 1));
    if (version != kTrustListVersion) return fail("unsupported version " + std::to_string(version));
    TrustList list;
    SPMIS_ASSIGN_OR_RETURN(list.issued_at, int_at(m, 2));
    SPMIS_ASSIGN_OR_RETURN(list.expires_at, int_at(m, 3));
    const CborValue* devices = m.find(4);
    if (devices == nullptr || devices->type != CborType::kArray) return fail("devices must be an array");
    for (const CborValue& d : devices->items) {
        SPMIS_ASSIGN_OR_RETURN(TrustedDevice device, device_from(d));
        list.devices.push_back(std::move(device));
    }
    return list;
}

}  // namespace

bool TrustedDevice::valid_at(std::int64_t when) const {
    if (when < valid_from || when > valid_until) return false;
    return !revoked_at || when < *revoked_at;
}

bool TrustedDevice::allows_program(const std::string& program) const {
    return !programs || std::find(programs->begin(), programs->end(), program) != programs->end();
}

std::vector<const TrustedDevice*> TrustList::find(const Bytes& kid) const {
    std::vector<const TrustedDevice*> out;
    for (const TrustedDevice& d : devices) {
        if (d.kid == kid) out.push_back(&d);
    }
    return out;
}

Bytes sign_trust_list(const TrustList& list, const SigningKey& root) {
    std::vector<CborValue> devices;
    for (const TrustedDevice& d : list.devices) devices.push_back(device_to_cbor(d));
    CborValue payload = CborValue::map({{CborValue::integer(1), CborValue::integer(kTrustListVersion)},
                                        {CborValue::integer(2), CborValue::integer(list.issued_at)},
                                        {CborValue::integer(3), CborValue::integer(list.expires_at)},
                                        {CborValue::integer(4), CborValue::array(std::move(devices))}});
    return encode_cose_sign1(sign_ed25519_with_kid(root, cbor_encode(payload)));
}

Result<TrustList> verify_trust_list(const Bytes& signed_list, const Bytes& root_public_key) {
    CoseParseOptions options;
    options.limits.max_input = signed_list.size();
    SPMIS_ASSIGN_OR_RETURN(CoseSign1 msg, parse_cose_sign1(signed_list, options));
    SPMIS_ASSIGN_OR_RETURN(Bytes kid, protected_ed25519_kid(msg));
    if (kid != key_id(root_public_key))
        return make_error(ErrorCode::kCorrupt, "trust list: signed by another root");
    if (!verify_cose_ed25519(msg, root_public_key)) {
        return make_error(ErrorCode::kCorrupt, "trust list: bad signature");
    }
    CborLimits limits;
    limits.max_input = msg.payload.size();
    SPMIS_ASSIGN_OR_RETURN(CborValue payload, cbor_decode(msg.payload, limits));
    return list_from(payload);
}

}  // namespace spmis::credential
