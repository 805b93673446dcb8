#include "select.hpp"

#include "spmis/cel/map_value.hpp"

namespace spmis::cel {
namespace {

// Field index of n.name in the object's type, cached per node and type (lock-free).
int cached_field_index(const Node& n, const ObjectType* type) {
    std::uint64_t cache = n.field_cache.load(std::memory_order_relaxed);
    if ((cache >> 32) == type->id()) {
        return static_cast<int>(cache & 0xFFFFFFFFU) - 1;
    }
    int index = type->field_index(n.name);
    std::uint64_t packed = (std::uint64_t{type->id()} << 32) | static_cast<std::uint32_t>(index + 1);
    n.field_cache.store(packed, std::memory_order_relaxed);
    return index;
}

Value unsupported(const Value& target) {
    return Value::error("type '" + type_name(target) + "' does not support field selection");
}

}  // namespace

Value select_field(const Node& n, const Value& target) {
    if (target.kind() == Kind::kMap) {
        const Value* v = target.as_map().find_string(n.name);
        return v != nullptr ? *v : Value::error("no such key: '" + n.name + "'");
    }
    if (target.kind() == Kind::kObject && !target.object_type()->is_list()) {
        int index = cached_field_index(n, target.object_type());
        if (index < 0) {
            return Value::error("no such field: '" + n.name + "'");
        }
        return target.object_type()->field(target.object_ptr(), index);
    }
    if (target.kind() == Kind::kOptional) {
        return select_optional_field(n, target);
    }
    return unsupported(target);
}

Value has_field(const Node& n, const Value& target) {
    if (target.kind() == Kind::kMap) {
        return Value::boolean(target.as_map().find_string(n.name) != nullptr);
    }
    if (target.kind() == Kind::kObject && !target.object_type()->is_list()) {
        int index = cached_field_index(n, target.object_type());
        if (index < 0) {
            return Value::error("no such field: '" + n.name + "'");
        }
        return Value::boolean(target.object_type()->has_field(target.object_ptr(), index));
    }
    if (target.kind() == Kind::kOptional) {
        const Value* inner = target.optional_value();
        return inner == nullptr ? Value::boolean(false) : has_field(n, *inner);
    }
    return unsupported(target);
}

Value select_optional_field(const Node& n, const Value& target) {
    if (target.kind() == Kind::kOptional) {
        const Value* inner = target.optional_value();
        return inner == nullptr ? target : select_optional_field(n, *inner);
    }
    if (target.kind() == Kind::kMap) {
        const Value* v = target.as_map().find_string(n.name);
        return v != nullptr ? Value::optional(*v) : Value::optional_none();
    }
    if (target.kind() == Kind::kObject && !target.object_type()->is_list()) {
        int index = cached_field_index(n, target.object_type());
        if (index < 0) {
            return Value::error("no such field: '" + n.name + "'");
        }
        const ObjectType* type = target.object_type();
        if (!type->has_field(target.object_ptr(), index)) {
            return Value::optional_none();
        }
        Value v = type->field(target.object_ptr(), index);
        return v.is_error() ? v : Value::optional(std::move(v));
    }
    return unsupported(target);
}

}  // namespace spmis::cel
