#pragma once
// Password hashing (argon2id, libsodium) and session tokens (random, stored only as SHA-256).

#include <string>
#include <string_view>

#include "spmis/base/status.hpp"

namespace spmis::auth {

// An argon2id hash string (libsodium's crypto_pwhash_str, interactive limits). kInternal when
// memory for the hash cannot be had. Thread-safe.
Result<std::string> hash_password(std::string_view password);

// True when password matches a hash produced by hash_password. Thread-safe.
bool verify_password(std::string_view hash, std::string_view password);

// A new session token: kSessionTokenBytes random bytes, lower-case hex. Thread-safe.
std::string new_session_token();

// Lower-case hex SHA-256 of a token: the only form in which tokens are stored.
std::string token_digest(std::string_view token);

}  // namespace spmis::auth
