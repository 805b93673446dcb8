#pragma once
// PostgreSQL's own backup tools (pg_dump, pg_restore) run as child processes: a dump in the custom
// format is the backup PostgreSQL operators know and trust; we never write our own dump format.

#include <string>
#include <vector>

#include "spmis/base/status.hpp"

namespace spmis::backup {

// Runs the PostgreSQL client tool `tool` with `args` against the database at `url`. The address
// reaches the tool through libpq's environment variables (PGHOST, PGPASSWORD, ...), never its
// command line, where any user could read a password. The newest installed version's binary is
// used (Debian's /usr/lib/postgresql/N/bin), else the one on PATH. kStorage with the tool's own
// message when it fails; kInvalidArgument for a URL libpq cannot parse.
// The database name in `url` (pg_restore needs it named on its command line).
Result<std::string> database_name(const std::string& url);

Status run_pg_tool(const std::string& tool, const std::vector<std::string>& args, const std::string& url);

}  // namespace spmis::backup
