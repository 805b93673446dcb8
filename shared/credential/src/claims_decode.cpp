#include "spmis/credential/claims.hpp"

namespace spmis::credential {
namespace {

Status fail(const std::string& why) { return make_error(ErrorCode::kInvalidArgument, "claims: " + why); }

Result<std::string> text_at(const CborValue& map, std::int64_t key, const char* name) {
    const CborValue* v = map.find(key);
    if (v == nullptr || v->type != CborType::kText) return fail(std::string(name) + " missing or not text");
    return v->as_text();
}

Result<std::int64_t> int_at(const CborValue& map, std::int64_t key, const char* name) {
    const CborValue* v = map.find(key);
    if (v == nullptr || !v->as_int()) return fail(std::string(name) + " missing or not an integer");
    return *v->as_int();
}

Result<EntitlementItem> item_from(const CborValue& line) {
    const auto& f = line.items;
    if (f.size() != 3 || f[0].type != CborType::kText || !f[1].as_int() || f[2].type != CborType::kText) {
        return fail("item line must be [text, int, text]");
    }
    return EntitlementItem{f[0].as_text(), *f[1].as_int(), f[2].as_text()};
}

Status read_lines(const CborValue& lines, Entitlement& e) {
    if (lines.type != CborType::kArray) return fail("entitlement lines must be an array");
    for (const CborValue& line : lines.items) {
        if (line.type != CborType::kArray) return fail("entitlement line must be an array");
        if (e.kind == EntitlementKind::kCash) {
            const auto& f = line.items;
            if (e.cash || f.size() != 2 || f[0].type != CborType::kText || !f[1].as_int()) {
                return fail("cash entitlement must hold one [currency, amount]");
            }
            e.cash = CashAmount{f[0].as_text(), *f[1].as_int()};
            continue;
        }
        SPMIS_ASSIGN_OR_RETURN(EntitlementItem item, item_from(line));
        e.items.push_back(std::move(item));
    }
    if (e.kind == EntitlementKind::kCash && !e.cash) return fail("cash entitlement without an amount");
    return {};
}

Result<Entitlement> entitlement_from(const CborValue& map) {
    if (map.type != CborType::kMap) return fail("entitlement must be a map");
    Entitlement e;
    SPMIS_ASSIGN_OR_RETURN(e.program, text_at(map, 1, "program"));
    SPMIS_ASSIGN_OR_RETURN(e.cycle, text_at(map, 2, "cycle"));
    SPMIS_ASSIGN_OR_RETURN(std::int64_t kind, int_at(map, 3, "kind"));
    if (kind < 1 || kind > 3) return fail("unknown entitlement kind");
    e.kind = static_cast<EntitlementKind>(kind);
    const CborValue* lines = map.find(4);
    if (lines == nullptr) return fail("entitlement lines missing");
    SPMIS_RETURN_IF_ERROR(read_lines(*lines, e));
    if (map.find(5) != nullptr) {
        SPMIS_ASSIGN_OR_RETURN(e.service_point, text_at(map, 5, "service point"));
    }
    return e;
}

Result<StatusReference> status_from(const CborValue& v) {
    const CborValue* list = v.find("status_list");
    const CborValue* idx = list ? list->find("idx") : nullptr;
    const CborValue* uri = list ? list->find("uri") : nullptr;
    if (idx == nullptr || !idx->as_int() || *idx->as_int() < 0 || uri == nullptr ||
        uri->type != CborType::kText) {
        return fail("status must be {\"status_list\": {\"idx\": uint, \"uri\": text}}");
    }
    return StatusReference{static_cast<std::uint64_t>(*idx->as_int()), uri->as_text()};
}

Status read_optional(const CborValue& map, Claims& c) {
    if (const CborValue* id = map.find(kClaimIdentity)) {
        if (id->type != CborType::kMap) return fail("claim 169 must be a map");
        if (id->find(4) != nullptr) {
            SPMIS_ASSIGN_OR_RETURN(c.full_name, text_at(*id, 4, "full name"));
        }
    }
    if (const CborValue* status = map.find(kClaimStatus)) {
        SPMIS_ASSIGN_OR_RETURN(c.status, status_from(*status));
    }
    return {};
}

}  // namespace

Result<Claims> claims_from_cbor(const CborValue& map) {
    if (map.type != CborType::kMap) return fail("payload is not a map");
    Claims c;
    SPMIS_ASSIGN_OR_RETURN(c.issuer, text_at(map, kClaimIss, "iss"));
    SPMIS_ASSIGN_OR_RETURN(c.subject, text_at(map, kClaimSub, "sub"));
    SPMIS_ASSIGN_OR_RETURN(c.expires_at, int_at(map, kClaimExp, "exp"));
    SPMIS_ASSIGN_OR_RETURN(c.not_before, int_at(map, kClaimNbf, "nbf"));
    SPMIS_ASSIGN_OR_RETURN(c.issued_at, int_at(map, kClaimIat, "iat"));
    const CborValue* cti = map.find(kClaimCti);
    if (cti == nullptr || cti->type != CborType::kBytes || cti->bytes.size() != kCtiSize) {
        return fail("cti must be 8 bytes");
    }
    c.cti = cti->bytes;
    const CborValue* entitlement = map.find(kClaimEntitlement);
    if (entitlement == nullptr) return fail("entitlement (-65537) missing");
    SPMIS_ASSIGN_OR_RETURN(c.entitlement, entitlement_from(*entitlement));
    SPMIS_RETURN_IF_ERROR(read_optional(map, c));
    return c;
}

}  // namespace spmis::credential
