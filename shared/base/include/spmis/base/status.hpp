#pragma once
// Status and Result<T>: how every fallible call in spmis reports failure. No exceptions cross a
// component boundary; libraries that throw are caught in their adapter and converted here.

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "spmis/base/error_code.hpp"

namespace spmis {

// An error code plus a human message; ok() when code is kOk. Cheap to copy when ok.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

    static Status ok_status() { return {}; }
    bool ok() const { return code_ == ErrorCode::kOk; }
    ErrorCode code() const { return code_; }
    const std::string& message() const { return message_; }
    // "not_found: registrant 0190... does not exist"
    std::string to_string() const;

private:
    ErrorCode code_ = ErrorCode::kOk;
    std::string message_;
};

inline Status make_error(ErrorCode code, std::string message) { return {code, std::move(message)}; }

// A value or an error Status. Accessing value() of an error is a programming error (asserts).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : data_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
    Result(Status status) : data_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(data_); }
    const T& value() const& { return std::get<T>(data_); }
    T& value() & { return std::get<T>(data_); }
    T&& value() && { return std::get<T>(std::move(data_)); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }
    // The error, or an ok Status when a value is held.
    Status status() const { return ok() ? Status{} : std::get<Status>(data_); }

private:
    std::variant<T, Status> data_;
};

}  // namespace spmis

// Propagates a failed Status from the current function.
#define SPMIS_RETURN_IF_ERROR(expr)             \
    do {                                        \
        ::spmis::Status spmis_status_ = (expr); \
        if (!spmis_status_.ok()) {              \
            return spmis_status_;               \
        }                                       \
    } while (false)

#define SPMIS_CONCAT_INNER(a, b) a##b
#define SPMIS_CONCAT(a, b) SPMIS_CONCAT_INNER(a, b)
#define SPMIS_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
    auto tmp = (expr);                              \
    if (!tmp.ok()) {                                \
        return tmp.status();                        \
    }                                               \
    lhs = std::move(tmp).value()

// Declares or assigns lhs from a Result, returning its error from the current function.
#define SPMIS_ASSIGN_OR_RETURN(lhs, expr) \
    SPMIS_ASSIGN_OR_RETURN_IMPL(SPMIS_CONCAT(spmis_result_, __LINE__), lhs, expr)
