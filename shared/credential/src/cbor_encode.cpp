#include <algorithm>
#include <cstring>

#include "spmis/credential/cbor.hpp"

namespace spmis::credential {
namespace {

void put_head(Bytes& out, int major, std::uint64_t arg) {
    auto m = static_cast<std::uint8_t>(major << 5);
    int extra = 0;
    if (arg < 24) {
        out.push_back(static_cast<std::uint8_t>(m | arg));
        return;
    }
    if (arg <= 0xFF) {
        out.push_back(m | 24);
        extra = 1;
    } else if (arg <= 0xFFFF) {
        out.push_back(m | 25);
        extra = 2;
    } else if (arg <= 0xFFFFFFFFULL) {
        out.push_back(m | 26);
        extra = 4;
    } else {
        out.push_back(m | 27);
        extra = 8;
    }
    for (int i = extra - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(arg >> (8 * i)));
}

void put_float(Bytes& out, double real) {
    // Always the 8-byte form: we never write floats in credentials, this only keeps values lossless.
    std::uint64_t bits = 0;
    std::memcpy(&bits, &real, sizeof bits);
    out.push_back(0xFB);
    for (int i = 7; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
}

void encode_into(Bytes& out, const CborValue& v);

void encode_map(Bytes& out, const CborValue& v) {
    std::vector<std::pair<Bytes, Bytes>> entries;
    entries.reserve(v.map_size());
    for (std::size_t i = 0; i + 1 < v.items.size(); i += 2) {
        entries.emplace_back(cbor_encode(v.items[i]), cbor_encode(v.items[i + 1]));
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    put_head(out, 5, entries.size());
    for (const auto& [k, val] : entries) {
        out.insert(out.end(), k.begin(), k.end());
        out.insert(out.end(), val.begin(), val.end());
    }
}

void encode_into(Bytes& out, const CborValue& v) {
    switch (v.type) {
        case CborType::kUnsigned: put_head(out, 0, v.number); break;
        case CborType::kNegative: put_head(out, 1, v.number); break;
        case CborType::kBytes:
        case CborType::kText:
            put_head(out, v.type == CborType::kBytes ? 2 : 3, v.bytes.size());
            out.insert(out.end(), v.bytes.begin(), v.bytes.end());
            break;
        case CborType::kArray:
            put_head(out, 4, v.items.size());
            for (const CborValue& item : v.items) encode_into(out, item);
            break;
        case CborType::kMap: encode_map(out, v); break;
        case CborType::kTag:
            put_head(out, 6, v.number);
            if (!v.items.empty()) encode_into(out, v.items.front());
            break;
        case CborType::kSimple: put_head(out, 7, v.number); break;
        case CborType::kFloat: put_float(out, v.real); break;
    }
}

}  // namespace

Bytes cbor_encode(const CborValue& value) {
    Bytes out;
    encode_into(out, value);
    return out;
}

}  // namespace spmis::credential
