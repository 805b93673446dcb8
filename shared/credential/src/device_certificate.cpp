#include "spmis/credential/device_certificate.hpp"

#include "spmis/credential/cose_sign1.hpp"

namespace spmis::credential {
namespace {

constexpr std::int64_t kClaimCnf = 8;
constexpr std::int64_t kCnfCoseKey = 1;

Status fail(const char* why) {
    return make_error(ErrorCode::kInvalidArgument, std::string("device certificate: ") + why);
}

CborValue cose_key(const Bytes& public_key) {
    return CborValue::map({{CborValue::integer(1), CborValue::integer(1)},
                           {CborValue::integer(-1), CborValue::integer(6)},
                           {CborValue::integer(-2), CborValue::byte_string(public_key)}});
}

Result<Bytes> key_from(const CborValue& claims) {
    const CborValue* cnf = claims.find(kClaimCnf);
    const CborValue* key = cnf ? cnf->find(kCnfCoseKey) : nullptr;
    if (key == nullptr || key->type != CborType::kMap) return fail("cnf COSE_Key missing");
    const CborValue* x = key->find(-2);
    if (key->find(1) == nullptr || key->find(1)->as_int() != 1 || key->find(-1) == nullptr ||
        key->find(-1)->as_int() != 6 || x == nullptr || x->type != CborType::kBytes ||
        x->bytes.size() != kEd25519PublicKeySize) {
        return fail("key must be an OKP Ed25519 COSE_Key");
    }
    return x->bytes;
}

}  // namespace

Bytes sign_device_certificate(const DeviceCertificate& c, const SigningKey& root) {
    CborValue claims =
        CborValue::map({{CborValue::integer(2), CborValue::text(c.device_id)},
                        {CborValue::integer(4), CborValue::integer(c.valid_until)},
                        {CborValue::integer(5), CborValue::integer(c.valid_from)},
                        {CborValue::integer(kClaimCnf),
                         CborValue::map({{CborValue::integer(kCnfCoseKey), cose_key(c.public_key)}})}});
    return encode_cose_sign1(sign_ed25519_with_kid(root, cbor_encode(claims)));
}

Result<DeviceCertificate> verify_device_certificate(const Bytes& signed_certificate,
                                                    const Bytes& root_public_key) {
    SPMIS_ASSIGN_OR_RETURN(CoseSign1 msg, parse_cose_sign1(signed_certificate));
    SPMIS_ASSIGN_OR_RETURN(Bytes kid, protected_ed25519_kid(msg));
    if (kid != key_id(root_public_key) || !verify_cose_ed25519(msg, root_public_key)) {
        return make_error(ErrorCode::kCorrupt, "device certificate: not signed by the root");
    }
    SPMIS_ASSIGN_OR_RETURN(CborValue claims, cbor_decode(msg.payload));
    const CborValue* id = claims.find(2);
    const CborValue* until = claims.find(4);
    const CborValue* from = claims.find(5);
    if (id == nullptr || id->type != CborType::kText || until == nullptr || !until->as_int() ||
        from == nullptr || !from->as_int()) {
        return fail("device id, valid_from and valid_until required");
    }
    SPMIS_ASSIGN_OR_RETURN(Bytes key, key_from(claims));
    return DeviceCertificate{id->as_text(), *from->as_int(), *until->as_int(), std::move(key)};
}

}  // namespace spmis::credential
