#include "page_read_ahead.hpp"

namespace spmis::programs::detail {
namespace {

// Pages waiting for the caller: one being evaluated and one ready keep both cores busy; more only
// hold memory.
constexpr std::size_t kPagesAhead = 2;

}  // namespace

PageReadAhead::PageReadAhead(std::unique_ptr<store::Store> reader, const Uuid& program_id,
                             std::size_t page_size)
    : reader_(std::move(reader)), thread_([this, program_id, page_size] { read(program_id, page_size); }) {}

PageReadAhead::~PageReadAhead() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopped_ = true;
    }
    room_.notify_all();
    thread_.join();
}

void PageReadAhead::read(const Uuid& program_id, std::size_t page_size) {
    Status status = reader_->registry().for_each_enrolled_group(
        program_id, page_size, [this](std::vector<store::EnrolledGroup>& page) -> Status {
            std::unique_lock<std::mutex> lock(mutex_);
            room_.wait(lock, [this] { return stopped_ || pages_.size() < kPagesAhead; });
            if (stopped_) return make_error(ErrorCode::kFailedPrecondition, "generation stopped reading");
            pages_.push_back(std::move(page));
            ready_.notify_one();
            return Status{};
        });
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
    status_ = std::move(status);
    ready_.notify_one();
}

Result<std::optional<std::vector<store::EnrolledGroup>>> PageReadAhead::next() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return finished_ || !pages_.empty(); });
    if (!pages_.empty()) {
        std::vector<store::EnrolledGroup> page = std::move(pages_.front());
        pages_.pop_front();
        room_.notify_one();
        return std::optional<std::vector<store::EnrolledGroup>>(std::move(page));
    }
    if (!status_.ok()) return status_;
    return std::optional<std::vector<store::EnrolledGroup>>();
}

}  // namespace spmis::programs::detail
