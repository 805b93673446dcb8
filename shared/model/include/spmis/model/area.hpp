#pragma once
// Administrative areas: a hierarchy country (level 0) > region (1) > district (2) > ...

#include <optional>
#include <string>

#include "spmis/base/uuid.hpp"

namespace spmis::model {

// One node of the area hierarchy; `code` is unique and what CSV files refer to.
struct Area {
    Uuid id;
    std::string code;
    std::string name;
    int level = 0;
    std::optional<Uuid> parent_id;

    bool operator==(const Area&) const = default;
};

}  // namespace spmis::model
