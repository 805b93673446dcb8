#pragma once
// Arithmetic, ordering, membership and indexing operators on already evaluated operands
// (neither operand is an error).

#include "spmis/cel/value.hpp"

namespace spmis::cel {

Value op_add(const Value& a, const Value& b);
Value op_sub(const Value& a, const Value& b);
Value op_mul(const Value& a, const Value& b);
Value op_div(const Value& a, const Value& b);
Value op_mod(const Value& a, const Value& b);
Value op_neg(const Value& a);
// A number as a double (int, uint or double operand).
double to_double(const Value& v);
// `op` is one of '<', 'l' (<=), '>', 'g' (>=).
Value op_compare(char op, const Value& a, const Value& b);
Value op_in(const Value& elem, const Value& container);
Value op_index(const Value& container, const Value& key);
// container[?key]: optional.of(container[key]), or optional.none() when the key or index is
// absent; an optional container is looked into (none stays none).
Value op_optional_index(const Value& container, const Value& key);

}  // namespace spmis::cel
