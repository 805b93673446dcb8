#include "spmis/payments/payment_file.hpp"

#include <sodium.h>

#include <charconv>

#include "file_lines.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/csv/csv_reader.hpp"
#include "spmis/payments/release.hpp"

namespace spmis::payments {
namespace {

const std::vector<std::string> kHeader = {"batch",  "entitlement", "beneficiary", "name", "account_or_phone",
                                          "amount", "currency"};

Status audit_export(store::Store& store, const model::PaymentBatch& before, const PaymentFile& file,
                    const std::string& actor) {
    model::AuditEvent e;
    e.id = new_uuid_v7();
    e.actor = actor;
    e.record_kind = "payment_batch";
    e.record_id = before.id;
    e.action = "export";
    e.before = before.file_sha256;
    e.after = file.sha256;
    e.reason = std::to_string(file.lines) + " payments";
    e.at = store.clock().now();
    return store.audit().append(e);
}

}  // namespace

std::string format_amount(std::int64_t minor_units) {
    std::string cents = std::to_string(minor_units % 100);
    if (cents.size() < 2) cents.insert(0, "0");
    return std::to_string(minor_units / 100) + "." + cents;
}

Result<std::int64_t> parse_amount(std::string_view text) {
    const auto bad = [&] {
        return make_error(ErrorCode::kInvalidArgument,
                          "'" + std::string(text) + "' is not an amount like 55.00");
    };
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || frac.size() > 2 || (dot != std::string_view::npos && frac.empty())) return bad();
    for (char c : std::string(whole) + std::string(frac)) {
        if (c < '0' || c > '9') return bad();
    }
    std::int64_t units = 0;
    if (std::from_chars(whole.data(), whole.data() + whole.size(), units).ec != std::errc() ||
        units > INT64_MAX / 100) {
        return bad();
    }
    std::int64_t cents = 0;
    for (std::size_t i = 0; i < 2; ++i) cents = cents * 10 + (i < frac.size() ? frac[i] - '0' : 0);
    return units * 100 + cents;
}

Result<PaymentFile> export_batch(store::Store& store, const Uuid& batch_id, const std::string& actor) {
    PaymentFile file;
    SPMIS_RETURN_IF_ERROR(store.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(model::PaymentBatch batch, store.delivery().get_payment_batch(batch_id));
        SPMIS_RETURN_IF_ERROR(check_released(store, batch_id));
        file.phases.lap("check");
        file.csv = csv::format_record(kHeader);
        SPMIS_ASSIGN_OR_RETURN(file.lines, detail::append_file_lines(store, batch, file.csv));
        file.phases.lap("lines");
        file.sha256 = sha256_hex(file.csv);
        file.phases.lap("hash");
        if (batch.file_sha256 == file.sha256) return {};  // same bytes as before: nothing to record
        SPMIS_RETURN_IF_ERROR(store.payments().mark_exported(batch_id, file.sha256));
        return audit_export(store, batch, file, actor);
    }));
    file.phases.lap("record and commit");
    return file;
}

}  // namespace spmis::payments
