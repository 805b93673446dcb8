// Batched writes of the enrollment operations, with progress reporting.

#include <algorithm>

#include "enrollment_support.hpp"
#include "spmis/programs/tuning.hpp"

namespace spmis::programs::detail {

Status write_in_batches(store::Store& store, const EnrollmentOptions& options, Progress& progress,
                        std::size_t n, const std::function<Status(std::size_t)>& write) {
    const bool batched = options.batch_size > 0;
    const std::size_t step = batched ? options.batch_size : tuning::kEnrollmentProgressStep;
    progress.total += n;
    for (std::size_t start = 0; start < n; start += step) {
        const std::size_t end = std::min(n, start + step);
        auto batch = [&]() -> Status {
            for (std::size_t i = start; i < end; ++i) SPMIS_RETURN_IF_ERROR(write(i));
            return {};
        };
        if (!batched) {
            SPMIS_RETURN_IF_ERROR(batch());
        } else {
            auto commit = [&] { return store.transaction(batch); };
            SPMIS_RETURN_IF_ERROR(options.run_batch ? options.run_batch(commit) : commit());
        }
        progress.done += end - start;
        if (options.progress) options.progress(progress.done, progress.total);
    }
    return {};
}

Status in_operation_transaction(store::Store& store, const EnrollmentOptions& options,
                                const std::function<Status()>& body) {
    return options.batch_size > 0 ? body() : store.transaction(body);
}

}  // namespace spmis::programs::detail
