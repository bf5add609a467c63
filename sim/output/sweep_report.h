// The report of a sweep: one self-contained HTML page with, for each factor and each KPI, the
// KPI's mean against the factor's values and its 95% confidence band (Student t over every run
// at that value, whatever the other factors).
#pragma once

#include <string>

#include "sim/output/sweep_db.h"

namespace output {

std::string sweep_report_html(const SweepDb& db);

}  // namespace output
