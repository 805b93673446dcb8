#pragma once
// Server settings kept in the database (the epoch, the server's ids).

#include <optional>
#include <string>

#include "spmis/base/status.hpp"

namespace spmis::store {

class ServerMetaRepository {
public:
    virtual ~ServerMetaRepository() = default;

    // Server settings kept in the database (epoch, ids); nullopt when unset.
    virtual Result<std::optional<std::string>> get_meta(const std::string& key) = 0;
    virtual Status set_meta(const std::string& key, const std::string& value) = 0;
};

}  // namespace spmis::store
