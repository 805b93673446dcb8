#include "file_lines.hpp"

#include <thread>

#include "spmis/csv/csv_reader.hpp"
#include "spmis/payments/payment_file.hpp"

namespace spmis::payments::detail {
namespace {

// Banks pay into accounts; mobile money and cash agents reach the beneficiary by phone.
const std::string& account_of(model::ProviderKind kind, const store::PaymentFileLine& line) {
    return kind == model::ProviderKind::kBank ? line.bank_account : line.phone;
}

// The lines with an entitlement id in [from, to), appended to `csv` and counted in `lines`.
Status format_range(store::Store& store, const model::PaymentBatch& batch, const Uuid& from,
                    const std::optional<Uuid>& to, std::string& csv, std::size_t& lines) {
    const std::string batch_text = batch.id.to_string();
    return store.payments().for_each_file_line(
        batch.id, from, to, [&](const store::PaymentFileLine& line) -> Status {
            csv += csv::format_record({batch_text, line.entitlement_id.to_string(),
                                       line.registrant_id.to_string(), line.beneficiary_name,
                                       account_of(batch.provider_kind, line),
                                       format_amount(line.amount.minor_units), line.amount.currency});
            ++lines;
            return Status{};
        });
}

}  // namespace

Result<std::size_t> append_file_lines(store::Store& store, const model::PaymentBatch& batch,
                                      std::string& csv) {
    std::size_t lines = 0;
    auto reader = store.open_reader();
    if (!reader.ok() && reader.status().code() != ErrorCode::kFailedPrecondition) return reader.status();
    std::optional<Uuid> middle;
    if (reader.ok()) {
        SPMIS_ASSIGN_OR_RETURN(middle, store.payments().file_line_midpoint(batch.id));
    }
    if (!middle) {
        SPMIS_RETURN_IF_ERROR(format_range(store, batch, Uuid{}, std::nullopt, csv, lines));
        return lines;
    }
    // The second half on the reader's own thread (the reader is used there only).
    std::string tail;
    std::size_t tail_lines = 0;
    Status tail_status;
    std::thread second(
        [&] { tail_status = format_range(**reader, batch, *middle, std::nullopt, tail, tail_lines); });
    Status head_status = format_range(store, batch, Uuid{}, middle, csv, lines);
    second.join();
    SPMIS_RETURN_IF_ERROR(head_status);
    SPMIS_RETURN_IF_ERROR(tail_status);
    csv += tail;
    return lines + tail_lines;
}

}  // namespace spmis::payments::detail
