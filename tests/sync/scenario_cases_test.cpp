// Conflict scenarios as data, run through the real server: every folder
// tests/data/sync_scenarios/<scenario>/ holds scenario.json (an entitlement, the devices, and steps
// that record, push and void) and expected.json (each push's answers, every reconciliation case
// with the steps it links, the balance and the voided redemptions a device pulls). Steps name each
// other by step name; the test translates ids back to those names, so expected.json reads as the
// scenario does. A new scenario is a new folder.

#include <algorithm>
#include <chrono>
#include <map>

#include "data_cases.hpp"
#include "sync_fixture.hpp"

namespace spmis::sync::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path kScenarios = fs::path(SPMIS_SOURCE_DIR) / "tests/data/sync_scenarios";

class ScenarioCase : public SyncServerTest, public ::testing::WithParamInterface<std::string> {
protected:
    // The scenario's own entitlement at SP1, valid until `valid_until_days` after the clock's today,
    // moved to `state` through the entitlement state machine when that is not "approved".
    void insert_entitlement(const json& spec) {
        const std::chrono::sys_days today{date_of(clock_.now())};
        const std::chrono::days until{spec.value("valid_until_days", 30)};
        model::Entitlement e;
        e.id = entitlement_;
        e.cycle_id = w_.cycle;
        e.program_id = w_.program;
        e.registrant_id = w_.household;
        e.kind = model::EntitlementKind::kInKind;
        e.state = model::EntitlementState::kApproved;
        e.item = "rice";
        e.unit = "kg";
        e.quantity = spec.value("quantity_milli", 25'000) / 1000.0;
        e.amount = {0, "USD"};
        e.service_point_id = w_.sp1;
        e.valid_until = Date{today + until};
        e.valid_from = Date{std::min(today, today + until) - std::chrono::days(30)};
        ASSERT_TRUE(store_->delivery().insert_entitlement(e).ok());
        const std::string state = spec.value("state", "approved");
        if (state == "approved") return;
        auto to = model::parse_enum<model::EntitlementState>(state);
        ASSERT_TRUE(to.ok()) << state;
        Status moved = store_->delivery().transition_entitlement(entitlement_, *to, "manager", "scenario");
        ASSERT_TRUE(moved.ok()) << moved.to_string();
    }

    void run_step(const json& step) {
        if (step.contains("redeem")) {
            SimDevice& d = devices_.at(step["device"]);
            record(step["redeem"], d.redeem(entitlement_, w_.sp1, step["milli"]));
        } else if (step.contains("void")) {
            SimDevice& d = devices_.at(step["device"]);
            const Uuid redemption = ops_.at(step["of"]).record_id;
            record(step["void"],
                   d.next("redemption.void", "redemption", redemption,
                          {{"redemption_id", redemption.to_string()}, {"reason", "handed out by mistake"}},
                          json::object(), std::nullopt));
        } else if (step.contains("push")) {
            push_step(step["push"], step["device"], step["ops"]);
        } else if (step.contains("staff_void")) {
            staff_void(step["of"], step["case"]);
        } else {
            FAIL() << "unknown step " << step.dump();
        }
    }

    void record(const std::string& name, Operation op) {
        ASSERT_FALSE(ops_.contains(name)) << "two steps named " << name;
        ops_.emplace(name, std::move(op));
    }

    void push_step(const std::string& name, const std::string& device, const json& op_names) {
        std::vector<Operation> batch;
        for (const auto& n : op_names) batch.push_back(ops_.at(n));
        auto answer = push(devices_.at(device), batch);
        ASSERT_TRUE(answer.ok()) << name << ": " << answer.status().to_string();
        json results = json::object();
        for (const OpResult& r : answer->results) {
            json one = {{"disposition", to_string(r.disposition)}, {"cases", case_types(r.cases)}};
            if (r.first) one["first"] = to_string(*r.first);
            results[op_name(devices_.at(device).id, r.device_seq)] = one;
        }
        pushes_[name] = results;
    }

    // Central staff void a redemption by resolving the entitlement's open case of `type`.
    void staff_void(const std::string& redemption, const std::string& type) {
        auto open = server_->cases({type, std::string("open"), std::nullopt, std::nullopt, std::nullopt, 0});
        ASSERT_TRUE(open.ok() && open->size() == 1u) << "no single open " << type << " case";
        json decision = {{"action", "void_redemption"},
                         {"redemption_id", ops_.at(redemption).record_id.to_string()}};
        Status s = server_->resolve(open->front().id, decision, "manager", "recorded twice");
        ASSERT_TRUE(s.ok()) << s.to_string();
    }

    std::string op_name(const Uuid& device, std::uint64_t seq) const {
        for (const auto& [name, op] : ops_) {
            if (op.device_id == device && op.device_seq == seq) return name;
        }
        return "unknown operation " + device.to_string() + "#" + std::to_string(seq);
    }

    std::string record_name(const Uuid& id) const {
        if (id == entitlement_) return "entitlement";
        for (const auto& [name, op] : ops_) {
            if (op.record_kind == "redemption" && op.op_type == "redemption.record" && op.record_id == id)
                return name;
        }
        return "unknown record " + id.to_string();
    }

    std::vector<std::string> case_types(const std::vector<Uuid>& ids) {
        std::vector<std::string> types;
        for (const Uuid& id : ids) {
            auto c = store_->cases().get_case(id);
            types.push_back(c.ok() ? c->type : "missing case " + id.to_string());
        }
        std::sort(types.begin(), types.end());
        return types;
    }

    // A link names the operation that made it, or (recorded centrally) the record.
    std::string link_name(const store::CaseLink& link) const {
        if (link.device_id && link.device_seq)
            return op_name(*link.device_id, static_cast<std::uint64_t>(*link.device_seq));
        return record_name(link.record_id);
    }

    json case_json(const store::ReconciliationCase& c) const {
        std::vector<std::string> links;
        for (const auto& link : c.links) links.push_back(link_name(link));
        std::sort(links.begin(), links.end());
        json out = {{"type", c.type},
                    {"record", c.record_id ? record_name(*c.record_id) : "none"},
                    {"status", c.status},
                    {"links", links}};
        if (!c.decision.empty()) {
            json decision = json::parse(c.decision);
            if (decision.contains("redemption_id"))
                decision["redemption_id"] =
                    record_name(*Uuid::parse(decision["redemption_id"].get<std::string>()));
            out["decision"] = decision;
        }
        return out;
    }

    // What the server holds at the end, in expected.json's shape.
    json outcome() {
        json cases = json::array();
        auto all = server_->cases({std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, 0});
        EXPECT_TRUE(all.ok());
        if (all.ok()) {
            for (const auto& c : *all) cases.push_back(case_json(c));
        }
        std::sort(cases.begin(), cases.end(),
                  [](const json& a, const json& b) { return a.dump() < b.dump(); });
        json out = {{"pushes", pushes_}, {"cases", cases}};
        add_pulled_entitlement(out);
        return out;
    }

    // The balance and voided redemptions as the real server encodes them for a device's pull.
    void add_pulled_entitlement(json& out) {
        const SimDevice& any = devices_.begin()->second;
        auto body = server_->handle("pull", any.pull_body(0, 1 << 20));
        ASSERT_TRUE(body.ok()) << body.status().to_string();
        auto page = pull_response_from_json(json::parse(*body));
        ASSERT_TRUE(page.ok()) << page.status().to_string();
        for (const auto& r : page->records) {
            if (r.kind != "entitlement" || r.id != entitlement_) continue;
            const auto& pulled = std::get<PulledEntitlement>(*r.data);
            out["remaining_milli"] = pulled.remaining_milli;
            std::vector<std::string> voided;
            for (const Uuid& v : pulled.voided_redemptions) voided.push_back(record_name(v));
            std::sort(voided.begin(), voided.end());
            out["voided"] = voided;
        }
    }

    Uuid entitlement_ = new_uuid_v7();
    std::map<std::string, SimDevice> devices_;
    std::map<std::string, Operation> ops_;
    json pushes_ = json::object();
};

TEST_P(ScenarioCase, EveryConflictIsRaisedExactlyOnce) {
    const json scenario = read_case_json(kScenarios / GetParam() / "scenario.json");
    const json expected = read_case_json(kScenarios / GetParam() / "expected.json");
    insert_entitlement(scenario["entitlement"]);
    for (const auto& name : scenario["devices"]) devices_.emplace(name, enroll({w_.sp1}));
    for (const auto& step : scenario["steps"]) {
        SCOPED_TRACE(step.dump());
        run_step(step);
        if (HasFatalFailure()) return;
    }
    const json actual = outcome();
    EXPECT_TRUE(actual == expected) << "actual:\n" << actual.dump(2) << "\nexpected:\n" << expected.dump(2);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioCase, ::testing::ValuesIn(case_names(kScenarios)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace spmis::sync::testing
