#include "spmis/cel/value.hpp"

#include <atomic>
#include <cmath>

#include "spmis/cel/map_value.hpp"

namespace spmis::cel {

Value Value::string(std::string s) {
    Value v;
    v.kind_ = Kind::kString;
    v.heap_ = std::make_shared<const std::string>(std::move(s));
    return v;
}

Value Value::bytes(std::string b) {
    Value v = string(std::move(b));
    v.kind_ = Kind::kBytes;
    return v;
}

Value Value::list(ListValue items) {
    Value v;
    v.kind_ = Kind::kList;
    v.heap_ = std::make_shared<const ListValue>(std::move(items));
    return v;
}

Value Value::map(std::shared_ptr<const MapValue> m) {
    Value v;
    v.kind_ = Kind::kMap;
    v.heap_ = std::move(m);
    return v;
}

Value Value::type(std::string name) {
    Value v = string(std::move(name));
    v.kind_ = Kind::kType;
    return v;
}

Value Value::timestamp(Timestamp t) {
    Value v;
    v.kind_ = Kind::kTimestamp;
    v.s_.t = {t.seconds, t.nanos};
    return v;
}

Value Value::duration(Duration d) {
    Value v;
    v.kind_ = Kind::kDuration;
    v.s_.t = {d.seconds, d.nanos};
    return v;
}

Value Value::error(std::string message) {
    Value v = string(std::move(message));
    v.kind_ = Kind::kError;
    return v;
}

Value Value::optional(Value inner) {
    Value v;
    v.kind_ = Kind::kOptional;
    v.heap_ = std::make_shared<const Value>(std::move(inner));
    return v;
}

Value Value::optional_none() {
    Value v;
    v.kind_ = Kind::kOptional;
    return v;
}

ObjectType::ObjectType(bool list_like) : is_list_(list_like) {
    static std::atomic<std::uint32_t> next{1};
    id_ = next.fetch_add(1);
}

bool ObjectType::has_field(const void* /*ptr*/, int /*index*/) const { return true; }
std::size_t ObjectType::list_size(const void* /*ptr*/) const { return 0; }
Value ObjectType::list_at(const void* /*ptr*/, std::size_t /*i*/) const { return Value::error("not a list"); }

std::string type_name(const Value& v) {
    switch (v.kind()) {
        case Kind::kNull: return "null_type";
        case Kind::kBool: return "bool";
        case Kind::kInt: return "int";
        case Kind::kUint: return "uint";
        case Kind::kDouble: return "double";
        case Kind::kString: return "string";
        case Kind::kBytes: return "bytes";
        case Kind::kList: return "list";
        case Kind::kMap: return "map";
        case Kind::kType: return "type";
        case Kind::kTimestamp: return "google.protobuf.Timestamp";
        case Kind::kDuration: return "google.protobuf.Duration";
        case Kind::kObject: return v.object_type()->is_list() ? "list" : std::string(v.object_type()->name());
        case Kind::kOptional: return "optional_type";
        case Kind::kError: return "error";
    }
    return "unknown";
}

bool is_list_like(const Value& v) {
    return v.kind() == Kind::kList || (v.kind() == Kind::kObject && v.object_type()->is_list());
}

std::size_t list_size(const Value& v) {
    if (v.kind() == Kind::kList) {
        return v.as_list().size();
    }
    if (v.kind() == Kind::kObject && v.object_type()->is_list()) {
        return v.object_type()->list_size(v.object_ptr());
    }
    return 0;
}

Value list_at(const Value& v, std::size_t i) {
    if (v.kind() == Kind::kList) {
        return v.as_list()[i];
    }
    return v.object_type()->list_at(v.object_ptr(), i);
}

}  // namespace spmis::cel
