#pragma once
// The demo store with an approved cash cycle of the child grant (enrolled, generated, approved).

#include <sstream>
#include <string>
#include <vector>

#include "../programs/demo_fixture.hpp"
#include "spmis/csv/csv_reader.hpp"
#include "spmis/programs/cycles.hpp"
#include "spmis/programs/enrollment.hpp"
#include "spmis/programs/entitlements.hpp"

namespace spmis::payments::testing {

inline Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

class PaymentFlowTest : public programs::testing::DemoStoreTest {
protected:
    // Enrolls `code`, creates a November cycle, generates and approves its entitlements.
    model::Cycle approved_cycle(const std::string& code) {
        auto p = program(code);
        programs::EnrollmentOptions o;
        o.reference = demo::kDemoReferenceDate;
        EXPECT_TRUE(programs::enroll(*store_, p.id, o).ok());
        auto c = programs::create_cycle(
            *store_, p.id, {"November", day(2026, 11, 1), day(2026, 11, 30), std::nullopt, "mgr"});
        EXPECT_TRUE(c.ok()) << c.status().to_string();
        auto g = programs::generate_entitlements(*store_, c->id);
        EXPECT_TRUE(g.ok()) << g.status().to_string();
        auto a = programs::approve_cycle(*store_, c->id, "mgr");
        EXPECT_TRUE(a.ok()) << a.status().to_string();
        return *store_->programs().get_cycle(c->id);
    }

    std::vector<model::Entitlement> entitlements(const Uuid& cycle_id) {
        return *store_->delivery().list_entitlements(cycle_id);
    }

    // By value: a range-for over `*result` would outlive the temporary Result.
    std::vector<model::Payment> payments_of(const Uuid& batch_id) {
        return *store_->delivery().list_payments(batch_id);
    }

    std::vector<model::PaymentBatch> batches_of(const Uuid& cycle_id) {
        return *store_->payments().list_batches(cycle_id);
    }

    std::vector<model::ProgramMembership> memberships_of(const Uuid& program_id) {
        return *store_->programs().list_memberships(program_id);
    }

    std::string digest() { return *store_->content_digest(); }
};

// Every record of a CSV text (header included).
inline std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::istringstream in(text);
    csv::CsvReader reader(in);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> fields;
    while (true) {
        auto got = reader.next(fields);
        EXPECT_TRUE(got.ok()) << got.status().to_string();
        if (!got.ok() || !*got) return rows;
        rows.push_back(fields);
    }
}

}  // namespace spmis::payments::testing
