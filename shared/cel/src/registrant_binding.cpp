#include "spmis/cel/registrant_binding.hpp"

#include "registrant_types.hpp"
#include "time_util.hpp"

namespace spmis::cel {

RegistrantBinder::RegistrantBinder(Date reference)
    : reference_(reference),
      today_(Value::timestamp(
          {days_from_civil(static_cast<int>(reference.year()), static_cast<unsigned>(reference.month()),
                           static_cast<unsigned>(reference.day())) *
               86400,
           0})),
      individual_type_(std::make_unique<IndividualType>(reference)),
      member_list_type_(std::make_unique<MemberListType>(individual_type_.get())),
      household_type_(std::make_unique<HouseholdType>(member_list_type_.get(), individual_type_.get())) {}

RegistrantBinder::~RegistrantBinder() = default;

Value RegistrantBinder::individual(const IndividualRecord& r) const {
    return Value::object(individual_type_.get(), &r);
}

Value RegistrantBinder::group(const HouseholdRecord& h) const {
    return Value::object(household_type_.get(), &h);
}

CompileOptions group_rule_options(const LogicPack* pack) {
    CompileOptions o;
    o.variables = {"group", "today"};
    o.logic_pack = pack;
    return o;
}

CompileOptions individual_rule_options(const LogicPack* pack) {
    CompileOptions o;
    o.variables = {"individual", "today"};
    o.logic_pack = pack;
    return o;
}

}  // namespace spmis::cel
