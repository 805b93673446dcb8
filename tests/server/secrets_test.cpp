#include "spmis/auth/secrets.hpp"

#include <gtest/gtest.h>

namespace spmis::auth {
namespace {

TEST(SecretsTest, PasswordHashIsArgon2idAndVerifiesOnlyTheRightPassword) {
    Result<std::string> hash = hash_password("correct horse");
    ASSERT_TRUE(hash.ok());
    EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(verify_password(*hash, "correct horse"));
    EXPECT_FALSE(verify_password(*hash, "correct horsE"));
    EXPECT_FALSE(verify_password("not a hash", "correct horse"));
    EXPECT_NE(*hash, hash_password("correct horse").value()) << "salted";
}

TEST(SecretsTest, TokensAreRandomHexAndStoredAsSha256) {
    const std::string a = new_session_token();
    EXPECT_EQ(a.size(), 64u);
    EXPECT_NE(a, new_session_token());
    EXPECT_EQ(token_digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace spmis::auth
