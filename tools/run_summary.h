// The KPI summary `halfhour run` prints when it is done.
#pragma once

#include <string>

#include "scenarios/scenario.h"
#include "sim/model/kpis.h"

// Shares and times with nothing to divide by (no delivery) print as n/a, never as 0.
void print_run_summary(const scenarios::Scenario& s, const model::Kpis& k, const std::string& dir);
