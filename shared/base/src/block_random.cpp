#include "spmis/base/block_random.hpp"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <cstring>

namespace spmis {
namespace {

// Counts forks in this process's line: a block filled before a fork belongs to the parent.
std::atomic<unsigned> g_fork_generation{0};

void count_forks_once() {
    static std::once_flag once;
    std::call_once(once, [] { ::pthread_atfork(nullptr, nullptr, [] { g_fork_generation.fetch_add(1); }); });
}

}  // namespace

BlockRandom::BlockRandom(Random& source) : source_(source) {
    count_forks_once();
    fork_generation_ = g_fork_generation.load();
}

void BlockRandom::fill(std::uint8_t* out, std::size_t n) {
    std::lock_guard lock(mutex_);
    if (const unsigned generation = g_fork_generation.load(); generation != fork_generation_) {
        fork_generation_ = generation;
        used_ = kBlockBytes;
    }
    while (n > 0) {
        if (used_ == kBlockBytes) {
            source_.fill(block_.data(), kBlockBytes);
            used_ = 0;
        }
        const std::size_t take = std::min(n, kBlockBytes - used_);
        std::memcpy(out, block_.data() + used_, take);
        used_ += take;
        out += take;
        n -= take;
    }
}

}  // namespace spmis
