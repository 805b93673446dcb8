#include "spmis/programs/enrollment.hpp"

#include <set>
#include <sstream>

#include "enrollment_support.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/cel/registrant_binding.hpp"
#include "spmis/programs/enrollment_approval.hpp"
#include "spmis/programs/program_rules.hpp"
#include "spmis/programs/registry_loader.hpp"

namespace spmis::programs {
namespace detail {

Result<model::Program> active_program(store::Store& store, const Uuid& program_id) {
    SPMIS_ASSIGN_OR_RETURN(auto program, store.programs().get_program(program_id));
    if (program.state != model::ProgramState::kActive) {
        return make_error(ErrorCode::kFailedPrecondition, "program " + program.code + " has ended");
    }
    return program;
}

Status audit_create(store::Store& store, const std::string& record_kind, const Uuid& id,
                    const std::string& actor, const std::string& reason) {
    model::AuditEvent e;
    e.id = new_uuid_v7();
    e.actor = actor;
    e.record_kind = record_kind;
    e.record_id = id;
    e.action = "create";
    e.reason = reason;
    e.at = now(store);
    return store.audit().append(e);
}

UuidMap<std::size_t> target_index(const model::Program& program, const RegistrySnapshot& snap) {
    UuidMap<std::size_t> out;
    if (program.target == model::TargetType::kGroup) {
        for (std::size_t i = 0; i < snap.households.size(); ++i) out.emplace(snap.households[i].id, i);
    } else {
        for (std::size_t i = 0; i < snap.individuals.size(); ++i) out.emplace(snap.individuals[i].id, i);
    }
    return out;
}

UtcTime now(store::Store& store) { return store.clock().now(); }

}  // namespace detail

namespace {

// Loaded registry and compiled rule of one program.
struct Context {
    model::Program program;
    RegistrySnapshot snap;
    cel::Program rule;
};

Result<Context> load(store::Store& store, const Uuid& program_id) {
    SPMIS_ASSIGN_OR_RETURN(auto program, detail::active_program(store, program_id));
    SPMIS_ASSIGN_OR_RETURN(auto rule, compile_eligibility(program));
    LoadOptions load_options;
    load_options.households = program.target == model::TargetType::kGroup;
    SPMIS_ASSIGN_OR_RETURN(auto snap, load_registry(store, load_options));
    return Context{std::move(program), std::move(snap), std::move(rule)};
}

void add_errors(EnrollmentReport& report, const cel::EligibilityResult& r) {
    report.errored += r.errored;
    for (const auto& e : r.first_errors) {
        if (report.first_errors.size() < tuning::kCelBatchMaxReportedErrors) report.first_errors.push_back(e);
    }
}

Status import_into(store::Store& store, const Context& ctx, const EnrollmentOptions& options,
                   EnrollmentReport& report, detail::Progress& progress) {
    cel::RegistrantBinder binder(options.reference);
    auto result =
        evaluate_eligibility(ctx.program, ctx.rule, ctx.snap.households, ctx.snap.individuals, binder);
    report.evaluated += ctx.program.target == model::TargetType::kGroup ? ctx.snap.households.size()
                                                                        : ctx.snap.individuals.size();
    report.matched += result.matching.size();
    add_errors(report, result);
    SPMIS_ASSIGN_OR_RETURN(auto existing, store.programs().list_memberships(ctx.program.id));
    UuidSet members;
    for (const auto& m : existing) members.insert(m.registrant_id);
    std::vector<Uuid> to_create;
    for (const auto& id : result.matching) {
        if (members.count(id) != 0) {
            ++report.already_members;
        } else {
            to_create.push_back(id);
        }
    }
    const UtcTime at = detail::now(store);
    return detail::write_in_batches(store, options, progress, to_create.size(), [&](std::size_t i) -> Status {
        model::ProgramMembership m{
            new_uuid_v7(), ctx.program.id, to_create[i], model::MembershipState::kDraft,
            std::nullopt,  std::nullopt,   at,           at};
        SPMIS_RETURN_IF_ERROR(store.programs().insert_membership(m));
        SPMIS_RETURN_IF_ERROR(
            detail::audit_create(store, "program_membership", m.id, options.actor, "import eligible"));
        ++report.created;
        return {};
    });
}

// Memberships to verify and the records they point at, in membership order.
struct Subset {
    std::vector<model::ProgramMembership> memberships;
    std::vector<cel::HouseholdRecord> households;
    std::vector<cel::IndividualRecord> individuals;
};

Result<Subset> subset_to_verify(store::Store& store, const Context& ctx, bool recheck_enrolled) {
    SPMIS_ASSIGN_OR_RETURN(auto all, store.programs().list_memberships(ctx.program.id));
    const auto index = detail::target_index(ctx.program, ctx.snap);
    Subset s;
    for (const auto& m : all) {
        const bool wanted = m.state == model::MembershipState::kDraft ||
                            (recheck_enrolled && m.state == model::MembershipState::kEnrolled);
        auto it = index.find(m.registrant_id);
        if (!wanted || it == index.end()) continue;
        s.memberships.push_back(m);
        if (ctx.program.target == model::TargetType::kGroup) {
            s.households.push_back(ctx.snap.households[it->second]);
        } else {
            s.individuals.push_back(ctx.snap.individuals[it->second]);
        }
    }
    return s;
}

// Registrants whose rule result was an error (evaluated one by one, only when the batch saw any).
UuidSet errored_ids(const Context& ctx, const Subset& s, const cel::RegistrantBinder& binder,
                    const UuidSet& matching) {
    UuidSet out;
    const bool group = ctx.program.target == model::TargetType::kGroup;
    for (std::size_t i = 0; i < s.memberships.size(); ++i) {
        if (matching.count(s.memberships[i].registrant_id) != 0) continue;
        cel::Activation a;
        a.set("today", binder.today());
        if (group) a.set("group", binder.group(s.households[i]));
        if (!group) a.set("individual", binder.individual(s.individuals[i]));
        auto v = ctx.rule.evaluate(a);
        if (v.kind() != cel::Kind::kBool) out.insert(s.memberships[i].registrant_id);
    }
    return out;
}

// Opens the run's enrollment request over `held` (nothing when empty); batched runs commit it as
// one more batch.
Status hold_for_approval(store::Store& store, const Context& ctx, const EnrollmentOptions& options,
                         const std::vector<Uuid>& held, EnrollmentReport& report) {
    if (held.empty()) return {};
    auto open = [&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto request, open_enrollment_request(store, ctx.program.id, held,
                                                                     options.actor, detail::now(store)));
        report.approval_request = request.id;
        report.awaiting_approval = held.size();
        return Status{};
    };
    if (options.batch_size > 0 && options.run_batch) return options.run_batch(open);
    return open();
}

Status verify_into(store::Store& store, const Context& ctx, const EnrollmentOptions& options,
                   EnrollmentReport& report, detail::Progress& progress) {
    SPMIS_ASSIGN_OR_RETURN(auto s, subset_to_verify(store, ctx, options.recheck_enrolled));
    cel::RegistrantBinder binder(options.reference);
    auto result = evaluate_eligibility(ctx.program, ctx.rule, s.households, s.individuals, binder);
    report.evaluated += s.memberships.size();
    add_errors(report, result);
    const UuidSet matching(result.matching.begin(), result.matching.end());
    const auto errored = result.errored == 0 ? UuidSet{} : errored_ids(ctx, s, binder, matching);
    SPMIS_ASSIGN_OR_RETURN(const EnrollmentGate gate, enrollment_gate(store, ctx.program.id));
    std::vector<Uuid> held;  // eligible drafts for this run's approval request
    SPMIS_RETURN_IF_ERROR(detail::write_in_batches(
        store, options, progress, s.memberships.size(), [&](std::size_t i) -> Status {
            const auto& m = s.memberships[i];
            if (errored.count(m.registrant_id) != 0) return {};
            const bool eligible = matching.count(m.registrant_id) != 0;
            if (m.state == model::MembershipState::kEnrolled && eligible) return {};
            if (eligible && gate.chain) {
                if (gate.awaiting.count(m.id) != 0) {
                    ++report.already_awaiting;
                } else {
                    held.push_back(m.id);
                }
                return {};
            }
            const auto to =
                eligible ? model::MembershipState::kEnrolled : model::MembershipState::kNotEligible;
            SPMIS_RETURN_IF_ERROR(store.programs().transition_membership(
                m.id, to, options.actor,
                eligible ? "verified eligible" : "does not match the eligibility rule"));
            ++(eligible ? report.enrolled : report.not_eligible);
            return {};
        }));
    return hold_for_approval(store, ctx, options, held, report);
}

}  // namespace

Result<EnrollmentReport> import_eligible(store::Store& store, const Uuid& program_id,
                                         const EnrollmentOptions& options) {
    SPMIS_ASSIGN_OR_RETURN(auto ctx, load(store, program_id));
    EnrollmentReport report;
    detail::Progress progress;
    SPMIS_RETURN_IF_ERROR(detail::in_operation_transaction(
        store, options, [&] { return import_into(store, ctx, options, report, progress); }));
    return report;
}

Result<EnrollmentReport> verify(store::Store& store, const Uuid& program_id,
                                const EnrollmentOptions& options) {
    SPMIS_ASSIGN_OR_RETURN(auto ctx, load(store, program_id));
    EnrollmentReport report;
    detail::Progress progress;
    SPMIS_RETURN_IF_ERROR(detail::in_operation_transaction(
        store, options, [&] { return verify_into(store, ctx, options, report, progress); }));
    return report;
}

Result<EnrollmentReport> enroll(store::Store& store, const Uuid& program_id,
                                const EnrollmentOptions& options) {
    SPMIS_ASSIGN_OR_RETURN(auto ctx, load(store, program_id));
    EnrollmentReport imported;
    EnrollmentReport verified;
    detail::Progress progress;
    SPMIS_RETURN_IF_ERROR(detail::in_operation_transaction(store, options, [&] {
        SPMIS_RETURN_IF_ERROR(import_into(store, ctx, options, imported, progress));
        return verify_into(store, ctx, options, verified, progress);
    }));
    imported.enrolled = verified.enrolled;
    imported.not_eligible = verified.not_eligible;
    imported.awaiting_approval = verified.awaiting_approval;
    imported.approval_request = verified.approval_request;
    imported.already_awaiting = verified.already_awaiting;
    imported.errored += verified.errored;
    return imported;
}

std::string format_report(const EnrollmentReport& r) {
    std::ostringstream out;
    out << "evaluated " << r.evaluated << ", matched " << r.matched << ", created " << r.created
        << ", already members " << r.already_members << ", enrolled " << r.enrolled << ", not eligible "
        << r.not_eligible << ", errors " << r.errored;
    if (r.approval_request) {
        out << ", awaiting approval " << r.awaiting_approval << " (request "
            << r.approval_request->to_string() << ")";
    }
    if (r.already_awaiting > 0) out << ", already awaiting approval " << r.already_awaiting;
    if (!r.first_errors.empty()) {
        out << " (first: " << r.first_errors.front().registrant.to_string() << ": "
            << r.first_errors.front().message << ")";
    }
    return out.str();
}

}  // namespace spmis::programs
