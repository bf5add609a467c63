// Warnings a run's own orders raise, for the user to see next to its KPIs (kpis.json `warnings`,
// the top of the report, stderr).
#pragma once

#include <string>
#include <vector>

#include "sim/model/run_result.h"

namespace model {

// Above this share of the placed orders lost before any store took them (outside every store's
// radius or unreachable from every store in reach), the run warns: the stores do not sit where
// the demand is.
inline constexpr double kLostOrdersWarnShare = 0.05;

// One line per finding: today, orders lost before reaching a store above kLostOrdersWarnShare.
std::vector<std::string> outcome_warnings(const RunResult& r);

}  // namespace model
