#include "spmis/credential/status_list.hpp"

#include "spmis/credential/zlib_codec.hpp"

namespace spmis::credential {

Result<StatusList> StatusList::from_compressed(int bits, const Bytes& lst) {
    if (bits != 1 && bits != 2 && bits != 4 && bits != 8) {
        return make_error(ErrorCode::kInvalidArgument, "status list: bits must be 1, 2, 4 or 8");
    }
    SPMIS_ASSIGN_OR_RETURN(Bytes raw, zlib_inflate(lst, tuning::kStatusListMaxBytes));
    return StatusList(bits, std::move(raw));
}

std::optional<int> StatusList::at(std::uint64_t index) const {
    auto per_byte = static_cast<std::uint64_t>(8 / bits_);
    std::uint64_t byte = index / per_byte;
    if (byte >= raw_.size()) return std::nullopt;
    auto shift = static_cast<unsigned>((index % per_byte) * bits_);
    return (raw_[byte] >> shift) & ((1 << bits_) - 1);
}

}  // namespace spmis::credential
