#pragma once
// Exposes registrant records to rules as `individual`, `group` and `today` without copying them
// into maps: field selections read the C++ struct directly. Every field is documented in
// shared/cel/README.md.

#include <memory>
#include <vector>

#include "spmis/base/time.hpp"
#include "spmis/cel/logic_pack.hpp"
#include "spmis/cel/program.hpp"
#include "spmis/cel/registrant.hpp"

namespace spmis::cel {

class IndividualType;
class HouseholdType;
class MemberListType;

// Binds records for one reference date (ages are whole years at that date). Immutable after
// construction and safe to share between threads. Records must outlive the values made here.
class RegistrantBinder {
public:
    explicit RegistrantBinder(Date reference);
    ~RegistrantBinder();
    RegistrantBinder(const RegistrantBinder&) = delete;
    RegistrantBinder& operator=(const RegistrantBinder&) = delete;

    Value individual(const IndividualRecord& r) const;
    Value group(const HouseholdRecord& h) const;
    // Midnight UTC of the reference date, the value of `today`.
    Value today() const { return today_; }
    Date reference() const { return reference_; }

private:
    Date reference_;
    Value today_;
    std::unique_ptr<IndividualType> individual_type_;
    std::unique_ptr<MemberListType> member_list_type_;
    std::unique_ptr<HouseholdType> household_type_;
};

// Compile options for a rule over households: variables `group` and `today`, plus `variables`
// from the pack (nullptr: none).
CompileOptions group_rule_options(const LogicPack* pack = &LogicPack::standard_household());
// Compile options for a rule over individuals: variables `individual` and `today`.
CompileOptions individual_rule_options(const LogicPack* pack = &LogicPack::standard_household());

}  // namespace spmis::cel
