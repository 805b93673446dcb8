#pragma once
// What every spmis-field command shares: the home directory, output mode, the store and the key.

#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "spmis/base/status.hpp"
#include "spmis/sync/batch_signature.hpp"
#include "spmis/sync/device_store.hpp"

namespace spmis::field {

class Context {
public:
    std::string home;     // --home
    bool json = false;    // --json
    std::string officer;  // --officer (stored for later commands)
    bool no_gzip = false;
    int exit_code = 0;
    sync::SystemDeviceClock clock;
    // Where results and errors go: standard output and error unless a caller (the local screen's
    // API, which runs the same commands) collects them.
    std::function<void(const std::string&)> write_out;
    std::function<void(const std::string&)> write_err;

    std::string store_path() const { return home + "/field.db"; }
    std::string key_path() const { return home + "/device.key"; }
    // Opens the store of an initialised home (kStorage "run init" otherwise); applies --officer.
    Result<std::unique_ptr<sync::DeviceStore>> open_store();
    // Reads HOME/device.key.
    Result<sync::KeyPair> load_keys() const;
    // Runs a command body and sets exit_code: 0 when it succeeds, exit_code_for(code) otherwise.
    void run(const std::function<Status()>& body);
    // Prints a result: `data` as one JSON document with --json, `human` otherwise.
    void emit(const nlohmann::json& data, const std::string& human) const;
    // Writes to write_out / write_err (standard output / error when unset).
    void out(const std::string& text) const;
    void err(const std::string& text) const;
};

// Parses a UUID option, naming the option in the error.
Result<Uuid> parse_id(const std::string& option, const std::string& text);

}  // namespace spmis::field
