#include "spmis/cel/batch.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "spmis/cel/tuning.hpp"

namespace spmis::cel {
namespace {

// Per-chunk partial result, merged in chunk order so `matching` keeps the input order.
struct Partial {
    std::vector<Uuid> matching;
    std::size_t not_matching = 0;
    std::size_t errored = 0;
    std::vector<RegistrantError> errors;
};

// Starts loading what a rule reads first of the next record (records are cold at 1M households;
// a household's members live in a separate allocation).
void prefetch(const HouseholdRecord& h) {
    if (!h.members.empty()) __builtin_prefetch(&h.members.front().birthdate);
}
void prefetch(const IndividualRecord& r) { __builtin_prefetch(&r.birthdate); }

template <typename Record, typename Bind>
void run_chunk(const Program& rule, std::span<const Record> records, const Value& today, int group_slot,
               int today_slot, Bind bind, Partial* out) {
    Value bindings[2];
    if (today_slot >= 0) {
        bindings[today_slot] = today;
    }
    // Counted locally and stored once: partials of neighbouring chunks share cache lines.
    std::size_t not_matching = 0;
    std::size_t errored = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        if (i + 1 < records.size()) prefetch(records[i + 1]);
        bindings[group_slot] = bind(r);
        Value v = rule.evaluate(std::span<const Value>(bindings, 2));
        if (v.kind() == Kind::kBool) {
            if (v.as_bool()) {
                out->matching.push_back(r.id);
            } else {
                ++not_matching;
            }
            continue;
        }
        ++errored;
        if (out->errors.size() < tuning::kCelBatchMaxReportedErrors) {
            out->errors.push_back(
                {r.id, v.is_error() ? v.message() : "rule returned " + type_name(v) + ", not bool"});
        }
    }
    out->not_matching = not_matching;
    out->errored = errored;
}

template <typename Record, typename Bind>
EligibilityResult run_batch(const Program& rule, std::span<const Record> records,
                            const RegistrantBinder& binder, int threads, const char* subject, Bind bind) {
    EligibilityResult result;
    int slot = rule.variable_index(subject);
    int today_slot = rule.variable_index("today");
    if (slot < 0 || slot > 1 || today_slot > 1) {
        result.errored = records.size();
        result.first_errors.push_back(
            {Uuid(), std::string("rule must be compiled with variables {") + subject + ", today}"});
        return result;
    }
    std::size_t chunk = tuning::kCelBatchChunk;
    std::size_t chunks = (records.size() + chunk - 1) / chunk;
    std::vector<Partial> partials(chunks);
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t c = next++; c < chunks; c = next++) {
            auto part = records.subspan(c * chunk, std::min(chunk, records.size() - c * chunk));
            run_chunk(rule, part, binder.today(), slot, today_slot, bind, &partials[c]);
        }
    };
    unsigned n =
        threads > 0 ? static_cast<unsigned>(threads) : std::max(1U, std::thread::hardware_concurrency());
    n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(chunks, 1)));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n; ++t) {
        pool.emplace_back(worker);
    }
    worker();
    for (auto& t : pool) {
        t.join();
    }
    for (auto& p : partials) {
        result.matching.insert(result.matching.end(), p.matching.begin(), p.matching.end());
        result.not_matching += p.not_matching;
        result.errored += p.errored;
        for (auto& e : p.errors) {
            if (result.first_errors.size() < tuning::kCelBatchMaxReportedErrors) {
                result.first_errors.push_back(std::move(e));
            }
        }
    }
    return result;
}

}  // namespace

EligibilityResult evaluate_households(const Program& rule, std::span<const HouseholdRecord> households,
                                      const RegistrantBinder& binder, int threads) {
    return run_batch(rule, households, binder, threads, "group",
                     [&binder](const HouseholdRecord& h) { return binder.group(h); });
}

EligibilityResult evaluate_individuals(const Program& rule, std::span<const IndividualRecord> individuals,
                                       const RegistrantBinder& binder, int threads) {
    return run_batch(rule, individuals, binder, threads, "individual",
                     [&binder](const IndividualRecord& r) { return binder.individual(r); });
}

}  // namespace spmis::cel
