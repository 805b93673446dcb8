// Device store: the officers who sign in on the screen, their PINs (argon2id) and the lockout after
// repeated wrong PINs. The lockout is counted in the store, so restarting the screen does not reset it.

#include <sodium.h>

#include <algorithm>

#include "spmis/base/text.hpp"
#include "spmis/sync/device_store.hpp"
#include "spmis/sync/field_tuning.hpp"
#include "store_util.hpp"

namespace spmis::sync {

using device::Row;
using device::run;

namespace {

Status check_pin_shape(const std::string& pin) {
    const bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || pin.size() < 4 || pin.size() > 12)
        return make_error(ErrorCode::kInvalidArgument, "a PIN is 4 to 12 digits");
    return {};
}

struct OfficerRow {
    std::string pin_hash;
    std::int64_t failures = 0;
    std::optional<std::string> locked_until;
};

}  // namespace

Status DeviceStore::set_officer_pin(const std::string& officer, const std::string& pin) {
    SPMIS_RETURN_IF_ERROR(check_name(officer, "officer"));
    SPMIS_RETURN_IF_ERROR(check_pin_shape(pin));
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return make_error(ErrorCode::kInternal, "out of memory while hashing the PIN");
    }
    return run(*db_,
               "INSERT INTO officers (name, pin_hash) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
               "pin_hash = excluded.pin_hash, failures = 0, locked_until = NULL",
               officer, std::string(hash));
}

Status DeviceStore::check_officer_pin(const std::string& officer, const std::string& pin) {
    SPMIS_ASSIGN_OR_RETURN(auto row,
                           device::query_one<OfficerRow>(
                               *db_, "SELECT pin_hash, failures, locked_until FROM officers WHERE name = ?",
                               [](Row& r) {
                                   OfficerRow o;
                                   o.pin_hash = r.text();
                                   o.failures = r.i64();
                                   o.locked_until = r.optional<std::string>(device::read_text);
                                   return o;
                               },
                               officer));
    const UtcTime now = clock_.wall();
    if (row && row->locked_until) {
        auto until = parse_time(*row->locked_until);
        if (until.ok() && now < *until) {
            return make_error(ErrorCode::kRefused, "too many wrong PINs: " + officer +
                                                       " may sign in again after " + format_time(*until));
        }
    }
    if (!row) {
        // An unknown name costs one verification too, so timing does not tell which officers exist.
        char dummy[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(dummy, "0000", 4, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0) {
            const int ignored = crypto_pwhash_str_verify(dummy, pin.c_str(), pin.size());
            static_cast<void>(ignored);
        }
        return make_error(ErrorCode::kUnauthenticated, "unknown officer or wrong PIN");
    }
    if (crypto_pwhash_str_verify(row->pin_hash.c_str(), pin.c_str(), pin.size()) == 0) {
        return run(*db_, "UPDATE officers SET failures = 0, locked_until = NULL WHERE name = ?", officer);
    }
    const std::int64_t failures =
        row->locked_until ? 1 : row->failures + 1;  // a lock that ran out starts over
    std::optional<std::string> lock;
    if (failures >= tuning::kFieldPinAttempts) lock = format_time(now + tuning::kFieldPinLockout);
    SPMIS_RETURN_IF_ERROR(run(*db_, "UPDATE officers SET failures = ?, locked_until = ? WHERE name = ?",
                              failures, lock, officer));
    return make_error(ErrorCode::kUnauthenticated, "unknown officer or wrong PIN");
}

Result<std::vector<std::string>> DeviceStore::officers() const {
    return device::query<std::string>(*db_, "SELECT name FROM officers ORDER BY name", device::read_text);
}

}  // namespace spmis::sync
