#include "spmis/payments/monitoring.hpp"

#include "spmis/csv/csv_reader.hpp"

namespace spmis::payments {
namespace {

using nlohmann::json;

double ratio(std::int64_t part, std::int64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

json cycle_json(const store::CycleFigures& c) {
    json states = json::array();
    for (const store::EntitlementStateFigures& s : c.entitlements) {
        states.push_back({{"state", s.state},
                          {"count", s.count},
                          {"value_minor", s.value_minor},
                          {"quantity", s.quantity}});
    }
    const store::PaymentFigures& p = c.payments;
    return {{"id", c.cycle_id.to_string()},
            {"sequence", c.sequence},
            {"name", c.name},
            {"state", c.state},
            {"currency", c.budget.currency},
            {"budget_minor", c.budget.minor_units},
            {"budget_used_minor", c.committed_minor},
            {"budget_used_ratio", ratio(c.committed_minor, c.budget.minor_units)},
            {"entitlements", states},
            {"payments",
             {{"pending", p.pending},
              {"paid", p.paid},
              {"failed", p.failed},
              {"paid_minor", p.paid_minor},
              {"success_rate", success_rate(p.paid, p.failed)}}}};
}

json figures_json(const store::ProgramFigures& f) {
    json memberships = json::object();
    for (const store::StateCount& s : f.memberships) memberships[s.state] = s.count;
    json cycles = json::array();
    std::int64_t paid = 0, failed = 0, budget = 0, used = 0;
    for (const store::CycleFigures& c : f.cycles) {
        cycles.push_back(cycle_json(c));
        paid += c.payments.paid;
        failed += c.payments.failed;
        budget += c.budget.minor_units;
        used += c.committed_minor;
    }
    json points = json::array();
    for (const store::ServicePointFigures& s : f.service_points) {
        points.push_back({{"id", s.service_point_id.to_string()},
                          {"code", s.code},
                          {"entitled", s.entitled},
                          {"redeemed", s.redeemed},
                          {"redemption_rate", s.entitled > 0 ? s.redeemed / s.entitled : 0.0}});
    }
    json days = json::array();
    for (const store::RedemptionDay& d : f.redemptions_per_day) {
        days.push_back({{"date", d.date}, {"count", d.count}, {"quantity_milli", d.quantity_milli}});
    }
    return {{"coverage",
             {{"eligible", f.eligible}, {"enrolled", f.enrolled}, {"rate", ratio(f.enrolled, f.eligible)}}},
            {"memberships", memberships},
            {"cycles", cycles},
            {"payments", {{"paid", paid}, {"failed", failed}, {"success_rate", success_rate(paid, failed)}}},
            {"budget", {{"total_minor", budget}, {"used_minor", used}, {"used_ratio", ratio(used, budget)}}},
            {"service_points", points},
            {"redemptions_per_day", days}};
}

std::string number(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

void row(std::string& out, const std::string& section, const std::string& cycle, const std::string& key,
         const std::string& state, const json& count, const json& value, const json& quantity) {
    out += csv::format_record({section, cycle, key, state, number(count), number(value), number(quantity)});
}

void cycle_rows(std::string& out, const json& c) {
    const std::string seq = std::to_string(c["sequence"].get<int>());
    row(out, "budget", seq, c["name"], c["state"], "", c["budget_used_minor"], "");
    for (const json& s : c["entitlements"]) {
        row(out, "entitlements", seq, c["currency"], s["state"], s["count"], s["value_minor"], s["quantity"]);
    }
    const json& p = c["payments"];
    for (const char* k : {"pending", "paid", "failed"}) row(out, "payments", seq, "", k, p[k], "", "");
    row(out, "payments", seq, "success_rate", "", "", p["success_rate"], "");
}

}  // namespace

double success_rate(std::int64_t paid, std::int64_t failed) { return ratio(paid, paid + failed); }

Result<json> monitoring_json(store::Store& store, const Uuid& program_id) {
    SPMIS_ASSIGN_OR_RETURN(model::Program program, store.programs().get_program(program_id));
    SPMIS_ASSIGN_OR_RETURN(store::ProgramFigures figures, store.monitoring().program_figures(program_id));
    json out = figures_json(figures);
    out["program"] = {{"id", program.id.to_string()}, {"code", program.code}, {"name", program.name}};
    return out;
}

std::string monitoring_csv(const json& f) {
    std::string out = csv::format_record({"section", "cycle", "key", "state", "count", "value", "quantity"});
    const json& cov = f["coverage"];
    row(out, "coverage", "", "eligible", "", cov["eligible"], "", "");
    row(out, "coverage", "", "enrolled", "", cov["enrolled"], "", "");
    row(out, "coverage", "", "rate", "", "", cov["rate"], "");
    for (const auto& [state, count] : f["memberships"].items())
        row(out, "memberships", "", "", state, count, "", "");
    for (const json& c : f["cycles"]) cycle_rows(out, c);
    row(out, "payments", "", "success_rate", "", "", f["payments"]["success_rate"], "");
    row(out, "budget", "", "total", "", "", f["budget"]["total_minor"], "");
    row(out, "budget", "", "used", "", "", f["budget"]["used_minor"], "");
    for (const json& s : f["service_points"]) {
        row(out, "service_point", "", s["code"], "entitled", "", "", s["entitled"]);
        row(out, "service_point", "", s["code"], "redeemed", "", "", s["redeemed"]);
    }
    for (const json& d : f["redemptions_per_day"]) {
        row(out, "redemptions_per_day", "", d["date"], "", d["count"], "", d["quantity_milli"]);
    }
    return out;
}

}  // namespace spmis::payments
