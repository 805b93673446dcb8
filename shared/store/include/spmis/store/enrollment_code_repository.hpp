#pragma once
// One-time codes that enroll a field device for service points, kept by their hash.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spmis/base/status.hpp"
#include "spmis/base/time.hpp"
#include "spmis/base/uuid.hpp"

namespace spmis::store {

class EnrollmentCodeRepository {
public:
    virtual ~EnrollmentCodeRepository() = default;

    // Stores a one-time enrollment code by its hash.
    virtual Status insert_enrollment_code(const std::string& code_hash,
                                          const std::vector<Uuid>& service_points, UtcTime expires_at,
                                          const std::string& created_by) = 0;
    // Marks a code used and returns its service points; kUnauthenticated when unknown, used or expired.
    virtual Result<std::vector<Uuid>> consume_enrollment_code(const std::string& code_hash, UtcTime now) = 0;
};

}  // namespace spmis::store
