#include "spmis/base/block_random.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <vector>

namespace spmis {
namespace {

// Counts how often the block reader goes back to its source.
class CountingRandom final : public Random {
public:
    void fill(std::uint8_t* out, std::size_t n) override {
        ++calls;
        inner.fill(out, n);
    }
    SeededRandom inner{7};
    int calls = 0;
};

// What a SeededRandom(7) source hands out over `blocks` whole-block draws, in order.
std::vector<std::uint8_t> source_stream(std::size_t blocks) {
    std::vector<std::uint8_t> stream(blocks * BlockRandom::kBlockBytes);
    SeededRandom same(7);
    for (std::size_t b = 0; b < blocks; ++b) {
        same.fill(stream.data() + b * BlockRandom::kBlockBytes, BlockRandom::kBlockBytes);
    }
    return stream;
}

TEST(BlockRandomTest, HandsOutTheSourceStreamInOrderAndDrawsOneBlockAtATime) {
    CountingRandom source;
    BlockRandom blocks(source);
    constexpr std::size_t kDraws = 1000;  // 16 bytes each: 16,000 bytes, four blocks
    std::vector<std::uint8_t> got(kDraws * 16);
    for (std::size_t i = 0; i < kDraws; ++i) blocks.fill(got.data() + i * 16, 16);
    const std::vector<std::uint8_t> expected = source_stream(4);
    EXPECT_EQ(source.calls, 4);
    EXPECT_EQ(std::memcmp(got.data(), expected.data(), got.size()), 0);
}

TEST(BlockRandomTest, ADrawLargerThanABlockSpansBlocks) {
    CountingRandom source;
    BlockRandom blocks(source);
    std::vector<std::uint8_t> got(BlockRandom::kBlockBytes * 2 + 100);
    blocks.fill(got.data(), got.size());
    const std::vector<std::uint8_t> expected = source_stream(3);
    EXPECT_EQ(source.calls, 3);
    EXPECT_EQ(std::memcmp(got.data(), expected.data(), got.size()), 0);
}

// A forked child must not replay the rest of its parent's block: both would mint the same ids.
TEST(BlockRandomTest, AForkedChildDrawsFreshBytes) {
    BlockRandom blocks(SecureRandom::instance());
    std::uint8_t first[16];
    blocks.fill(first, sizeof first);  // the block is now filled and partly used
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        std::uint8_t mine[16];
        blocks.fill(mine, sizeof mine);
        const bool written = ::write(fds[1], mine, sizeof mine) == static_cast<ssize_t>(sizeof mine);
        ::_exit(written ? 0 : 1);
    }
    ::close(fds[1]);
    std::uint8_t childs[16];
    ASSERT_EQ(::read(fds[0], childs, sizeof childs), static_cast<ssize_t>(sizeof childs));
    ::close(fds[0]);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    std::uint8_t parents[16];
    blocks.fill(parents, sizeof parents);
    EXPECT_NE(std::memcmp(childs, parents, sizeof parents), 0);
}

}  // namespace
}  // namespace spmis
