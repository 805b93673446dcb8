#pragma once
// Enrolled groups read a page ahead, on a second connection and its own thread, while the caller
// evaluates and writes the previous page on its connection: on two cores reading the registry
// and inserting entitlements overlap, and generation takes about the slower of the two instead of
// their sum. Private to spmis_programs (streamed generation).

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "spmis/store/store.hpp"

namespace spmis::programs::detail {

class PageReadAhead {
public:
    // Starts reading the enrolled groups of `program_id`, `page_size` at a time, from `reader`
    // (a Store::open_reader connection, owned and used only by the reading thread from now on).
    PageReadAhead(std::unique_ptr<store::Store> reader, const Uuid& program_id, std::size_t page_size);
    // Stops the reading thread (it ends at its next page) and joins it.
    ~PageReadAhead();
    PageReadAhead(const PageReadAhead&) = delete;
    PageReadAhead& operator=(const PageReadAhead&) = delete;

    // The next page in id order; nullopt after the last one; the reading error if it failed.
    Result<std::optional<std::vector<store::EnrolledGroup>>> next();

private:
    void read(const Uuid& program_id, std::size_t page_size);

    std::unique_ptr<store::Store> reader_;
    std::mutex mutex_;
    std::condition_variable ready_;  // a page arrived, or reading ended
    std::condition_variable room_;   // a page was taken, or the caller stopped
    std::deque<std::vector<store::EnrolledGroup>> pages_;
    bool finished_ = false;
    bool stopped_ = false;
    Status status_;
    std::thread thread_;  // last: starts once every member above exists
};

}  // namespace spmis::programs::detail
