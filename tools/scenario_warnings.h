// What the command line says about a scenario on its map: the warnings every run carries (on
// stderr, and into RunResult::warnings for kpis.json and the report) and what `halfhour
// validate` prints (the map's extent, each store's distance to its road and share of demand).
#pragma once

#include <string>
#include <vector>

#include "routing/road_network.h"
#include "scenarios/scenario.h"
#include "sim/model/run_result.h"

// Prints the warnings found on the map (scenarios::map_warnings) on stderr; returns them after
// the scenario's own load warnings (which the loading already printed).
std::vector<std::string> warn_on_map(const scenarios::Scenario& s, const routing::RoadNetwork& net);

// Puts `scenario_warnings` before the run's own in `result` and prints the run's own on stderr.
void add_run_warnings(model::RunResult& result, const std::vector<std::string>& scenario_warnings);

// The report validate and run print on stdout: the road network's extent, each store's distance
// to its nearest street and share of the sampled demand within its radius, the demand lost.
// With `warn` (validate), the warnings of the map and of the demand estimate on stderr; a run
// warns from its own orders instead.
void print_map_report(const scenarios::Scenario& s, const routing::RoadNetwork& net, bool warn);
