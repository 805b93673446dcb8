#pragma once
// Background jobs: an enrollment operation on a program, queued by the API and run by the job
// worker, with its progress, result and error kept in the store.

#include <cstdint>
#include <optional>
#include <string>

#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"
#include "spmis/model/enum_names.hpp"

namespace spmis::model {

enum class JobState { kQueued, kRunning, kSucceeded, kFailed };
enum class JobOperation { kImportEligible, kVerify, kDeduplicate, kEnroll };

template <>
struct EnumInfo<JobState> {
    static constexpr std::string_view kKind = "job state";
    static constexpr std::array<std::string_view, 4> kNames{"queued", "running", "succeeded", "failed"};
};
template <>
struct EnumInfo<JobOperation> {
    static constexpr std::string_view kKind = "operation";
    static constexpr std::array<std::string_view, 4> kNames{"import_eligible", "verify", "deduplicate",
                                                            "enroll"};
};

// One job. Options and result are JSON object texts ("{}" when empty).
struct Job {
    Uuid id;
    Uuid program_id;
    JobOperation operation = JobOperation::kEnroll;
    std::string options = "{}";
    JobState state = JobState::kQueued;
    std::uint64_t done = 0;   // progress: steps done of total
    std::uint64_t total = 0;  // 0 until the job knows its size
    std::string result = "{}";
    std::string error;  // why it failed; empty otherwise
    std::string actor;  // who queued it
    UtcTime created_at{};
    std::optional<UtcTime> started_at;
    std::optional<UtcTime> finished_at;

    bool operator==(const Job&) const = default;
};

}  // namespace spmis::model
