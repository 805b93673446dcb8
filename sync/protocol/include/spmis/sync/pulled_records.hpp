#pragma once
// The records a pull sends (PROTOCOL.md section 8), as types with one encoder and one decoder.
// The server store builds them, the server encodes them, the device decodes them: a field that one
// side writes and the other does not read cannot exist, because both go through these functions.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/entitlement.hpp"
#include "spmis/model/program.hpp"
#include "spmis/model/registrant.hpp"
#include "spmis/model/user.hpp"

namespace spmis::sync {

// Who an entitlement is for. household_id: the beneficiary itself when it is a group, else its first
// household by id, empty when it has none (devices route operations and find members by it).
struct PulledBeneficiary {
    Uuid id;
    model::RegistrantKind kind = model::RegistrantKind::kIndividual;
    std::string name;
    std::string national_id;
    std::optional<Date> birthdate;
    std::optional<Uuid> household_id;

    bool operator==(const PulledBeneficiary&) const = default;
};

// One member of the beneficiary's household, with their role in it.
struct PulledMember {
    Uuid id;
    std::string name;
    std::optional<Date> birthdate;
    model::GroupMembershipKind role = model::GroupMembershipKind::kOther;
    std::string national_id;

    bool operator==(const PulledMember&) const = default;
};

struct PulledMembership {
    Uuid id;
    model::MembershipState state = model::MembershipState::kEnrolled;

    bool operator==(const PulledMembership&) const = default;
};

// A credential a standing (accepted, non-voided) redemption used: devices refuse it as the server does.
struct UsedCredential {
    Uuid redemption_id;
    std::string credential_id;

    bool operator==(const UsedCredential&) const = default;
};

// A reconciliation case about the entitlement: a device's flagged operation whose cases are all
// closed leaves its attention list.
struct PulledCase {
    Uuid id;
    std::string type;
    std::string status;

    bool operator==(const PulledCase&) const = default;
};

struct PulledEntitlement {
    Uuid id;
    Uuid program_id;
    Uuid cycle_id;
    Uuid registrant_id;
    model::EntitlementKind kind = model::EntitlementKind::kInKind;
    model::EntitlementState state = model::EntitlementState::kApproved;
    std::string item;
    std::string unit;
    std::int64_t quantity_milli = 0;
    std::int64_t amount_minor = 0;
    std::string currency;
    std::string voucher_code;
    Date valid_from{};
    Date valid_until{};
    std::optional<Uuid> service_point_id;
    // Accepted, non-voided redemptions from every device, and what is left of the grant.
    std::int64_t redeemed_milli = 0;
    std::int64_t remaining_milli = 0;
    std::optional<PulledBeneficiary> beneficiary;
    std::vector<PulledMember> household;
    std::optional<PulledMembership> membership;
    std::vector<Uuid> voided_redemptions;
    std::vector<UsedCredential> credentials_used;
    std::vector<PulledCase> cases;

    bool operator==(const PulledEntitlement&) const = default;
};

struct PulledEvent {
    Uuid id;
    Uuid service_point_id;
    Uuid program_id;
    std::optional<Uuid> cycle_id;
    UtcTime starts_at{};
    UtcTime ends_at{};

    bool operator==(const PulledEvent&) const = default;
};

// A revoked device (active devices are not sent).
struct PulledDevice {
    Uuid id;
    std::string name;
    std::string public_key;
    model::DeviceState state = model::DeviceState::kRevoked;
    std::optional<UtcTime> revoked_at;

    bool operator==(const PulledDevice&) const = default;
};

// The signed trust list: lowercase hex of its COSE_Sign1 (CREDENTIALS.md), one record with the nil
// UUID as id. The store hands out the unsigned entries; the server signs them into `text`.
struct PulledTrustList {
    std::string text;

    bool operator==(const PulledTrustList&) const = default;
};

// One device key as the server store lists it for the trust list, before signing.
struct TrustListEntry {
    Uuid id;
    std::string public_key;
    UtcTime registered_at{};
    std::optional<UtcTime> revoked_at;
};

using PulledData = std::variant<PulledEntitlement, PulledEvent, PulledDevice, PulledTrustList>;

// The record kind on the wire ("entitlement", "event", "device", "trust_list").
std::string kind_of(const PulledData& data);

// The one encoder: the record's JSON exactly as PROTOCOL.md section 8 gives it.
nlohmann::json encode_pulled(const PulledData& data);
// The one decoder: strict (every member present with its type, enum values known, text valid UTF-8
// without control characters); members it does not know are ignored. kInvalidArgument naming the
// record kind and the member otherwise.
Result<PulledData> decode_pulled(const std::string& kind, const nlohmann::json& data);

// The parts of an entitlement as the encoder writes them (a device shows a found person with these).
nlohmann::json to_json(const PulledBeneficiary& beneficiary);
nlohmann::json to_json(const PulledMember& member);
nlohmann::json to_json(const PulledMembership& membership);

// Typed views of a decoded record.
Result<PulledEntitlement> decode_entitlement(const nlohmann::json& data);
Result<PulledEvent> decode_event(const nlohmann::json& data);

}  // namespace spmis::sync
