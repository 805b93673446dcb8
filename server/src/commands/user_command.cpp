// spmis-server user add: creates a staff account; the password comes from standard input so it
// never appears in the process list or shell history. There is no built-in default account.

#include <filesystem>
#include <iostream>

#include "commands/commands.hpp"
#include "spmis/auth/role.hpp"
#include "spmis/auth/secrets.hpp"
#include "spmis/auth/store_account_store.hpp"
#include "spmis/auth/tuning.hpp"
#include "spmis/base/clock.hpp"
#include "spmis/base/text.hpp"
#include "spmis/store/store.hpp"

namespace spmis::server {
namespace {

struct UserAddOptions {
    std::string data_dir;
    std::string username;
    std::string role;
};

Status add_user(const UserAddOptions& options) {
    const std::optional<auth::Role> role = auth::parse_role(options.role);
    if (!role) return make_error(ErrorCode::kInvalidArgument, "unknown role '" + options.role + "'");
    SPMIS_RETURN_IF_ERROR(check_identifier(options.username, "username"));
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < tuning::kMinPasswordLength) {
        return make_error(ErrorCode::kInvalidArgument, "password (first line of stdin) needs 8+ characters");
    }
    std::error_code ec;
    std::filesystem::create_directories(options.data_dir, ec);
    SPMIS_ASSIGN_OR_RETURN(std::unique_ptr<auth::AccountStore> accounts,
                           auth::open_store_account_store(command_store_location(options.data_dir)));
    SPMIS_ASSIGN_OR_RETURN(std::string hash, auth::hash_password(password));
    return accounts->add(auth::Account{options.username, hash, *role, true, command_clock().now()});
}

}  // namespace

void add_user_command(CLI::App& app, int& exit_code) {
    CLI::App* user = app.add_subcommand("user", "Manage staff accounts");
    user->require_subcommand(1);
    auto options = std::make_shared<UserAddOptions>();
    CLI::App* add = user->add_subcommand("add", "Create an account; the password is read from stdin");
    add->add_option("--data", options->data_dir, "Data directory")->required();
    add->add_option("--username", options->username, "Login name (stored verbatim)")->required();
    std::string roles;
    for (auth::Role r : auth::all_roles())
        roles += (roles.empty() ? "" : ", ") + std::string(auth::role_name(r));
    add->add_option("--role", options->role, "One of: " + roles)->required();
    add->callback([options, &exit_code] {
        const Status status = add_user(*options);
        if (!status.ok()) {
            std::cerr << "spmis-server: " << status.to_string() << "\n";
            exit_code = exit_code_for(status.code());
            return;
        }
        std::cout << "user " << options->username << " added as " << options->role << "\n";
        exit_code = 0;
    });
    CLI::App* roles_command =
        user->add_subcommand("roles", "Print the roles and their permissions (docs/roles.md)");
    roles_command->callback([&exit_code] {
        std::cout << auth::roles_markdown();
        exit_code = 0;
    });
}

}  // namespace spmis::server
