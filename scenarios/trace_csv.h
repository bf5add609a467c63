// Replayed demand: a CSV of orders with a header line naming the columns `time`, `lat`, `lon`
// and optionally `items` (other columns are ignored; no quoting). `time` is since the scenario
// start, as HH:MM:SS or HH:MM (hours may pass 24) or seconds.
#pragma once

#include <string>
#include <vector>

#include "sim/model/world_config.h"

namespace scenarios {

struct TraceRow {
  model::TraceOrder order;
  int line = 0;  // 1-based line in the CSV file
};

// Rows sorted stably by time. Throws InputError naming the file, line, column and column name
// of the first bad row, or a missing header column, or a file without rows.
std::vector<TraceRow> read_trace_rows(const std::string& path);

// The orders alone, as the model takes them.
std::vector<model::TraceOrder> read_trace_csv(const std::string& path);

}  // namespace scenarios
