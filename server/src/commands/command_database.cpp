// The database of this run for every command but serve (which reads `database` from its
// configuration): set once by main from --database / SPMIS_DATABASE, like the clock.

#include <mutex>

#include "commands/commands.hpp"
#include "spmis/store/store.hpp"

namespace spmis::server {
namespace {

std::string& configured_database() {
    static std::string database = "sqlite";
    return database;
}

}  // namespace

Status configure_command_database(std::string_view setting) {
    if (setting != "sqlite" && !store::is_postgres_url(setting)) {
        return make_error(ErrorCode::kInvalidArgument, "must be sqlite or a postgresql:// URL");
    }
    configured_database() = std::string(setting);
    return {};
}

std::string command_store_location(const std::string& data_dir) {
    const std::string& database = configured_database();
    return database == "sqlite" ? data_dir : database;
}

}  // namespace spmis::server
