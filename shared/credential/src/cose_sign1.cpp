#include "spmis/credential/cose_sign1.hpp"

namespace spmis::credential {
namespace {

Status fail(const char* why) { return make_error(ErrorCode::kInvalidArgument, std::string("cose: ") + why); }

// Peels 61(...) when allowed, then 18(...); any other tag is refused.
Result<const CborValue*> untag(const CborValue& root, bool allow_cwt_tag) {
    const CborValue* v = &root;
    if (v->type == CborType::kTag && v->number == kCwtTag && allow_cwt_tag) {
        v = &v->items.front();
        if (v->type != CborType::kTag || v->number != kCoseSign1Tag) return fail("tag 61 must wrap tag 18");
    }
    if (v->type == CborType::kTag) {
        if (v->number != kCoseSign1Tag) return fail("unexpected tag, expected 18");
        v = &v->items.front();
    }
    return v;
}

}  // namespace

Bytes sig_structure(const Bytes& protected_bytes, const Bytes& payload, const Bytes& external_aad) {
    return cbor_encode(
        CborValue::array({CborValue::text("Signature1"), CborValue::byte_string(protected_bytes),
                          CborValue::byte_string(external_aad), CborValue::byte_string(payload)}));
}

Result<CoseSign1> parse_cose_sign1(const Bytes& data, const CoseParseOptions& options) {
    SPMIS_ASSIGN_OR_RETURN(CborValue root, cbor_decode(data, options.limits));
    SPMIS_ASSIGN_OR_RETURN(const CborValue* array, untag(root, options.allow_cwt_tag));
    const auto& it = array->items;
    if (array->type != CborType::kArray || it.size() != 4) return fail("expected a 4-element array");
    if (it[0].type != CborType::kBytes || it[1].type != CborType::kMap || it[2].type != CborType::kBytes ||
        it[3].type != CborType::kBytes) {
        return fail("expected [bstr, map, bstr, bstr]");
    }
    CoseSign1 msg;
    msg.protected_bytes = it[0].bytes;
    msg.unprotected = it[1];
    msg.payload = it[2].bytes;
    msg.signature = it[3].bytes;
    msg.protected_header = CborValue::map({});
    if (!msg.protected_bytes.empty()) {
        SPMIS_ASSIGN_OR_RETURN(msg.protected_header, cbor_decode(msg.protected_bytes, options.limits));
        if (msg.protected_header.type != CborType::kMap) return fail("protected header is not a map");
    }
    return msg;
}

Bytes encode_cose_sign1(const CoseSign1& message, bool tagged) {
    CborValue array = CborValue::array({CborValue::byte_string(message.protected_bytes), message.unprotected,
                                        CborValue::byte_string(message.payload),
                                        CborValue::byte_string(message.signature)});
    return cbor_encode(tagged ? CborValue::tag(kCoseSign1Tag, std::move(array)) : array);
}

CoseSign1 sign_cose_sign1(const SigningKey& key, const CborValue& protected_header,
                          const CborValue& unprotected, const Bytes& payload) {
    CoseSign1 msg;
    msg.protected_header = protected_header;
    msg.protected_bytes = cbor_encode(protected_header);
    msg.unprotected = unprotected;
    msg.payload = payload;
    msg.signature = key.sign(sig_structure(msg.protected_bytes, payload));
    return msg;
}

CoseSign1 sign_ed25519_with_kid(const SigningKey& key, const Bytes& payload, const CborValue& unprotected) {
    CborValue header =
        CborValue::map({{CborValue::integer(kCoseHeaderAlg), CborValue::integer(kCoseAlgEdDsa)},
                        {CborValue::integer(kCoseHeaderKid), CborValue::byte_string(key.kid())}});
    return sign_cose_sign1(key, header, unprotected, payload);
}

Result<Bytes> protected_ed25519_kid(const CoseSign1& message) {
    const CborValue& header = message.protected_header;
    const CborValue* alg = header.find(kCoseHeaderAlg);
    if (alg == nullptr) return fail("alg missing from the protected header");
    if (alg->as_int() != kCoseAlgEdDsa) return fail("alg is not EdDSA (-8)");
    if (header.find(kCoseHeaderCrit) != nullptr) return fail("unknown critical header");
    const CborValue* kid = header.find(kCoseHeaderKid);
    if (kid == nullptr || kid->type != CborType::kBytes || kid->bytes.size() != kKidSize) {
        return fail("protected kid must be an 8-byte bstr");
    }
    return kid->bytes;
}

bool verify_cose_ed25519(const CoseSign1& message, const Bytes& public_key, const Bytes& external_aad) {
    return ed25519_verify(public_key, sig_structure(message.protected_bytes, message.payload, external_aad),
                          message.signature);
}

}  // namespace spmis::credential
