// The EU Digital COVID Certificate test files, run through the layers SPP1 shares with HC1: prefix,
// base45, zlib, COSE_Sign1 tags (18, 61 wrapping 18, untagged), kid placement, signatures (ES256 and
// PS256 through OpenSSL) and CWT time checks, plus the QR images through libzbar and zbarimg.

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <map>
#include <set>

#include "openssl_verify.hpp"
#include "spmis/base/time.hpp"
#include "spmis/credential/base45.hpp"
#include "spmis/credential/cose_sign1.hpp"
#include "spmis/credential/qr.hpp"
#include "spmis/credential/verify.hpp"
#include "spmis/credential/zlib_codec.hpp"
#include "temp_files.hpp"
#include "vectors.hpp"

namespace spmis::credential {
namespace {

using testing::hex;

// Which steps passed, in order; a step after a failed one counts as failed.
struct DccOutcome {
    std::map<std::string, bool> steps;
};

// HC1 kid rule: the protected kid wins; the unprotected one is only a fallback.
Bytes dcc_kid(const CoseSign1& msg) {
    if (const CborValue* kid = msg.protected_header.find(kCoseHeaderKid)) return kid->bytes;
    if (const CborValue* kid = msg.unprotected.find(kCoseHeaderKid)) return kid->bytes;
    return {};
}

bool dcc_verify(const CoseSign1& msg, const nlohmann::json& v) {
    Bytes der = testing::base64_decode(v["TESTCTX"]["CERTIFICATE"].get<std::string>());
    Bytes digest(SHA256_DIGEST_LENGTH);
    SHA256(der.data(), der.size(), digest.data());
    digest.resize(8);
    const CborValue* alg = msg.protected_header.find(kCoseHeaderAlg);
    if (alg == nullptr) alg = msg.unprotected.find(kCoseHeaderAlg);  // HC1 tolerates this; SPP1 does not
    if (alg == nullptr || !alg->as_int() || dcc_kid(msg) != digest) return false;
    return testing::certificate_verify(der, *alg->as_int(), sig_structure(msg.protected_bytes, msg.payload),
                                       msg.signature);
}

// CWT times as numbers: some issuers (ES-1501) write them as floats.
std::optional<double> seconds(const CborValue* v) {
    if (v == nullptr) return std::nullopt;
    if (v->type == CborType::kFloat) return v->real;
    if (std::optional<std::int64_t> i = v->as_int()) return static_cast<double>(*i);
    return std::nullopt;
}

// The DCC payload shape: claim -260 holds {1: hcert map}.
bool dcc_payload_decodes(const CoseSign1& msg) {
    Result<CborValue> claims = cbor_decode(msg.payload);
    if (!claims.ok()) return false;
    const CborValue* hcert = claims->find(-260);
    const CborValue* dcc = hcert != nullptr ? hcert->find(1) : nullptr;
    return dcc != nullptr && dcc->type == CborType::kMap;
}

bool dcc_times_ok(const CoseSign1& msg, const nlohmann::json& v) {
    Result<UtcTime> clock = parse_time(v["TESTCTX"]["VALIDATIONCLOCK"].get<std::string>());
    Result<CborValue> claims = cbor_decode(msg.payload);
    if (!clock.ok() || !claims.ok()) return false;
    std::int64_t now = to_unix_micros(*clock) / 1'000'000;
    std::optional<double> exp = seconds(claims->find(4));
    std::optional<double> iat = seconds(claims->find(6));
    return exp && iat && *iat <= static_cast<double>(now) && static_cast<double>(now) <= *exp;
}

DccOutcome run_layers(const nlohmann::json& v) {
    DccOutcome o;
    std::string text = v["PREFIX"];
    o.steps["UNPREFIX"] = text.rfind("HC1:", 0) == 0;
    if (!o.steps["UNPREFIX"]) return o;
    std::string body = text.substr(4);
    if (v.contains("BASE45")) {
        EXPECT_EQ(body, v["BASE45"].get<std::string>());
    }
    Result<Bytes> compressed = base45_decode(body);
    o.steps["B45DECODE"] = compressed.ok();
    if (!compressed.ok()) return o;
    if (v.contains("COMPRESSED")) {
        EXPECT_EQ(to_hex(*compressed), v["COMPRESSED"].get<std::string>());
    }
    Result<Bytes> cose = zlib_inflate(*compressed);
    o.steps["COMPRESSION"] = cose.ok();
    if (!cose.ok()) return o;
    if (v.contains("COSE")) {
        EXPECT_EQ(to_hex(*cose), to_hex(hex(v["COSE"])));  // some files use upper case hex
    }
    CoseParseOptions options;
    options.allow_cwt_tag = true;
    Result<CoseSign1> msg = parse_cose_sign1(*cose, options);
    o.steps["DECODE"] = msg.ok() && dcc_payload_decodes(*msg);
    if (!o.steps["DECODE"]) return o;
    o.steps["VERIFY"] = dcc_verify(*msg, v);
    o.steps["EXPIRATIONCHECK"] = dcc_times_ok(*msg, v);
    return o;
}

std::optional<bool> picture_decodes(const nlohmann::json& v, const std::string& name) {
    if (!v.contains("2DCODE")) return std::nullopt;
    testing::TempFile png(name + ".png");
    png.write(testing::base64_decode(v["2DCODE"].get<std::string>()));
    Result<std::string> in_process = qr_decode_png_file(png.path());
    std::optional<std::string> external = testing::run_zbarimg(png.path());
    EXPECT_EQ(in_process.ok(), external.has_value()) << name;
    if (in_process.ok() && external) {
        EXPECT_EQ(*in_process, *external) << name;
    }
    return in_process.ok() && *in_process == v["PREFIX"].get<std::string>();
}

const std::set<std::string> kOurSteps = {"UNPREFIX", "B45DECODE",       "COMPRESSION",  "DECODE",
                                         "VERIFY",   "EXPIRATIONCHECK", "PICTUREDECODE"};

TEST(EuDccTest, EveryFileGivesItsExpectedResultAtEachSharedLayer) {
    const char* files[] = {"common/B1",   "common/CBO1", "common/CBO2", "common/CO1",  "common/CO16",
                           "common/CO17", "common/CO18", "common/CO19", "common/CO20", "common/CO21",
                           "common/CO22", "common/CO23", "common/CO28", "common/CO3",  "common/CO5",
                           "common/H1",   "common/H2",   "common/H3",   "common/Q1",   "common/Z1",
                           "common/Z2",   "DE-1",        "ES-1501"};
    int files_checked = 0;
    int flags_checked = 0;
    for (const char* file : files) {
        nlohmann::json v = testing::load_vector(std::string("eu-dcc/") + file + ".json");
        DccOutcome o = run_layers(v);
        std::string name = std::string(file).substr(std::string(file).rfind('/') + 1);
        if (std::optional<bool> picture = picture_decodes(v, name)) o.steps["PICTUREDECODE"] = *picture;
        for (const auto& [flag, expected] : v["EXPECTEDRESULTS"].items()) {
            std::string step = flag.substr(std::string("EXPECTED").size());
            if (kOurSteps.count(step) == 0) continue;  // schema and JSON checks are not layers we share
            if (step == "PICTUREDECODE" && !v.contains("2DCODE")) continue;
            bool reached = o.steps.count(step) != 0 && o.steps[step];  // unreached after a failure
            EXPECT_EQ(reached, expected.get<bool>()) << file << " " << step;
            ++flags_checked;
        }
        ++files_checked;
    }
    EXPECT_EQ(files_checked, 23);
    EXPECT_GE(flags_checked, 40);
}

TEST(EuDccTest, Cwt61WrappingCoseTag18IsAcceptedOnlyWhenAllowed) {
    nlohmann::json v = testing::load_vector("eu-dcc/common/CO28.json");
    Bytes cose = hex(v["COSE"]);
    Result<CborValue> root = cbor_decode(cose);
    ASSERT_TRUE(root.ok());
    ASSERT_EQ(root->type, CborType::kTag);
    EXPECT_EQ(root->number, kCwtTag);
    EXPECT_EQ(root->items[0].number, kCoseSign1Tag);
    CoseParseOptions cwt;
    cwt.allow_cwt_tag = true;
    EXPECT_TRUE(parse_cose_sign1(cose, cwt).ok());
    EXPECT_FALSE(parse_cose_sign1(cose).ok());  // SPP1 step 4: tag 18 or untagged only
}

TEST(EuDccTest, UntaggedCoseSign1StillParses) {
    nlohmann::json v = testing::load_vector("eu-dcc/ES-1501.json");
    Result<Bytes> cose = zlib_inflate(*base45_decode(v["BASE45"].get<std::string>()));
    ASSERT_TRUE(cose.ok());
    EXPECT_EQ((*cose)[0], 0x84);  // a bare array, no tag
    EXPECT_TRUE(parse_cose_sign1(*cose).ok());
}

TEST(EuDccTest, Hc1TextsAreUnsupportedBySpp1Verification) {
    VerifyContext ctx;
    for (const char* file : {"common/CO3", "common/H1", "common/H3"}) {
        nlohmann::json v = testing::load_vector(std::string("eu-dcc/") + file + ".json");
        VerifyResult r = verify_credential(v["PREFIX"].get<std::string>(), ctx);
        EXPECT_EQ(r.code, VerifyCode::kUnsupported) << file;
    }
}

}  // namespace
}  // namespace spmis::credential
