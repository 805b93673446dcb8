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

// The lines with an entitlement id in [from, to), formatted.
Status format_range(store::Store& store, const model::PaymentBatch& batch, const Uuid& from,
                    const std::optional<Uuid>& to, FormattedLines& out) {
    const std::string batch_text = batch.id.to_string();
    return store.payments().for_each_file_line(
        batch.id, from, to, [&](const store::PaymentFileLine& line) -> Status {
            out.csv += csv::format_record({batch_text, line.entitlement_id.to_string(),
                                           line.registrant_id.to_string(), line.beneficiary_name,
                                           account_of(batch.provider_kind, line),
                                           format_amount(line.amount.minor_units), line.amount.currency});
            ++out.lines;
            return Status{};
        });
}

}  // namespace

Result<FormattedLines> format_file_lines(store::Store& store, const model::PaymentBatch& batch) {
    FormattedLines head;
    auto reader = store.open_reader();
    if (!reader.ok() && reader.status().code() != ErrorCode::kFailedPrecondition) return reader.status();
    std::optional<Uuid> middle;
    if (reader.ok()) {
        SPMIS_ASSIGN_OR_RETURN(middle, store.payments().file_line_midpoint(batch.id));
    }
    if (!middle) {
        SPMIS_RETURN_IF_ERROR(format_range(store, batch, Uuid{}, std::nullopt, head));
        return head;
    }
    // The second half on the reader's own thread (the reader is used there only).
    FormattedLines tail;
    Status tail_status;
    std::thread second([&] { tail_status = format_range(**reader, batch, *middle, std::nullopt, tail); });
    Status head_status = format_range(store, batch, Uuid{}, middle, head);
    second.join();
    SPMIS_RETURN_IF_ERROR(head_status);
    SPMIS_RETURN_IF_ERROR(tail_status);
    head.csv += tail.csv;
    head.lines += tail.lines;
    return head;
}

}  // namespace spmis::payments::detail
