#pragma once
// The native object types behind `individual`, `group` and `group.members`.

#include <mutex>
#include <string>
#include <vector>

#include "spmis/cel/registrant.hpp"

namespace spmis::cel {

// Custom attribute names seen by a type, interned so each gets a stable field index.
class CustomFieldNames {
public:
    // Index of `name`, adding it when new.
    int intern(std::string_view name);
    std::string name(int index) const;

private:
    mutable std::mutex mu_;
    std::vector<std::string> names_;
};

class IndividualType final : public ObjectType {
public:
    explicit IndividualType(Date reference);
    std::string_view name() const override { return "spmis.Individual"; }
    int field_index(std::string_view field) const override;
    Value field(const void* ptr, int index) const override;
    bool has_field(const void* ptr, int index) const override;
    // Whole years at the reference date (a birthday on that date counts).
    std::int64_t age_of(const IndividualRecord& r) const;

private:
    int ref_year_;
    unsigned ref_month_;
    unsigned ref_day_;
    mutable CustomFieldNames custom_;
};

class MemberListType final : public ObjectType {
public:
    explicit MemberListType(const IndividualType* element) : ObjectType(true), element_(element) {}
    std::string_view name() const override { return "list"; }
    int field_index(std::string_view /*field*/) const override { return -1; }
    Value field(const void* /*ptr*/, int /*index*/) const override { return Value::error("no such field"); }
    std::size_t list_size(const void* ptr) const override;
    Value list_at(const void* ptr, std::size_t i) const override;

private:
    const IndividualType* element_;
};

class HouseholdType final : public ObjectType {
public:
    HouseholdType(const MemberListType* members, const IndividualType* individual)
        : members_(members), individual_(individual) {}
    std::string_view name() const override { return "spmis.Household"; }
    int field_index(std::string_view field) const override;
    Value field(const void* ptr, int index) const override;
    bool has_field(const void* ptr, int index) const override;

private:
    const MemberListType* members_;
    const IndividualType* individual_;
    mutable CustomFieldNames custom_;
};

// Shared helpers for both record types.
Value string_list(const std::vector<std::string>& items);
const Value* find_custom(const std::vector<CustomAttribute>& custom, std::string_view name);

}  // namespace spmis::cel
