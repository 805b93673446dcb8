#pragma once
// Programs, program memberships and cycles, with their audited state transitions.

#include <optional>
#include <string>
#include <vector>

#include "spmis/model/cycle.hpp"
#include "spmis/model/program.hpp"

namespace spmis::store {

// A page of a program's memberships, in id order: optionally one state, ids after `after`.
struct MembershipPageQuery {
    Uuid program_id;
    std::optional<model::MembershipState> state;
    std::optional<Uuid> after;
    std::size_t limit = 100;
};

// A membership and, when flagged duplicated, the membership it duplicates.
struct MembershipListing {
    model::ProgramMembership membership;
    std::optional<Uuid> duplicate_of;
};

// Who a membership's registrant is, for deduplication. For a group the personal fields are its
// head's (a household has no national id or birthdate of its own) and the area is the group's.
struct MembershipIdentity {
    Uuid membership_id;
    Uuid registrant_id;
    model::MembershipState state = model::MembershipState::kDraft;
    UtcTime registrant_created_at{};
    std::string national_id;
    std::string name;
    std::optional<Date> birthdate;
    std::optional<Uuid> area_id;
};

// Program records. Transitions check the model's state machine (kIllegalTransition) and append
// the audit event in the same transaction as the state change.
class ProgramRepository {
public:
    virtual ~ProgramRepository() = default;

    // Inserts a program with its variables.
    virtual Status insert_program(const model::Program& p) = 0;
    // The program with this id.
    virtual Result<model::Program> get_program(const Uuid& id) = 0;
    // The program with this code, or nullopt.
    virtual Result<std::optional<model::Program>> find_program_by_code(const std::string& code) = 0;
    // Every program, ordered by code.
    virtual Result<std::vector<model::Program>> list_programs() = 0;
    // Moves a program to `to` (the state machine's edges, audited). What ending a program does to
    // its cycles, entitlements and requests is programs::move_program's rule, not the store's.
    virtual Status transition_program(const Uuid& id, model::ProgramState to, const std::string& actor,
                                      const std::string& reason) = 0;

    // Inserts a membership; kAlreadyExists when the registrant is already in the program.
    virtual Status insert_membership(const model::ProgramMembership& m) = 0;
    // The membership with this id.
    virtual Result<model::ProgramMembership> get_membership(const Uuid& id) = 0;
    // The membership of a registrant in a program, nullopt when it has none.
    virtual Result<std::optional<model::ProgramMembership>> find_membership(const Uuid& program_id,
                                                                            const Uuid& registrant_id) = 0;
    // Memberships of a program, in id order.
    virtual Result<std::vector<model::ProgramMembership>> list_memberships(const Uuid& program_id) = 0;
    // Memberships of one registrant in every program, in id order (oldest first).
    virtual Result<std::vector<model::ProgramMembership>> list_memberships_of(const Uuid& registrant_id) = 0;
    // Moves a membership to `to`, setting the enrollment or exit date on entering enrolled/exited.
    virtual Status transition_membership(const Uuid& id, model::MembershipState to, const std::string& actor,
                                         const std::string& reason) = 0;

    // One page of memberships, paged in the database (never the whole program in memory).
    virtual Result<std::vector<MembershipListing>> list_membership_page(const MembershipPageQuery& q) = 0;
    // Identities of every membership of a program, oldest registrant first (created_at, then id).
    virtual Result<std::vector<MembershipIdentity>> membership_identities(const Uuid& program_id) = 0;
    // Moves a membership to duplicated (state machine checked, audited), recording `original`.
    virtual Status mark_duplicate(const Uuid& id, const Uuid& original, const std::string& actor,
                                  const std::string& reason) = 0;
    // Moves a membership to exited on `date` (state machine checked, audited).
    virtual Status exit_membership(const Uuid& id, Date date, const std::string& actor,
                                   const std::string& reason) = 0;

    // Inserts a cycle.
    virtual Status insert_cycle(const model::Cycle& c) = 0;
    // The cycle with this id.
    virtual Result<model::Cycle> get_cycle(const Uuid& id) = 0;
    // Cycles of a program ordered by sequence.
    virtual Result<std::vector<model::Cycle>> list_cycles(const Uuid& program_id) = 0;
    // Moves a cycle to `to`.
    virtual Status transition_cycle(const Uuid& id, model::CycleState to, const std::string& actor,
                                    const std::string& reason) = 0;
};

}  // namespace spmis::store
