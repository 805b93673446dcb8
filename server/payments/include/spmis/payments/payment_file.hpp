#pragma once
// The provider file of a batch (docs/payment-files.md): CSV with RFC 4180 quoting, one line per
// payment in entitlement id order, so exporting twice gives the same bytes and the same hash.

#include <cstdint>
#include <string>
#include <string_view>

#include "spmis/base/hex.hpp"
#include "spmis/base/phase_times.hpp"
#include "spmis/store/store.hpp"

namespace spmis::payments {

// The exported file and its hash.
struct PaymentFile {
    std::string csv;
    std::string sha256;  // lower-case hex of SHA-256 over exactly `csv`
    std::size_t lines = 0;
    PhaseTimes phases;  // wall time per phase (benchmarks; never printed)
};

// Builds the batch's file, records its hash on the batch (state exported) and audits the export.
// kNotFound for an unknown batch; kConflict while its payment_release approval is not approved.
Result<PaymentFile> export_batch(store::Store& store, const Uuid& batch_id, const std::string& actor);

// Lower-case hex SHA-256 of the bytes (libsodium).
using spmis::sha256_hex;  // the file checksum (spmis/base/hex.hpp)

// "55.00" for 5500 minor units (two decimals, as every currency the programs use).
std::string format_amount(std::int64_t minor_units);

// Minor units of "55", "55.5" or "55.00"; kInvalidArgument for anything else (sign, 3 decimals, ...).
Result<std::int64_t> parse_amount(std::string_view text);

}  // namespace spmis::payments
