#include <limits>

#include "spmis/credential/cbor.hpp"

namespace spmis::credential {

CborValue CborValue::integer(std::int64_t v) {
    CborValue out;
    if (v >= 0) {
        out.type = CborType::kUnsigned;
        out.number = static_cast<std::uint64_t>(v);
    } else {
        out.type = CborType::kNegative;
        out.number = static_cast<std::uint64_t>(-(v + 1));
    }
    return out;
}

CborValue CborValue::byte_string(Bytes b) {
    CborValue out;
    out.type = CborType::kBytes;
    out.bytes = std::move(b);
    return out;
}

CborValue CborValue::text(std::string_view s) {
    CborValue out;
    out.type = CborType::kText;
    out.bytes.assign(s.begin(), s.end());
    return out;
}

CborValue CborValue::array(std::vector<CborValue> elements) {
    CborValue out;
    out.type = CborType::kArray;
    out.items = std::move(elements);
    return out;
}

CborValue CborValue::map(std::vector<std::pair<CborValue, CborValue>> entries) {
    CborValue out;
    out.type = CborType::kMap;
    out.items.reserve(entries.size() * 2);
    for (auto& entry : entries) {
        out.items.push_back(std::move(entry.first));
        out.items.push_back(std::move(entry.second));
    }
    return out;
}

CborValue CborValue::tag(std::uint64_t number, CborValue inner) {
    CborValue out;
    out.type = CborType::kTag;
    out.number = number;
    out.items.push_back(std::move(inner));
    return out;
}

CborValue CborValue::boolean(bool v) {
    CborValue out;
    out.number = v ? 21 : 20;
    return out;
}

CborValue CborValue::null() { return {}; }

std::optional<std::int64_t> CborValue::as_int() const {
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (!is_int() || number > kMax) return std::nullopt;
    auto n = static_cast<std::int64_t>(number);
    return type == CborType::kUnsigned ? n : -1 - n;
}

const CborValue* CborValue::find(std::int64_t key) const {
    if (type != CborType::kMap) return nullptr;
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        if (items[i].as_int() == key) return &items[i + 1];
    }
    return nullptr;
}

const CborValue* CborValue::find(std::string_view key) const {
    if (type != CborType::kMap) return nullptr;
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        if (items[i].type == CborType::kText && items[i].as_text() == key) return &items[i + 1];
    }
    return nullptr;
}

bool operator==(const CborValue& a, const CborValue& b) {
    if (a.type != b.type || a.bytes != b.bytes || a.items != b.items) return false;
    if (a.type == CborType::kFloat) return a.real == b.real;
    return a.number == b.number;
}

}  // namespace spmis::credential
