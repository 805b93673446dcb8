// The one encoder and the one decoder of pulled records (PROTOCOL.md section 8).

#include "spmis/sync/pulled_records.hpp"

#include "json_fields.hpp"
#include "spmis/base/text.hpp"
#include "spmis/model/enum_names.hpp"

namespace spmis::sync {
namespace {

using json_fields::Reader;
using nlohmann::json;

json id_or_null(const std::optional<Uuid>& id) { return id ? json(id->to_string()) : json(nullptr); }
json date_or_null(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }
json time_or_null(const std::optional<UtcTime>& t) { return t ? json(format_time(*t)) : json(nullptr); }

// Reads one record's members, naming the record kind and the path in every error.
class RecordReader {
public:
    RecordReader(const json& object, std::string what)
        : object_(object), what_(std::move(what)), r_(object, what_) {}

    Status require_object() const { return r_.require_object(); }
    Status malformed(const std::string& member, const std::string& why) const {
        return r_.malformed(member, why);
    }

    // Text shown to officers: valid UTF-8 without control characters (issue 17: every door checks).
    Result<std::string> text(const std::string& name) const {
        SPMIS_ASSIGN_OR_RETURN(std::string s, r_.string(name));
        if (Status ok = check_text(s, what_ + "." + name); !ok.ok()) return ok;
        return s;
    }
    Result<Uuid> uuid(const std::string& name) const { return r_.uuid(name); }
    Result<std::optional<Uuid>> optional_uuid(const std::string& name) const {
        SPMIS_RETURN_IF_ERROR(present(name));
        return r_.optional_uuid(name);
    }
    Result<std::int64_t> integer(const std::string& name) const { return r_.integer(name); }
    Result<UtcTime> time(const std::string& name) const { return r_.time(name); }
    Result<std::optional<UtcTime>> optional_time(const std::string& name) const {
        SPMIS_RETURN_IF_ERROR(present(name));
        if (!r_.has(name)) return std::optional<UtcTime>();
        SPMIS_ASSIGN_OR_RETURN(UtcTime t, r_.time(name));
        return std::optional<UtcTime>(t);
    }
    Result<Date> date(const std::string& name) const {
        SPMIS_ASSIGN_OR_RETURN(std::string s, r_.string(name));
        auto d = parse_date(s);
        if (!d.ok()) return malformed(name, "is not a date (YYYY-MM-DD)");
        return *d;
    }
    Result<std::optional<Date>> optional_date(const std::string& name) const {
        SPMIS_RETURN_IF_ERROR(present(name));
        if (!r_.has(name)) return std::optional<Date>();
        SPMIS_ASSIGN_OR_RETURN(Date d, date(name));
        return std::optional<Date>(d);
    }
    template <typename E>
    Result<E> enumerated(const std::string& name) const {
        SPMIS_ASSIGN_OR_RETURN(std::string s, r_.string(name));
        auto e = model::parse_enum<E>(s);
        if (!e.ok()) return malformed(name, e.status().message());
        return *e;
    }
    // A member that may be null but must be there (the document lists every member of a record).
    Status present(const std::string& name) const {
        return object_.contains(name) ? Status{} : malformed(name, "is missing");
    }
    Result<const json*> array(const std::string& name) const { return r_.array(name); }
    const json& at(const std::string& name) const { return object_[name]; }
    const std::string& what() const { return what_; }

private:
    const json& object_;
    std::string what_;
    Reader r_;
};

}  // namespace

json to_json(const PulledBeneficiary& b) {
    return {{"id", b.id.to_string()},
            {"kind", model::to_string(b.kind)},
            {"name", b.name},
            {"national_id", b.national_id},
            {"birthdate", date_or_null(b.birthdate)},
            {"household_id", id_or_null(b.household_id)}};
}

json to_json(const PulledMember& m) {
    return {{"id", m.id.to_string()},
            {"name", m.name},
            {"birthdate", date_or_null(m.birthdate)},
            {"kind", model::to_string(m.role)},
            {"national_id", m.national_id}};
}

json to_json(const PulledMembership& m) {
    return {{"id", m.id.to_string()}, {"state", model::to_string(m.state)}};
}

namespace {

json encode(const PulledEntitlement& e) {
    json household = json::array();
    for (const auto& m : e.household) household.push_back(to_json(m));
    json voided = json::array();
    for (const auto& v : e.voided_redemptions) voided.push_back(v.to_string());
    json used = json::array();
    for (const auto& u : e.credentials_used)
        used.push_back({{"redemption_id", u.redemption_id.to_string()}, {"credential_id", u.credential_id}});
    json cases = json::array();
    for (const auto& c : e.cases)
        cases.push_back({{"id", c.id.to_string()}, {"type", c.type}, {"status", c.status}});
    json membership = e.membership ? to_json(*e.membership) : json(nullptr);
    return {{"id", e.id.to_string()},
            {"program_id", e.program_id.to_string()},
            {"cycle_id", e.cycle_id.to_string()},
            {"registrant_id", e.registrant_id.to_string()},
            {"kind", model::to_string(e.kind)},
            {"state", model::to_string(e.state)},
            {"item", e.item},
            {"unit", e.unit},
            {"quantity_milli", e.quantity_milli},
            {"amount_minor", e.amount_minor},
            {"currency", e.currency},
            {"voucher_code", e.voucher_code},
            {"valid_from", format_date(e.valid_from)},
            {"valid_until", format_date(e.valid_until)},
            {"service_point_id", id_or_null(e.service_point_id)},
            {"redeemed_milli", e.redeemed_milli},
            {"remaining_milli", e.remaining_milli},
            {"beneficiary", e.beneficiary ? to_json(*e.beneficiary) : json(nullptr)},
            {"household", std::move(household)},
            {"membership", std::move(membership)},
            {"voided_redemptions", std::move(voided)},
            {"credentials_used", std::move(used)},
            {"cases", std::move(cases)}};
}

json encode(const PulledEvent& e) {
    return {{"id", e.id.to_string()},
            {"service_point_id", e.service_point_id.to_string()},
            {"program_id", e.program_id.to_string()},
            {"cycle_id", id_or_null(e.cycle_id)},
            {"starts_at", format_time(e.starts_at)},
            {"ends_at", format_time(e.ends_at)}};
}

json encode(const PulledDevice& d) {
    return {{"id", d.id.to_string()},
            {"name", d.name},
            {"public_key", d.public_key},
            {"state", model::to_string(d.state)},
            {"revoked_at", time_or_null(d.revoked_at)}};
}

json encode(const PulledTrustList& t) { return {{"text", t.text}}; }

Result<PulledBeneficiary> decode_beneficiary(const json& j) {
    RecordReader r(j, "entitlement.beneficiary");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    PulledBeneficiary b;
    SPMIS_ASSIGN_OR_RETURN(b.id, r.uuid("id"));
    SPMIS_ASSIGN_OR_RETURN(b.kind, r.enumerated<model::RegistrantKind>("kind"));
    SPMIS_ASSIGN_OR_RETURN(b.name, r.text("name"));
    SPMIS_ASSIGN_OR_RETURN(b.national_id, r.text("national_id"));
    SPMIS_ASSIGN_OR_RETURN(b.birthdate, r.optional_date("birthdate"));
    SPMIS_ASSIGN_OR_RETURN(b.household_id, r.optional_uuid("household_id"));
    return b;
}

Result<PulledMember> decode_member(const json& j) {
    RecordReader r(j, "entitlement.household[]");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    PulledMember m;
    SPMIS_ASSIGN_OR_RETURN(m.id, r.uuid("id"));
    SPMIS_ASSIGN_OR_RETURN(m.name, r.text("name"));
    SPMIS_ASSIGN_OR_RETURN(m.birthdate, r.optional_date("birthdate"));
    SPMIS_ASSIGN_OR_RETURN(m.role, r.enumerated<model::GroupMembershipKind>("kind"));
    SPMIS_ASSIGN_OR_RETURN(m.national_id, r.text("national_id"));
    return m;
}

// Each element of the array member `name`, decoded by `one`.
template <typename T, typename Decode>
Result<std::vector<T>> decode_list(const RecordReader& r, const std::string& name, Decode one) {
    SPMIS_ASSIGN_OR_RETURN(const json* items, r.array(name));
    std::vector<T> out;
    out.reserve(items->size());
    for (const auto& item : *items) {
        SPMIS_ASSIGN_OR_RETURN(T value, one(item));
        out.push_back(std::move(value));
    }
    return out;
}

Result<PulledDevice> decode_device(const json& j) {
    RecordReader r(j, "device");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    PulledDevice d;
    SPMIS_ASSIGN_OR_RETURN(d.id, r.uuid("id"));
    SPMIS_ASSIGN_OR_RETURN(d.name, r.text("name"));
    SPMIS_ASSIGN_OR_RETURN(d.public_key, r.text("public_key"));
    SPMIS_ASSIGN_OR_RETURN(d.state, r.enumerated<model::DeviceState>("state"));
    SPMIS_ASSIGN_OR_RETURN(d.revoked_at, r.optional_time("revoked_at"));
    return d;
}

Result<PulledTrustList> decode_trust_list(const json& j) {
    RecordReader r(j, "trust_list");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    PulledTrustList t;
    SPMIS_ASSIGN_OR_RETURN(t.text, r.text("text"));
    return t;
}

}  // namespace

std::string kind_of(const PulledData& data) {
    struct Kind {
        std::string operator()(const PulledEntitlement&) const { return "entitlement"; }
        std::string operator()(const PulledEvent&) const { return "event"; }
        std::string operator()(const PulledDevice&) const { return "device"; }
        std::string operator()(const PulledTrustList&) const { return "trust_list"; }
    };
    return std::visit(Kind{}, data);
}

json encode_pulled(const PulledData& data) {
    return std::visit([](const auto& record) { return encode(record); }, data);
}

Result<PulledEntitlement> decode_entitlement(const json& j) {
    RecordReader r(j, "entitlement");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    PulledEntitlement e;
    SPMIS_ASSIGN_OR_RETURN(e.id, r.uuid("id"));
    SPMIS_ASSIGN_OR_RETURN(e.program_id, r.uuid("program_id"));
    SPMIS_ASSIGN_OR_RETURN(e.cycle_id, r.uuid("cycle_id"));
    SPMIS_ASSIGN_OR_RETURN(e.registrant_id, r.uuid("registrant_id"));
    SPMIS_ASSIGN_OR_RETURN(e.kind, r.enumerated<model::EntitlementKind>("kind"));
    SPMIS_ASSIGN_OR_RETURN(e.state, r.enumerated<model::EntitlementState>("state"));
    SPMIS_ASSIGN_OR_RETURN(e.item, r.text("item"));
    SPMIS_ASSIGN_OR_RETURN(e.unit, r.text("unit"));
    SPMIS_ASSIGN_OR_RETURN(e.quantity_milli, r.integer("quantity_milli"));
    SPMIS_ASSIGN_OR_RETURN(e.amount_minor, r.integer("amount_minor"));
    SPMIS_ASSIGN_OR_RETURN(e.currency, r.text("currency"));
    SPMIS_ASSIGN_OR_RETURN(e.voucher_code, r.text("voucher_code"));
    SPMIS_ASSIGN_OR_RETURN(e.valid_from, r.date("valid_from"));
    SPMIS_ASSIGN_OR_RETURN(e.valid_until, r.date("valid_until"));
    SPMIS_ASSIGN_OR_RETURN(e.service_point_id, r.optional_uuid("service_point_id"));
    SPMIS_ASSIGN_OR_RETURN(e.redeemed_milli, r.integer("redeemed_milli"));
    SPMIS_ASSIGN_OR_RETURN(e.remaining_milli, r.integer("remaining_milli"));
    SPMIS_RETURN_IF_ERROR(r.present("beneficiary"));
    if (!r.at("beneficiary").is_null()) {
        SPMIS_ASSIGN_OR_RETURN(e.beneficiary, decode_beneficiary(r.at("beneficiary")));
    }
    SPMIS_ASSIGN_OR_RETURN(e.household, decode_list<PulledMember>(r, "household", decode_member));
    SPMIS_RETURN_IF_ERROR(r.present("membership"));
    if (!r.at("membership").is_null()) {
        RecordReader m(r.at("membership"), "entitlement.membership");
        SPMIS_RETURN_IF_ERROR(m.require_object());
        PulledMembership membership;
        SPMIS_ASSIGN_OR_RETURN(membership.id, m.uuid("id"));
        SPMIS_ASSIGN_OR_RETURN(membership.state, m.enumerated<model::MembershipState>("state"));
        e.membership = membership;
    }
    SPMIS_ASSIGN_OR_RETURN(e.voided_redemptions,
                           decode_list<Uuid>(r, "voided_redemptions", [](const json& v) -> Result<Uuid> {
                               if (!v.is_string())
                                   return make_error(ErrorCode::kInvalidArgument,
                                                     "malformed entitlement: 'voided_redemptions' holds a "
                                                     "non-string");
                               return Uuid::parse(v.get<std::string>());
                           }));
    SPMIS_ASSIGN_OR_RETURN(
        e.credentials_used,
        decode_list<UsedCredential>(r, "credentials_used", [](const json& v) -> Result<UsedCredential> {
            RecordReader u(v, "entitlement.credentials_used[]");
            SPMIS_RETURN_IF_ERROR(u.require_object());
            UsedCredential out;
            SPMIS_ASSIGN_OR_RETURN(out.redemption_id, u.uuid("redemption_id"));
            SPMIS_ASSIGN_OR_RETURN(out.credential_id, u.text("credential_id"));
            return out;
        }));
    SPMIS_ASSIGN_OR_RETURN(e.cases,
                           decode_list<PulledCase>(r, "cases", [](const json& v) -> Result<PulledCase> {
                               RecordReader c(v, "entitlement.cases[]");
                               SPMIS_RETURN_IF_ERROR(c.require_object());
                               PulledCase out;
                               SPMIS_ASSIGN_OR_RETURN(out.id, c.uuid("id"));
                               SPMIS_ASSIGN_OR_RETURN(out.type, c.text("type"));
                               SPMIS_ASSIGN_OR_RETURN(out.status, c.text("status"));
                               return out;
                           }));
    return e;
}

Result<PulledEvent> decode_event(const json& j) {
    RecordReader r(j, "event");
    SPMIS_RETURN_IF_ERROR(r.require_object());
    PulledEvent e;
    SPMIS_ASSIGN_OR_RETURN(e.id, r.uuid("id"));
    SPMIS_ASSIGN_OR_RETURN(e.service_point_id, r.uuid("service_point_id"));
    SPMIS_ASSIGN_OR_RETURN(e.program_id, r.uuid("program_id"));
    SPMIS_ASSIGN_OR_RETURN(e.cycle_id, r.optional_uuid("cycle_id"));
    SPMIS_ASSIGN_OR_RETURN(e.starts_at, r.time("starts_at"));
    SPMIS_ASSIGN_OR_RETURN(e.ends_at, r.time("ends_at"));
    return e;
}

Result<PulledData> decode_pulled(const std::string& kind, const json& data) {
    if (kind == "entitlement") {
        SPMIS_ASSIGN_OR_RETURN(auto e, decode_entitlement(data));
        return PulledData(std::move(e));
    }
    if (kind == "event") {
        SPMIS_ASSIGN_OR_RETURN(auto e, decode_event(data));
        return PulledData(std::move(e));
    }
    if (kind == "device") {
        SPMIS_ASSIGN_OR_RETURN(auto d, decode_device(data));
        return PulledData(std::move(d));
    }
    if (kind == "trust_list") {
        SPMIS_ASSIGN_OR_RETURN(auto t, decode_trust_list(data));
        return PulledData(std::move(t));
    }
    return make_error(ErrorCode::kInvalidArgument, "unknown pulled record kind '" + kind + "'");
}

}  // namespace spmis::sync
