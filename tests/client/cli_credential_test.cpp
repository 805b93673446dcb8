// spmis-field credential issue / verify, find and redeem with a scanned credential: the real binary
// on two device homes, a trust list signed by a root key made here (as a sync would have pulled it).

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/device_store.hpp"
#include "spmis/sync/trust_list.hpp"

namespace spmis::sync {
namespace {

using nlohmann::json;

const std::string kEnt = "01900000-0000-7000-8000-00000000000a";
const std::string kPerson = "01900000-0000-7000-8000-000000000014";

struct CliRun {
    int code = -1;
    std::string out;
};

CliRun run(const std::string& cmd) {
    CliRun r;
    FILE* p = ::popen((cmd + " 2>/dev/null").c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

class CliCredentialTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("spmis-clicred-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    CliRun field(const std::string& home, const std::string& args) const {
        return run(std::string(SPMIS_BINARY_DIR) + "/client/spmis-field --home " + (dir_ / home).string() +
                   " " + args);
    }
    // Initialises a home and returns its public key (hex).
    std::string init(const std::string& home) {
        auto r = field(home, "--json init --officer amina");
        EXPECT_EQ(r.code, 0) << r.out;
        return json::parse(r.out, nullptr, false).value("public_key", std::string());
    }
    // Gives a home its enrollment, the entitlement and a trust list listing `trusted` keys.
    void provision(const std::string& home, const std::vector<std::string>& trusted) {
        SystemDeviceClock clock;
        auto store = DeviceStore::open((dir_ / home / "field.db").string(), clock);
        ASSERT_TRUE(store.ok());
        Enrollment e{new_uuid_v7(), home, "http://127.0.0.1:9", to_hex(root_.public_key), "epoch-1", {}};
        ASSERT_TRUE((*store)->set_enrollment(e).ok());
        std::vector<TrustListEntry> devices;
        for (const auto& key : trusted)
            devices.push_back({new_uuid_v7(), key, clock.wall() - std::chrono::hours(24),
                               std::nullopt});  // enrolled yesterday
        auto list = signed_trust_list_record(devices, root_, clock.wall());
        ASSERT_TRUE(list.ok()) << list.status().to_string();
        // Typed as the protocol defines it (the server's record format has one owner).
        PulledEntitlement ent;
        ent.id = *Uuid::parse(kEnt);
        ent.program_id = *Uuid::parse("01900000-0000-7000-8000-000000000320");
        ent.cycle_id = *Uuid::parse("01900000-0000-7000-8000-000000000321");
        ent.registrant_id = *Uuid::parse(kPerson);
        ent.unit = "kg";
        ent.item = "rice";
        ent.quantity_milli = ent.remaining_milli = 10'000;
        ent.valid_from = *parse_date("2020-01-01");
        ent.valid_until = *parse_date("2099-12-31");
        ent.beneficiary = PulledBeneficiary{*Uuid::parse(kPerson), model::RegistrantKind::kIndividual,
                                            "José Álvarez",        "N-1",
                                            std::nullopt,          std::nullopt};
        PullResponse page;
        page.records.push_back({1, "entitlement", ent.id, ent});
        page.records.push_back({2, "trust_list", trust_list_record_id(), *list});
        page.next_cursor = 2;
        ASSERT_TRUE((*store)->apply_pull_page(page).ok());
    }

    std::filesystem::path dir_;
    KeyPair root_ = generate_key_pair();
};

TEST_F(CliCredentialTest, IssuesOnOneHomeAndVerifiesFindsAndRedeemsOnAnother) {
    std::string issuer_key = init("issuer");
    init("checker");
    provision("issuer", {issuer_key});
    provision("checker", {issuer_key});
    std::string png = (dir_ / "voucher.png").string();
    std::string svg = (dir_ / "voucher.svg").string();
    auto issued =
        field("issuer", "--json credential issue --entitlement " + kEnt + " --png " + png + " --svg " + svg);
    ASSERT_EQ(issued.code, 0) << issued.out;
    json j = json::parse(issued.out);
    std::string text = j["text"];
    ASSERT_EQ(text.rfind("SPP1:", 0), 0U);
    EXPECT_EQ(j["claims"]["subject"], kPerson);
    EXPECT_TRUE(std::filesystem::file_size(svg) > 0);
    auto scanned = run("zbarimg --raw -q " + png);
    ASSERT_EQ(scanned.code, 0);
    EXPECT_EQ(scanned.out, text + "\n");

    auto ok = field("checker", "--json credential verify --image " + png);
    ASSERT_EQ(ok.code, 0) << ok.out;
    EXPECT_EQ(json::parse(ok.out)["code"], "OK");
    auto found = field("checker", "--json find '" + text + "'");
    ASSERT_EQ(found.code, 0) << found.out;
    EXPECT_EQ(json::parse(found.out)["results"][0]["name"], "José Álvarez");
    EXPECT_EQ(
        field("checker", "redeem --entitlement " + kEnt + " --quantity 1 --credential '" + text + "'").code,
        0);
    EXPECT_EQ(
        field("checker", "redeem --entitlement " + kEnt + " --quantity 1 --credential '" + text + "'").code,
        1);
    auto used = field("checker", "--json credential verify '" + text + "'");
    EXPECT_EQ(used.code, 1);
    EXPECT_EQ(json::parse(used.out)["code"], "ALREADY_REDEEMED");
}

TEST_F(CliCredentialTest, RefusesUnknownSignersAndRejectsBadInput) {
    std::string issuer_key = init("issuer");
    init("checker");
    provision("issuer", {issuer_key});
    provision("checker", {});  // the checker's list does not know the issuer
    auto issued = field("issuer", "--json credential issue --entitlement " + kEnt);
    ASSERT_EQ(issued.code, 0) << issued.out;
    std::string text = json::parse(issued.out)["text"];
    auto unknown = field("checker", "--json credential verify '" + text + "'");
    EXPECT_EQ(unknown.code, 1);
    EXPECT_EQ(json::parse(unknown.out)["code"], "UNKNOWN_SIGNER");
    auto prefix = field("checker", "--json credential verify XYZ1:ABC");
    EXPECT_EQ(prefix.code, 1);
    EXPECT_EQ(json::parse(prefix.out)["code"], "UNSUPPORTED");
    EXPECT_EQ(field("checker", "credential verify --image " + (dir_ / "missing.png").string()).code, 2);
    EXPECT_EQ(field("checker", "credential verify").code, 2);
    EXPECT_EQ(field("checker", "redeem --entitlement " + kEnt + " --credential '" + text + "'").code, 1);
    EXPECT_EQ(field("issuer", "credential issue --entitlement 01900000-0000-7000-8000-0000000000ff").code, 2);
}

}  // namespace
}  // namespace spmis::sync
