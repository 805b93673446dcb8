#pragma once
// Checkpoints of a store's WAL off the writer's path: a background thread with its own connection
// copies committed pages into the database file (PASSIVE: it never blocks the writer) every
// interval, or sooner when the WAL file grew by a size. Its writer opens the store with
// open_store_in_directory_for_checkpointer, whose commits checkpoint only as a far backstop, so no
// commit pays for one. Should the WAL in use pass a hard bound (a writer that never pauses), one
// RESTART checkpoint waits for the writer so that the WAL starts again from its beginning.
// stop() ends with a TRUNCATE checkpoint: the WAL file is left empty.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "spmis/base/status.hpp"
#include "spmis/store/store.hpp"
#include "spmis/store/tuning.hpp"

namespace spmis::store {

// When a WalCheckpointer checkpoints.
struct CheckpointPolicy {
    std::chrono::milliseconds interval = tuning::kWalCheckpointInterval;  // a PASSIVE checkpoint this often
    std::int64_t wal_bytes = tuning::kWalCheckpointBytes;  // ... and whenever the WAL file grew this much
    std::int64_t wal_hard_bytes = tuning::kWalCheckpointHardBytes;  // WAL in use above: RESTART (waits)
};

class WalCheckpointer {
public:
    // Not started: start() opens the connection and the thread.
    WalCheckpointer(std::string db_path, CheckpointPolicy policy = {});
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Opens its connection to db_path (which must exist) and starts the thread; kStorage otherwise.
    Status start();
    // Stops the thread and truncates the WAL (kStorage if the last checkpoint fails). Idempotent.
    Status stop();
    // Checkpoints run so far (for tests and benchmarks).
    std::int64_t checkpoints() const;

private:
    void run();
    // One checkpoint; true when a PASSIVE one finds the WAL in use above the hard bound.
    bool checkpoint_once(bool restart);
    std::int64_t wal_size() const;

    std::string path_;
    CheckpointPolicy policy_;
    struct Connection;
    std::unique_ptr<Connection> db_;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::int64_t checkpoints_ = 0;
    std::int64_t page_size_ = 4096;
};

// Opens DIR/spmis.db as open_store_in_directory does, with commits that never checkpoint the WAL:
// run a WalCheckpointer on DIR/spmis.db beside it.
Result<std::unique_ptr<Store>> open_store_in_directory_for_checkpointer(const std::string& dir,
                                                                        Clock* clock = nullptr);

}  // namespace spmis::store
