// Server-side verification of SPP1 credentials: the same verifier as on devices, fed from the store.

#include "spmis/sync/sync_server.hpp"
#include "spmis/sync/trust_list.hpp"

namespace spmis::sync {
namespace {

// The redemptions table seen as the credential library's ledger. A store error counts as redeemed:
// refusing is the safe answer.
class StoreLedger final : public credential::RedemptionLedger {
public:
    explicit StoreLedger(store::ServicePointRepository& facts) : facts_(facts) {}
    bool is_redeemed(const credential::Bytes& cti) const override {
        Result<bool> used = facts_.credential_redeemed(credential::to_hex(cti));
        return !used.ok() || *used;
    }

private:
    store::ServicePointRepository& facts_;
};

// The trust-list source for every device the store knows (the same one a pull signs).
std::vector<TrustListEntry> device_source(const std::vector<model::Device>& devices) {
    std::vector<TrustListEntry> list;
    list.reserve(devices.size());
    for (const model::Device& d : devices)
        list.push_back({d.id, d.public_key, d.registered_at, d.revoked_at});
    return list;
}

}  // namespace

Result<credential::VerifyResult> SyncServer::verify_credential(std::string_view text) {
    credential::VerifyResult result;
    SPMIS_RETURN_IF_ERROR(store_.transaction([&]() -> Status {
        SPMIS_ASSIGN_OR_RETURN(auto devices, store_.access().list_devices());
        UtcTime now = clock_.now();
        SPMIS_ASSIGN_OR_RETURN(credential::TrustList list,
                               trust_list_from_source(device_source(devices), now));
        StoreLedger ledger(store_.service_points());
        credential::VerifyContext ctx;
        ctx.now = now;
        ctx.trust_list = &list;
        ctx.ledger = &ledger;
        result = credential::verify_credential(text, ctx);
        return {};
    }));
    return result;
}

}  // namespace spmis::sync
