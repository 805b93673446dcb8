#include "spmis/store/wal_checkpointer.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <utility>

#include "spmis/store/tuning.hpp"

namespace spmis::store {

struct WalCheckpointer::Connection {
    sqlite3* db = nullptr;
    ~Connection() { sqlite3_close_v2(db); }
};

WalCheckpointer::WalCheckpointer(std::string db_path, CheckpointPolicy policy)
    : path_(std::move(db_path)), policy_(policy) {}

WalCheckpointer::~WalCheckpointer() { (void)stop(); }

Status WalCheckpointer::start() {
    if (thread_.joinable()) return {};
    auto connection = std::make_unique<Connection>();
    if (sqlite3_open_v2(path_.c_str(), &connection->db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        return make_error(ErrorCode::kStorage,
                          "checkpointer cannot open '" + path_ + "': " + sqlite3_errmsg(connection->db));
    }
    sqlite3_busy_timeout(connection->db, tuning::kSqliteBusyTimeoutMs);
    // Reading the schema opens the file in WAL mode (a checkpoint on a connection that never read
    // answers "not in WAL mode" and does nothing); the page size turns WAL frames into bytes.
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(connection->db, "SELECT COUNT(*) FROM sqlite_master", -1, &stmt, nullptr) !=
            SQLITE_OK ||
        sqlite3_step(stmt) != SQLITE_ROW) {
        sqlite3_finalize(stmt);
        return make_error(ErrorCode::kStorage,
                          "checkpointer cannot read '" + path_ + "': " + sqlite3_errmsg(connection->db));
    }
    sqlite3_finalize(stmt);
    if (sqlite3_prepare_v2(connection->db, "PRAGMA page_size", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
        page_size_ = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    db_ = std::move(connection);
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
    return {};
}

Status WalCheckpointer::stop() {
    if (!thread_.joinable()) return {};
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    // The writer is done (the server stops it first): leave an empty WAL behind.
    const int rc = sqlite3_wal_checkpoint_v2(db_->db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    std::string message = sqlite3_errmsg(db_->db);
    db_.reset();
    if (rc != SQLITE_OK) return make_error(ErrorCode::kStorage, "final WAL checkpoint failed: " + message);
    return {};
}

std::int64_t WalCheckpointer::checkpoints() const {
    const std::lock_guard lock(mutex_);
    return checkpoints_;
}

std::int64_t WalCheckpointer::wal_size() const {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path_ + "-wal", ec);
    return ec ? 0 : static_cast<std::int64_t>(size);
}

bool WalCheckpointer::checkpoint_once(bool restart) {
    // PASSIVE copies what no reader still needs and never waits; RESTART waits for the writer (the
    // busy timeout) so the next commit starts the WAL from its beginning. A busy answer is retried
    // at the next tick.
    int log_frames = 0;
    (void)sqlite3_wal_checkpoint_v2(db_->db, nullptr,
                                    restart ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE,
                                    &log_frames, nullptr);
    {
        const std::lock_guard lock(mutex_);
        ++checkpoints_;
    }
    // The WAL in use (frames since it last restarted) above the hard bound: the writer never left a
    // moment to restart it.
    return !restart && static_cast<std::int64_t>(log_frames) * page_size_ >= policy_.wal_hard_bytes;
}

void WalCheckpointer::run() {
    // Polls the WAL file's size often (a stat call): a checkpoint when it grew by wal_bytes or the
    // interval passed, then a RESTART at once if the WAL in use is above the hard bound.
    const auto tick = std::min(policy_.interval, std::chrono::milliseconds(10));
    auto last = std::chrono::steady_clock::now();
    std::int64_t size_then = wal_size();
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, tick, [this] { return stopping_; });
        if (stopping_) break;
        lock.unlock();
        const std::int64_t size = wal_size();
        const auto now = std::chrono::steady_clock::now();
        if (size - size_then >= policy_.wal_bytes || now - last >= policy_.interval) {
            if (checkpoint_once(false)) checkpoint_once(true);
            last = now;
            size_then = size;
        }
        lock.lock();
    }
}

}  // namespace spmis::store
