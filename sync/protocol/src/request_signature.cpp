#include "spmis/sync/request_signature.hpp"

#include <sodium.h>

namespace spmis::sync {
namespace {

constexpr char kRequestDomain[] = "spmis-req-v1";
constexpr char kSigMember[] = "request_sig";

std::string signed_bytes(const std::string& endpoint, const nlohmann::json& body) {
    nlohmann::json rest = body;
    rest.erase(kSigMember);
    std::string m(kRequestDomain, sizeof kRequestDomain);
    m += endpoint;
    m.push_back('\0');
    m += rest.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return m;
}

}  // namespace

void sign_request(const KeyPair& keys, const std::string& endpoint, nlohmann::json& body) {
    const std::string m = signed_bytes(endpoint, body);
    body[kSigMember] = to_hex(keys.signer.sign(credential::Bytes(m.begin(), m.end())));
}

bool verify_request(const PublicKey& key, const std::string& endpoint, const nlohmann::json& body) {
    if (!body.is_object() || !body.contains(kSigMember) || !body[kSigMember].is_string()) return false;
    auto sig = signature_from_hex(body[kSigMember].get<std::string>());
    if (!sig.ok()) return false;
    std::string m = signed_bytes(endpoint, body);
    return crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(m.data()),
                                       m.size(), key.data()) == 0;
}

}  // namespace spmis::sync
