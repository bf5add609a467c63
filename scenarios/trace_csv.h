// Replayed demand: a CSV of orders with a header line naming the columns `time`, `lat`, `lon`
// and optionally `items`. `time` is since the scenario start, as HH:MM[:SS] or seconds.
#pragma once

#include <string>
#include <vector>

#include "sim/model/world_config.h"

namespace scenarios {

// Rows sorted stably by time. Throws InputError naming the file, line, column and field of the
// first bad row.
std::vector<model::TraceOrder> read_trace_csv(const std::string& path);

}  // namespace scenarios
