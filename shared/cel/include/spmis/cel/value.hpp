#pragma once
// CEL runtime values: a small tagged value with cheap copies (scalars inline, strings, lists, maps
// and errors shared and immutable). Native registrant structs appear as borrowed objects.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spmis::cel {

enum class Kind : std::uint8_t {
    kNull,
    kBool,
    kInt,
    kUint,
    kDouble,
    kString,
    kBytes,
    kList,
    kMap,
    kType,
    kTimestamp,
    kDuration,
    kObject,
    kOptional,  // optional(T): a value or none (the optional extension)
    kError,
};

// Seconds since the Unix epoch plus nanoseconds in [0, 1e9); valid from year 1 to 9999.
struct Timestamp {
    std::int64_t seconds = 0;
    std::int32_t nanos = 0;
};

// A signed span: seconds and nanoseconds with the same sign, |nanos| < 1e9; |span| <= 10000 years.
struct Duration {
    std::int64_t seconds = 0;
    std::int32_t nanos = 0;
};

class Value;
class ObjectType;
class MapValue;
using ListValue = std::vector<Value>;

// One CEL value. Copies share heap data; values are immutable once built.
class Value {
public:
    Value() = default;
    static Value null() { return {}; }
    static Value boolean(bool b) {
        Value v;
        v.kind_ = Kind::kBool;
        v.s_.b = b;
        return v;
    }
    static Value integer(std::int64_t i) {
        Value v;
        v.kind_ = Kind::kInt;
        v.s_.i = i;
        return v;
    }
    static Value uinteger(std::uint64_t u) {
        Value v;
        v.kind_ = Kind::kUint;
        v.s_.u = u;
        return v;
    }
    static Value dbl(double d) {
        Value v;
        v.kind_ = Kind::kDouble;
        v.s_.d = d;
        return v;
    }
    static Value string(std::string s);
    static Value bytes(std::string b);
    static Value list(ListValue items);
    static Value map(std::shared_ptr<const MapValue> m);
    // A type value named as CEL prints it: "int", "list", "google.protobuf.Timestamp".
    static Value type(std::string name);
    static Value timestamp(Timestamp t);
    static Value duration(Duration d);
    // A borrowed native object: the caller keeps `ptr` alive while the value is in use.
    static Value object(const ObjectType* type, const void* ptr) {
        Value v;
        v.kind_ = Kind::kObject;
        v.s_.o = {type, ptr};
        return v;
    }
    static Value error(std::string message);
    // optional.of(inner) / optional.none().
    static Value optional(Value inner);
    static Value optional_none();

    Kind kind() const { return kind_; }
    bool is_error() const { return kind_ == Kind::kError; }
    bool as_bool() const { return s_.b; }
    std::int64_t as_int() const { return s_.i; }
    std::uint64_t as_uint() const { return s_.u; }
    double as_double() const { return s_.d; }
    const std::string& as_string() const { return *static_cast<const std::string*>(heap_.get()); }
    const ListValue& as_list() const { return *static_cast<const ListValue*>(heap_.get()); }
    const MapValue& as_map() const { return *static_cast<const MapValue*>(heap_.get()); }
    // Message of an error value, or name of a type value.
    const std::string& message() const { return as_string(); }
    Timestamp as_timestamp() const { return {s_.t.seconds, s_.t.nanos}; }
    Duration as_duration() const { return {s_.t.seconds, s_.t.nanos}; }
    const ObjectType* object_type() const { return s_.o.type; }
    const void* object_ptr() const { return s_.o.ptr; }
    // The value held by an optional, or nullptr when it is none.
    const Value* optional_value() const { return static_cast<const Value*>(heap_.get()); }

private:
    struct TimeBits {
        std::int64_t seconds;
        std::int32_t nanos;
    };
    struct ObjectBits {
        const ObjectType* type;
        const void* ptr;
    };
    union Scalar {
        bool b;
        std::int64_t i;
        std::uint64_t u;
        double d;
        TimeBits t;
        ObjectBits o;
    };
    Kind kind_ = Kind::kNull;
    Scalar s_{};
    std::shared_ptr<const void> heap_;
};

// A native type exposed to rules: named fields read straight from a C++ struct, and optionally
// list behaviour (size / element) so native collections need no copying. Implementations are
// stateless singletons, safe to share between threads.
class ObjectType {
public:
    // list_like: objects of this type behave as lists (list_size / list_at).
    explicit ObjectType(bool list_like = false);
    virtual ~ObjectType() = default;
    ObjectType(const ObjectType&) = delete;
    ObjectType& operator=(const ObjectType&) = delete;
    // Process-unique small id, used by per-node field caches.
    std::uint32_t id() const { return id_; }
    // CEL type name, e.g. "spmis.Individual".
    virtual std::string_view name() const = 0;
    // Index of a field, or -1 when the type has no such field.
    virtual int field_index(std::string_view field) const = 0;
    // Value of field `index` (from field_index) of the object at `ptr`.
    virtual Value field(const void* ptr, int index) const = 0;
    // Whether the field is set (for has()); defaults to "present".
    virtual bool has_field(const void* ptr, int index) const;
    // True when objects of this type behave as lists (fixed at construction; not virtual
    // because every field selection asks).
    bool is_list() const { return is_list_; }
    virtual std::size_t list_size(const void* ptr) const;
    virtual Value list_at(const void* ptr, std::size_t i) const;

private:
    std::uint32_t id_;
    bool is_list_;
};

// Name of a value's CEL type ("int", "map", "google.protobuf.Duration", ...).
std::string type_name(const Value& v);

// CEL equality (heterogeneous numbers compare by value; different kinds are unequal). Errors are
// not handled here: callers check operands first.
bool values_equal(const Value& a, const Value& b);

// Ordering for <, <=, >, >=: -1, 0, 1, or 2 when unordered (NaN), 3 when no overload exists.
int compare_values(const Value& a, const Value& b);

// Element count of a list (or a native list object); 0 for other kinds.
std::size_t list_size(const Value& v);
// Element i of a list value or native list object (caller checks bounds).
Value list_at(const Value& v, std::size_t i);
// True for lists and native list objects.
bool is_list_like(const Value& v);

}  // namespace spmis::cel
