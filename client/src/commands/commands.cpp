#include "commands/commands.hpp"

namespace spmis::field {

void add_commands(CLI::App& app, Context& ctx) {
    add_init(app, ctx);
    add_enroll(app, ctx);
    add_sync(app, ctx);
    add_status(app, ctx);
    add_find(app, ctx);
    add_event(app, ctx);
    add_attend(app, ctx);
    add_redeem(app, ctx);
    add_void(app, ctx);
    add_update(app, ctx);
    add_membership(app, ctx);
    add_export(app, ctx);
    add_credential(app, ctx);
    add_officer(app, ctx);
}

}  // namespace spmis::field
