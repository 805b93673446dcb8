#pragma once
// One registration function per spmis-field command (one file each in this folder).

#include <CLI/CLI.hpp>

#include "context.hpp"

namespace spmis::field {

void add_init(CLI::App& app, Context& ctx);
void add_enroll(CLI::App& app, Context& ctx);
void add_sync(CLI::App& app, Context& ctx);
void add_status(CLI::App& app, Context& ctx);
void add_find(CLI::App& app, Context& ctx);
void add_event(CLI::App& app, Context& ctx);
void add_attend(CLI::App& app, Context& ctx);
void add_redeem(CLI::App& app, Context& ctx);
void add_membership(CLI::App& app, Context& ctx);
void add_export(CLI::App& app, Context& ctx);
void add_credential(CLI::App& app, Context& ctx);
void add_void(CLI::App& app, Context& ctx);
void add_update(CLI::App& app, Context& ctx);
void add_officer(CLI::App& app, Context& ctx);

// Every command above, as the command line and the local screen's API both run them.
void add_commands(CLI::App& app, Context& ctx);

}  // namespace spmis::field
