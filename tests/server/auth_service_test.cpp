// AuthService with a fake clock: the configured session lifetime and free login failures.

#include "spmis/auth/auth_service.hpp"

#include <gtest/gtest.h>

#include "spmis/auth/secrets.hpp"

namespace spmis::auth {
namespace {

using std::chrono::seconds;

class AuthServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* name : {"ana", "ben", "cat", "dan"}) {
            Account account;
            account.username = name;
            account.password_hash = password_hash();
            ASSERT_TRUE(accounts_.add(account).ok());
        }
    }

    Result<LoginResult> login(AuthService& auth, const std::string& user, const std::string& password,
                              seconds* retry_after) {
        return auth.login(user, password, "10.0.0.1", retry_after);
    }

    // argon2id is slow under the sanitizers: hash once for every account and test.
    static const std::string& password_hash() {
        static const std::string hash = hash_password(kPassword).value();
        return hash;
    }

    static constexpr const char* kPassword = "correct horse";
    FakeClock clock_{from_unix_micros(1'800'000'000'000'000)};
    InMemoryAccountStore accounts_;
    InMemorySessionStore sessions_;
};

TEST_F(AuthServiceTest, ConfiguredSessionLifetimeExpiresTheToken) {
    AuthService auth(accounts_, sessions_, clock_, {seconds(90), 5, 20});
    seconds retry_after{0};
    Result<LoginResult> session = login(auth, "ana", kPassword, &retry_after);
    ASSERT_TRUE(session.ok()) << session.status().to_string();
    EXPECT_EQ(session->expires_at, clock_.now() + seconds(90));
    clock_.advance(seconds(89));
    EXPECT_TRUE(auth.authenticate(session->token).ok());
    clock_.advance(seconds(1));
    Result<Session> expired = auth.authenticate(session->token);
    EXPECT_EQ(expired.status().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(expired.status().message(), "token expired");
}

TEST_F(AuthServiceTest, DefaultSessionLifetimeIsTheTunable) {
    AuthService auth(accounts_, sessions_, clock_);
    seconds retry_after{0};
    Result<LoginResult> session = login(auth, "ana", kPassword, &retry_after);
    ASSERT_TRUE(session.ok());
    EXPECT_EQ(session->expires_at, clock_.now() + tuning::kSessionLifetime);
}

TEST_F(AuthServiceTest, ConfiguredFreeFailuresPerUserAreHonoured) {
    AuthService auth(accounts_, sessions_, clock_, {seconds(90), 2, 100});
    seconds retry_after{0};
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(login(auth, "ana", "guess", &retry_after).status().code(), ErrorCode::kUnauthenticated);
    }
    // Past the two free failures: even the right password waits.
    EXPECT_EQ(login(auth, "ana", kPassword, &retry_after).status().code(), ErrorCode::kResourceExhausted);
    EXPECT_EQ(retry_after, tuning::kLoginLockoutBase);
    EXPECT_TRUE(login(auth, "ben", kPassword, &retry_after).ok()) << "another user is not locked";
}

TEST_F(AuthServiceTest, ConfiguredFreeFailuresPerAddressAreHonoured) {
    AuthService auth(accounts_, sessions_, clock_, {seconds(90), 100, 3});
    seconds retry_after{0};
    for (const char* name : {"ana", "ben", "cat"}) {
        EXPECT_EQ(login(auth, name, "guess", &retry_after).status().code(), ErrorCode::kUnauthenticated);
    }
    EXPECT_EQ(login(auth, "dan", kPassword, &retry_after).status().code(), ErrorCode::kResourceExhausted);
    clock_.advance(retry_after);
    EXPECT_TRUE(login(auth, "dan", kPassword, &retry_after).ok());
}

}  // namespace
}  // namespace spmis::auth
