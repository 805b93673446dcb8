#include "ui/local_api.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>

#include "spmis/base/hex.hpp"
#include "spmis/http/embedded_file.hpp"
#include "spmis/json/bounded_reader.hpp"
#include "ui/command_runner.hpp"
#include "ui/web_files.hpp"

namespace spmis::field {
namespace {

using nlohmann::json;

// An officer's screen session: a working day.
constexpr std::int64_t kSessionMs = 12LL * 60 * 60 * 1000;

// Only this origin's own files and calls: no inline script, nothing from another host; the webcam
// frames are drawn on a canvas (blob:/data: images).
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

http::HttpResponse json_response(int status, const json& body) {
    http::HttpResponse r;
    r.status = status;
    r.headers["Content-Type"] = "application/json";
    r.headers["Cache-Control"] = "no-store";
    r.body = body.dump();
    return r;
}

http::HttpResponse error_response(int status, const std::string& code, const std::string& message) {
    return json_response(status, {{"ok", false}, {"error", {{"code", code}, {"message", message}}}});
}

std::string random_token() {
    std::array<std::uint8_t, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return to_hex(bytes);
}

// The text member `name` of `body` ("" when absent); kInvalidArgument when it is not text.
Result<std::string> text_member(const json& body, const char* name) {
    if (!body.contains(name) || body[name].is_null()) return std::string();
    if (!body[name].is_string())
        return make_error(ErrorCode::kInvalidArgument, std::string(name) + " must be text");
    return body[name].get<std::string>();
}

// Adds "--option value" when value is not empty.
void add_option(std::vector<std::string>& args, const char* option, const std::string& value) {
    if (value.empty()) return;
    args.push_back(option);
    args.push_back(value);
}

// The command line a screen action stands for; kInvalidArgument for an unknown action or a bad body.
Result<std::vector<std::string>> command_for(const std::string& action, const json& body) {
    if (action == "status") return std::vector<std::string>{"status"};
    if (action == "events") return std::vector<std::string>{"event", "list"};
    if (action == "sync") return std::vector<std::string>{"sync"};
    if (action == "close_event") return std::vector<std::string>{"event", "close"};
    if (action == "open_event") {
        SPMIS_ASSIGN_OR_RETURN(std::string event, text_member(body, "event_id"));
        return std::vector<std::string>{"event", "open", event};
    }
    if (action == "find") {
        SPMIS_ASSIGN_OR_RETURN(std::string query, text_member(body, "query"));
        return std::vector<std::string>{"find", query};
    }
    if (action == "attend") {
        std::vector<std::string> args{"attend"};
        SPMIS_ASSIGN_OR_RETURN(std::string registrant, text_member(body, "registrant_id"));
        SPMIS_ASSIGN_OR_RETURN(std::string event, text_member(body, "event_id"));
        args.push_back("--registrant");
        args.push_back(registrant);
        add_option(args, "--event", event);
        return args;
    }
    if (action == "redeem") {
        std::vector<std::string> args{"redeem"};
        SPMIS_ASSIGN_OR_RETURN(std::string entitlement, text_member(body, "entitlement_id"));
        args.push_back("--entitlement");
        args.push_back(entitlement);
        for (const auto& [member, option] : {std::pair<const char*, const char*>{"quantity", "--quantity"},
                                             {"collector", "--collector"},
                                             {"relation", "--relation"},
                                             {"credential", "--credential"}}) {
            SPMIS_ASSIGN_OR_RETURN(std::string value, text_member(body, member));
            add_option(args, option, value);
        }
        SPMIS_ASSIGN_OR_RETURN(std::string reason, text_member(body, "override_reason"));
        if (!reason.empty()) {
            args.push_back("--override");
            add_option(args, "--reason", reason);
        }
        return args;
    }
    if (action == "verify") {
        SPMIS_ASSIGN_OR_RETURN(std::string text, text_member(body, "text"));
        return std::vector<std::string>{"credential", "verify", text};
    }
    if (action == "credential") {
        SPMIS_ASSIGN_OR_RETURN(std::string entitlement, text_member(body, "entitlement_id"));
        return std::vector<std::string>{"credential", "issue", "--entitlement", entitlement, "--with-svg"};
    }
    return make_error(ErrorCode::kNotFound, "no screen action '" + action + "'");
}

}  // namespace

int status_for_exit_code(int exit_code) {
    switch (exit_code) {
        case 0: return 200;
        case 1: return 409;
        case 2: return 400;
        case 3: return 502;
        default: return 500;
    }
}

http::HttpResponse LocalApi::handle(const http::HttpRequest& request) {
    if (request.path.rfind("/local/", 0) == 0) return call(request);
    if (request.method != "GET") return error_response(405, "method_not_allowed", "only GET serves files");
    const std::string path =
        request.path == "/" || request.path.empty() ? "index.html" : request.path.substr(1);
    for (const auto& file : field_ui::embedded_files()) {
        if (file.path == path) return http::embedded_file_response(file, kContentSecurityPolicy);
    }
    return error_response(404, "not_found", "no file " + request.path);
}

http::HttpResponse LocalApi::call(const http::HttpRequest& request) {
    // The secret in a custom header: a page of another origin cannot send it without a CORS
    // preflight, which this server never grants, and cannot read it from our page.
    const std::string given = request.header("x-spmis-secret");
    if (given.size() != secret_.size() || sodium_memcmp(given.data(), secret_.data(), secret_.size()) != 0) {
        return error_response(403, "forbidden", "this screen's API answers only the page it served");
    }
    if (request.method != "POST")
        return error_response(405, "method_not_allowed", "the screen's API takes POST");
    const std::string action = request.path.substr(std::string("/local/").size());
    if (action == "scan") return scan(request);
    auto body = json::object();
    if (!request.body.empty()) {
        auto parsed = ::spmis::json::read_bounded_json(request.body);
        if (!parsed.ok()) return error_response(400, "invalid_argument", parsed.status().message());
        body = std::move(*parsed);
        if (!body.is_object())
            return error_response(400, "invalid_argument", "the body must be a JSON object");
    }
    std::lock_guard lock(mutex_);
    if (action == "signin") return sign_in(body);
    const std::string officer = officer_of(request);
    if (officer.empty()) return error_response(401, "unauthenticated", "sign in with your name and PIN");
    if (action == "signout") {
        sessions_.erase(request.header("authorization").substr(7));
        return json_response(200, {{"ok", true}});
    }
    auto args = command_for(action, body);
    if (!args.ok()) {
        return error_response(args.status().code() == ErrorCode::kNotFound ? 404 : 400,
                              std::string(error_code_name(args.status().code())), args.status().message());
    }
    CommandResult result = run_command(base_, officer, *args);
    return json_response(status_for_exit_code(result.exit_code), result.answer);
}

http::HttpResponse LocalApi::sign_in(const json& body) {
    auto officer = text_member(body, "officer");
    auto pin = text_member(body, "pin");
    if (!officer.ok() || !pin.ok() || officer->empty() || pin->empty())
        return error_response(400, "invalid_argument", "give your name and PIN");
    auto store = sync::DeviceStore::open(base_.store_path(), base_.clock);
    if (!store.ok()) return error_response(500, "storage", store.status().message());
    Status checked = (*store)->check_officer_pin(*officer, *pin);
    if (!checked.ok()) {
        const bool locked = checked.code() == ErrorCode::kRefused;
        return error_response(locked ? 429 : 401, locked ? "locked" : "unauthenticated", checked.message());
    }
    const std::string token = random_token();
    sessions_[token] = Session{*officer, base_.clock.monotonic_ms() + kSessionMs};
    return json_response(200, {{"ok", true}, {"token", token}, {"officer", *officer}});
}

http::HttpResponse LocalApi::scan(const http::HttpRequest& request) {
    // A camera frame as PNG: decoded by the device (zbar) and checked by the same verifier as
    // `credential verify --image`.
    std::lock_guard lock(mutex_);
    const std::string officer = officer_of(request);
    if (officer.empty()) return error_response(401, "unauthenticated", "sign in with your name and PIN");
    if (request.body.empty()) return error_response(400, "invalid_argument", "send the camera frame as PNG");
    const std::string path = base_.home + "/scan-" + random_token().substr(0, 16) + ".png";
    {
        std::ofstream out(path, std::ios::binary);
        if (!out || !out.write(request.body.data(), static_cast<std::streamsize>(request.body.size())))
            return error_response(500, "storage", "cannot keep the camera frame");
    }
    CommandResult result = run_command(base_, officer, {"credential", "verify", "--image", path});
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return json_response(status_for_exit_code(result.exit_code), result.answer);
}

nlohmann::json LocalApi::background_sync() {
    std::lock_guard lock(mutex_);
    return run_command(base_, "", {"sync"}).answer;
}

std::string LocalApi::officer_of(const http::HttpRequest& request) {
    const std::string auth = request.header("authorization");
    if (auth.rfind("Bearer ", 0) != 0) return "";
    auto it = sessions_.find(auth.substr(7));
    if (it == sessions_.end()) return "";
    if (base_.clock.monotonic_ms() > it->second.expires_ms) {
        sessions_.erase(it);
        return "";
    }
    return it->second.officer;
}

}  // namespace spmis::field
