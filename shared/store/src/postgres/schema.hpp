#pragma once
// The PostgreSQL store's schema as numbered migrations (spmis::postgres::migrate applies them at
// start-up under an advisory lock). Version 1 is every table of the SQLite store at its schema 22.

#include <vector>

#include "spmis/postgres/migrations.hpp"

namespace spmis::store::pg {

const std::vector<postgres::Migration>& migrations();

}  // namespace spmis::store::pg
