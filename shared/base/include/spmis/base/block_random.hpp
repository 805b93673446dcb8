#pragma once
// Random bytes drawn from another source a block at a time. Minting an id needs 16 random bytes;
// asking the kernel's CSPRNG for each id costs a system call, so ids are cut from one block of
// 4 KiB (256 ids) instead. The bytes are exactly the source's stream, in order.

#include <array>
#include <mutex>

#include "spmis/base/clock.hpp"

namespace spmis {

class BlockRandom final : public Random {
public:
    static constexpr std::size_t kBlockBytes = 4096;

    // `source` must outlive this object.
    explicit BlockRandom(Random& source);
    // Thread-safe. A forked child discards the block it inherited, so parent and child never hand
    // out the same bytes.
    void fill(std::uint8_t* out, std::size_t n) override;

private:
    Random& source_;
    std::mutex mutex_;
    std::array<std::uint8_t, kBlockBytes> block_{};
    std::size_t used_ = kBlockBytes;  // empty until the first fill
    unsigned fork_generation_ = 0;
};

}  // namespace spmis
