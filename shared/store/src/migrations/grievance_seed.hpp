#pragma once
// The grievance categories every new database starts with (SQLite's schema 25 and PostgreSQL's
// migration 5 run the same portable SQL). Service levels are hours; a breached ticket escalates to
// the role named last. Staff change them afterwards (GrievanceRepository::put_grievance_category).
// Idempotent: a migration may be applied again over its own tables, and a category staff changed is
// never overwritten.

namespace spmis::store {

inline constexpr const char* kGrievanceCategorySeed = R"sql(
INSERT INTO grievance_categories (code, name, response_hours, resolution_hours, escalate_to) VALUES
    ('payment_not_received', 'Payment not received', 48, 240, 'program_manager'),
    ('wrong_amount', 'Wrong amount', 48, 240, 'program_manager'),
    ('in_kind_not_received', 'In-kind benefit not received or incomplete', 24, 120, 'program_manager'),
    ('exclusion', 'Exclusion from a program', 72, 480, 'program_manager'),
    ('data_error', 'Data error', 72, 336, 'program_manager'),
    ('staff_misconduct', 'Misconduct by staff', 24, 240, 'auditor'),
    ('feedback', 'Feedback', 120, 720, 'program_manager'),
    ('other', 'Other', 72, 480, 'program_manager')
ON CONFLICT DO NOTHING;
INSERT INTO grievance_subcategories (category, code) VALUES
    ('payment_not_received', 'not_received'), ('payment_not_received', 'delayed'),
    ('payment_not_received', 'paid_to_someone_else'),
    ('wrong_amount', 'less_than_entitled'), ('wrong_amount', 'unexplained_deduction'),
    ('in_kind_not_received', 'not_received'), ('in_kind_not_received', 'incomplete'),
    ('in_kind_not_received', 'poor_quality'),
    ('exclusion', 'found_not_eligible'), ('exclusion', 'not_enrolled'), ('exclusion', 'removed'),
    ('data_error', 'name'), ('data_error', 'birthdate'), ('data_error', 'household_members'),
    ('data_error', 'identity_document'), ('data_error', 'other'),
    ('staff_misconduct', 'demand_for_payment'), ('staff_misconduct', 'abuse'), ('staff_misconduct', 'fraud'),
    ('staff_misconduct', 'other'),
    ('feedback', 'suggestion'), ('feedback', 'compliment'), ('feedback', 'question'),
    ('other', 'other')
ON CONFLICT DO NOTHING;
)sql";

}  // namespace spmis::store
