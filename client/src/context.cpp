#include "context.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace spmis::field {

Result<std::unique_ptr<sync::DeviceStore>> Context::open_store() {
    if (!std::filesystem::exists(store_path())) {
        return make_error(ErrorCode::kStorage, "no field store in " + home + " (run `spmis-field --home " +
                                                   home + " init` first)");
    }
    SPMIS_ASSIGN_OR_RETURN(auto store, sync::DeviceStore::open(store_path(), clock));
    if (!officer.empty()) SPMIS_RETURN_IF_ERROR(store->set_officer(officer));
    return store;
}

Result<sync::KeyPair> Context::load_keys() const {
    std::ifstream in(key_path());
    std::string hex;
    if (!in || !std::getline(in, hex)) return make_error(ErrorCode::kStorage, "cannot read " + key_path());
    auto seed = from_hex_exact<32>(hex, "device key", HexCase::kLowerOnly);
    if (!seed.ok()) return make_error(ErrorCode::kCorrupt, key_path() + " is not a device key");
    return sync::key_pair_from_seed(*seed);
}

void Context::out(const std::string& text) const {
    if (write_out) {
        write_out(text);
    } else {
        std::cout << text;
    }
}

void Context::err(const std::string& text) const {
    if (write_err) {
        write_err(text);
    } else {
        std::cerr << text;
    }
}

void Context::run(const std::function<Status()>& body) {
    Status s = body();
    exit_code = exit_code_for(s.code());
    if (s.ok()) return;
    if (json) {
        out(nlohmann::json{
                {"ok", false},
                {"error", {{"code", std::string(error_code_name(s.code()))}, {"message", s.message()}}}}
                .dump() +
            "\n");
    } else {
        err("spmis-field: " + s.message() + "\n");
    }
}

void Context::emit(const nlohmann::json& data, const std::string& human) const {
    if (json) {
        out(data.dump() + "\n");
    } else {
        out(!human.empty() && human.back() != '\n' ? human + "\n" : human);
    }
}

Result<Uuid> parse_id(const std::string& option, const std::string& text) {
    auto id = Uuid::parse(text);
    if (!id.ok())
        return make_error(ErrorCode::kInvalidArgument, option + " must be an id (UUID), got '" + text + "'");
    return *id;
}

}  // namespace spmis::field
