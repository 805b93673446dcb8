#include "spmis/postgres/connection.hpp"

#include <cassert>
#include <exception>
#include <regex>

#include "errors.hpp"
#include "placeholders.hpp"

namespace spmis::postgres {
namespace {

// The body's status; an exception leaving it becomes a kInternal error so the caller still rolls
// back and restores the depth (a transaction left open holds its locks for every other node).
Status run_body(const std::function<Status()>& body) {
    try {
        return body();
    } catch (const std::exception& e) {
        return make_error(ErrorCode::kInternal, std::string("exception inside a transaction: ") + e.what());
    } catch (...) {
        return make_error(ErrorCode::kInternal, "unknown exception inside a transaction");
    }
}

// Server notices (an index that already exists) are not errors; they would otherwise go to stderr.
void ignore_notice(void*, const char*) {}

}  // namespace

std::string redacted(const std::string& url) {
    static const std::regex kUriPassword(R"(^(postgres(?:ql)?://[^:/@?]*):[^@]*@)");
    static const std::regex kKeyPassword(R"((^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+))");
    std::string out = std::regex_replace(url, kUriPassword, "$1:***@");
    return std::regex_replace(out, kKeyPassword, "$1password=***");
}

Result<std::unique_ptr<Connection>> Connection::open(const Options& options) {
    std::unique_ptr<Connection> db(new Connection());
    SPMIS_RETURN_IF_ERROR(db->connect(options));
    return db;
}

Status Connection::connect(const Options& options) {
    const std::string timeout = std::to_string(options.connect_timeout_s);
    const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
    const char* values[] = {options.url.c_str(), timeout.c_str(), options.application_name.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
        std::string reason = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
        while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
        return make_error(ErrorCode::kStorage,
                          "cannot connect to PostgreSQL at " + redacted(options.url) + ": " + reason);
    }
    PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
    kill_switch_ = options.kill_switch;
    return {};
}

Connection::~Connection() {
    statements_.clear();
    if (conn_ != nullptr) PQfinish(conn_);
}

bool Connection::reusable() const {
    return depth_ == 0 && PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

Status Connection::exec(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    Status out;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) out = error_of(conn_, result, "exec");
    if (result != nullptr) PQclear(result);
    return out;
}

Result<Statement*> Connection::prepare(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second.get();
    // Prepared on the server when it first runs, with the types of the values bound then.
    auto owned =
        std::make_unique<Statement>(*this, "s" + std::to_string(prepared_++), numbered_placeholders(sql));
    Statement* out = owned.get();
    statements_.emplace(sql, std::move(owned));
    return out;
}

Status Connection::commit() {
    // A statement that failed inside the body aborted the transaction: COMMIT would answer
    // "ROLLBACK" with success, so it is reported here instead.
    if (PQtransactionStatus(conn_) == PQTRANS_INERROR) {
        return make_error(ErrorCode::kStorage, "postgresql: a statement failed inside the transaction");
    }
    if (kill_switch_ != nullptr && !kill_switch_->allow_commit()) {
        return make_error(ErrorCode::kStorage, "simulated crash before COMMIT (KillSwitch)");
    }
    SPMIS_RETURN_IF_ERROR(exec("COMMIT"));
    return after_commit();
}

Status Connection::transaction(const std::function<Status()>& body) {
    const std::string savepoint = "sp" + std::to_string(depth_);
    SPMIS_RETURN_IF_ERROR(exec(depth_ == 0 ? "BEGIN" : "SAVEPOINT " + savepoint));
    ++depth_;
    Status s = run_body(body);
    --depth_;
    assert(depth_ >= 0);
    if (s.ok()) {
        s = depth_ == 0 ? commit() : exec("RELEASE SAVEPOINT " + savepoint);
        if (s.ok()) return s;
    }
    // The body's error is the one reported; a rollback of what is no longer open is harmless.
    if (depth_ == 0) {
        if (PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)exec("ROLLBACK");
    } else {
        (void)exec("ROLLBACK TO SAVEPOINT " + savepoint + "; RELEASE SAVEPOINT " + savepoint);
    }
    return s;
}

}  // namespace spmis::postgres
