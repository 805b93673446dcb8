// Credentials issued per second (sign + CBOR + COSE + zlib + base45 + QR matrix) and verified per
// second (all nine steps against a trust list), each beside the bare libsodium Ed25519 rate
// measured in the same run. One thread. SPMIS_BENCH_SIZE=smoke keeps each run to a few tenths of a
// second; full (the default) measures longer.

#include <benchmark/benchmark.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "spmis/credential/cbor.hpp"
#include "spmis/credential/issue.hpp"
#include "spmis/credential/qr.hpp"
#include "spmis/credential/verify.hpp"

namespace {

using spmis::credential::Bytes;
using spmis::credential::Claims;
using spmis::credential::SigningKey;

constexpr std::int64_t kIssuedAt = 1'751'371'200;

Claims voucher() {
    Claims c;
    c.issuer = "SPP-KE";
    c.subject = "HH-0012345678";
    c.issued_at = kIssuedAt;
    c.not_before = kIssuedAt;
    c.expires_at = kIssuedAt + 30 * 86'400;
    c.cti = {1, 2, 3, 4, 5, 6, 7, 8};
    c.full_name = "Amina Yusuf Abdi";
    c.entitlement.program = "FOOD-2025";
    c.entitlement.cycle = "2025-07";
    c.entitlement.items = {{"RICE", 25, "kg"}, {"OIL", 2, "l"}, {"BEANS", 5, "kg"}};
    c.entitlement.service_point = "SP-0193";
    return c;
}

struct Fixture {
    SigningKey key = SigningKey::generate();
    spmis::credential::TrustList list;
    std::string text;
    Bytes message;  // the Sig_structure size of a typical voucher, for the bare rates
    Bytes signature;

    Fixture() {
        spmis::credential::TrustedDevice d;
        d.kid = key.kid();
        d.public_key = key.public_key();
        d.device_id = "DEV-BENCH";
        d.valid_from = kIssuedAt - 86'400;
        d.valid_until = kIssuedAt + 365 * 86'400;
        list.devices.push_back(d);
        list.expires_at = kIssuedAt + 365 * 86'400;
        text = spmis::credential::issue_credential(voucher(), key).value();
        message = spmis::credential::cbor_encode(spmis::credential::claims_to_cbor(voucher()));
        message.resize(message.size() + 30, 0x5a);  // + the Sig_structure's framing and header
        signature = key.sign(message);
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

void BM_BareSign(benchmark::State& state) {
    Fixture& f = fixture();
    Bytes secret(crypto_sign_SECRETKEYBYTES);
    Bytes pk(crypto_sign_PUBLICKEYBYTES);
    Bytes seed = f.key.seed();
    crypto_sign_seed_keypair(pk.data(), secret.data(), seed.data());
    Bytes sig(crypto_sign_BYTES);
    for (auto _ : state) {
        crypto_sign_detached(sig.data(), nullptr, f.message.data(), f.message.size(), secret.data());
        benchmark::DoNotOptimize(sig.data());
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_Issue(benchmark::State& state) {
    Fixture& f = fixture();
    Claims claims = voucher();
    for (auto _ : state) {
        claims.cti[0]++;  // a new voucher each time
        std::string text = spmis::credential::issue_credential(claims, f.key).value();
        spmis::credential::QrMatrix qr = spmis::credential::qr_encode(text).value();
        benchmark::DoNotOptimize(qr.modules.data());
    }
    state.SetItemsProcessed(state.iterations());
}

// The same without the QR matrix, to show where issuing time goes.
void BM_IssueTextOnly(benchmark::State& state) {
    Fixture& f = fixture();
    Claims claims = voucher();
    for (auto _ : state) {
        claims.cti[0]++;
        std::string text = spmis::credential::issue_credential(claims, f.key).value();
        benchmark::DoNotOptimize(text.data());
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_BareVerify(benchmark::State& state) {
    Fixture& f = fixture();
    for (auto _ : state) {
        int rc = crypto_sign_verify_detached(f.signature.data(), f.message.data(), f.message.size(),
                                             f.key.public_key().data());
        benchmark::DoNotOptimize(rc);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_Verify(benchmark::State& state) {
    Fixture& f = fixture();
    spmis::credential::InMemoryRedemptionLedger ledger;
    spmis::credential::VerifyContext ctx;
    ctx.now = spmis::from_unix_micros((kIssuedAt + 3600) * 1'000'000);
    ctx.trust_list = &f.list;
    ctx.ledger = &ledger;
    for (auto _ : state) {
        spmis::credential::VerifyResult r = spmis::credential::verify_credential(f.text, ctx);
        if (!r.ok()) state.SkipWithError("verification failed");
        benchmark::DoNotOptimize(r.code);
    }
    state.SetItemsProcessed(state.iterations());
}

// Remembers each benchmark's rate (items per CPU second: the machine may be shared, and the figure
// asked for is per core) for the ratios printed at the end.
class RateReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            if (run.cpu_accumulated_time > 0) {
                rates[run.run_name.function_name] =
                    static_cast<double>(run.iterations) / run.cpu_accumulated_time;
            }
        }
    }
    std::map<std::string, double> rates;
};

void print_ratio(const char* what, double figure, const char* baseline_name, double baseline) {
    std::printf("%-44s %10.0f /s   baseline %-30s %10.0f /s   ratio %.2f\n", what, figure, baseline_name,
                baseline, baseline > 0 ? figure / baseline : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 1;
    const char* size = std::getenv("SPMIS_BENCH_SIZE");
    double min_time = size != nullptr && std::string(size) == "smoke" ? 0.05 : 1.0;
    benchmark::RegisterBenchmark("BM_BareSign", BM_BareSign)->MinTime(min_time);
    benchmark::RegisterBenchmark("BM_Issue", BM_Issue)->MinTime(min_time);
    benchmark::RegisterBenchmark("BM_IssueTextOnly", BM_IssueTextOnly)->MinTime(min_time);
    benchmark::RegisterBenchmark("BM_BareVerify", BM_BareVerify)->MinTime(min_time);
    benchmark::RegisterBenchmark("BM_Verify", BM_Verify)->MinTime(min_time);
    benchmark::Initialize(&argc, argv);
    RateReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::printf("\nvoucher text: %zu characters\n", fixture().text.size());
    print_ratio("credentials issued (sign+encode+QR matrix)", reporter.rates["BM_Issue"],
                "crypto_sign_detached", reporter.rates["BM_BareSign"]);
    print_ratio("  of which text only (no QR matrix)", reporter.rates["BM_IssueTextOnly"],
                "crypto_sign_detached", reporter.rates["BM_BareSign"]);
    print_ratio("credentials verified (steps 1-9)", reporter.rates["BM_Verify"],
                "crypto_sign_verify_detached", reporter.rates["BM_BareVerify"]);
    benchmark::Shutdown();
    return 0;
}
