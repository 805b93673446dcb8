#include <cmath>
#include <cstring>

#include "spmis/base/text.hpp"
#include "spmis/credential/cbor.hpp"

namespace spmis::credential {
namespace {

Status fail(const char* why) { return make_error(ErrorCode::kInvalidArgument, std::string("cbor: ") + why); }

double half_to_double(std::uint16_t h) {
    int exponent = (h >> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    double value = 0;
    if (exponent == 0) {
        value = std::ldexp(mantissa, -24);
    } else if (exponent != 31) {
        value = std::ldexp(mantissa + 1024, exponent - 25);
    } else {
        value = mantissa == 0 ? INFINITY : NAN;
    }
    return (h & 0x8000) != 0 ? -value : value;
}

class Decoder {
public:
    Decoder(const Bytes& data, const CborLimits& limits) : data_(data), limits_(limits) {}

    Result<CborValue> item(int depth) {
        if (depth > limits_.max_depth) return fail("nesting too deep");
        if (pos_ >= data_.size()) return fail("unexpected end");
        std::uint8_t initial = data_[pos_++];
        int major = initial >> 5;
        int info = initial & 0x1F;
        if (major == 7) return simple_or_float(info);
        SPMIS_ASSIGN_OR_RETURN(std::uint64_t arg, argument(info));
        CborValue v;
        v.number = arg;
        switch (major) {
            case 0: v.type = CborType::kUnsigned; return v;
            case 1: v.type = CborType::kNegative; return v;
            case 2:
            case 3: return string(major, arg);
            case 4: return array(arg, depth);
            case 5: return map(arg, depth);
            default: return tagged(arg, depth);
        }
    }

    bool at_end() const { return pos_ == data_.size(); }

private:
    Result<std::uint64_t> read_be(int n) {
        if (data_.size() - pos_ < static_cast<std::size_t>(n)) return fail("unexpected end");
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i) v = (v << 8) | data_[pos_++];
        return v;
    }

    Result<std::uint64_t> argument(int info) {
        if (info < 24) return static_cast<std::uint64_t>(info);
        if (info == 24) return read_be(1);
        if (info == 25) return read_be(2);
        if (info == 26) return read_be(4);
        if (info == 27) return read_be(8);
        if (info == 31) return fail("indefinite length not allowed");
        return fail("reserved additional information");
    }

    // A declared count or length can never exceed the bytes left: refuse before allocating.
    Status check_room(std::uint64_t n) {
        if (n > data_.size() - pos_) return fail("length exceeds input");
        return {};
    }

    Result<CborValue> string(int major, std::uint64_t len) {
        SPMIS_RETURN_IF_ERROR(check_room(len));
        CborValue v;
        v.type = major == 2 ? CborType::kBytes : CborType::kText;
        auto begin = data_.begin() + static_cast<std::ptrdiff_t>(pos_);
        v.bytes.assign(begin, begin + static_cast<std::ptrdiff_t>(len));
        pos_ += len;
        if (major == 3 && !spmis::is_valid_utf8(std::string_view(
                              reinterpret_cast<const char*>(v.bytes.data()), v.bytes.size())))
            return fail("invalid UTF-8 text");
        return v;
    }

    Result<CborValue> array(std::uint64_t count, int depth) {
        SPMIS_RETURN_IF_ERROR(check_room(count));
        CborValue v;
        v.type = CborType::kArray;
        v.items.reserve(count);
        for (std::uint64_t i = 0; i < count; ++i) {
            SPMIS_ASSIGN_OR_RETURN(CborValue element, item(depth + 1));
            v.items.push_back(std::move(element));
        }
        return v;
    }

    Result<CborValue> map(std::uint64_t count, int depth) {
        SPMIS_RETURN_IF_ERROR(check_room(count));
        CborValue v;
        v.type = CborType::kMap;
        v.items.reserve(count * 2);
        for (std::uint64_t i = 0; i < count; ++i) {
            SPMIS_ASSIGN_OR_RETURN(CborValue key, item(depth + 1));
            for (std::size_t k = 0; k < v.items.size(); k += 2) {
                if (v.items[k] == key) return fail("duplicate map key");
            }
            SPMIS_ASSIGN_OR_RETURN(CborValue value, item(depth + 1));
            v.items.push_back(std::move(key));
            v.items.push_back(std::move(value));
        }
        return v;
    }

    Result<CborValue> tagged(std::uint64_t number, int depth) {
        SPMIS_ASSIGN_OR_RETURN(CborValue inner, item(depth + 1));
        return CborValue::tag(number, std::move(inner));
    }

    Result<CborValue> simple_or_float(int info) {
        CborValue v;
        if (info < 24) {
            v.number = static_cast<std::uint64_t>(info);
            return v;
        }
        if (info == 24) {
            SPMIS_ASSIGN_OR_RETURN(v.number, read_be(1));
            if (v.number < 32) return fail("simple value in two-byte form below 32");
            return v;
        }
        if (info < 25 || info > 27) return fail(info == 31 ? "unexpected break" : "reserved simple value");
        SPMIS_ASSIGN_OR_RETURN(std::uint64_t bits, read_be(info == 25 ? 2 : info == 26 ? 4 : 8));
        v.type = CborType::kFloat;
        if (info == 25) {
            v.real = half_to_double(static_cast<std::uint16_t>(bits));
        } else if (info == 26) {
            float f = 0;
            auto b32 = static_cast<std::uint32_t>(bits);
            std::memcpy(&f, &b32, sizeof f);
            v.real = f;
        } else {
            std::memcpy(&v.real, &bits, sizeof v.real);
        }
        return v;
    }

    const Bytes& data_;
    const CborLimits& limits_;
    std::size_t pos_ = 0;
};

}  // namespace

Result<CborValue> cbor_decode(const Bytes& data, const CborLimits& limits) {
    if (data.size() > limits.max_input) return fail("input too large");
    Decoder decoder(data, limits);
    SPMIS_ASSIGN_OR_RETURN(CborValue value, decoder.item(0));
    if (!decoder.at_end()) return fail("trailing bytes after the item");
    return value;
}

}  // namespace spmis::credential
