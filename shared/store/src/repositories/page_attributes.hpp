#pragma once
// Custom attributes of one page of registrants (any record type with `id` and `attributes`),
// read by a single range query. Internal to the SQLite backend.

#include <utility>
#include <vector>

#include "repositories/backend.hpp"
#include "spmis/model/registrant.hpp"

namespace spmis::store::SPMIS_STORE_NS {

// Fills `attributes` of every record of `page` (sorted by id). One range query per page instead of
// one per registrant; rows of registrants of the other kind inside the range are skipped by the
// merge (both sides are in id order).
template <typename R>
Status attach_page_attributes(Database& db, std::vector<R>& page) {
    if (page.empty()) return {};
    using Attribute = std::pair<Uuid, model::CustomAttribute>;
    SPMIS_ASSIGN_OR_RETURN(auto rows,
                           query<Attribute>(
                               db,
                               "SELECT registrant_id, name, type, value FROM registrant_attributes "
                               "WHERE registrant_id >= ?1 AND registrant_id <= ?2 "
                               "ORDER BY registrant_id, name",
                               [](Row& row) {
                                   Attribute out;
                                   out.first = row.uuid();
                                   out.second.name = row.text();
                                   out.second.type = enumeration<model::AttributeType>(row);
                                   out.second.value = row.text();
                                   return out;
                               },
                               page.front().id, page.back().id));
    std::size_t i = 0;
    for (auto& [id, attribute] : rows) {
        while (i < page.size() && page[i].id.bytes() < id.bytes()) ++i;
        if (i == page.size()) break;
        if (page[i].id.bytes() == id.bytes()) page[i].attributes.push_back(std::move(attribute));
    }
    return {};
}

}  // namespace spmis::store::SPMIS_STORE_NS
