// Writes a run's outputs into one folder atomically: everything goes to a temporary sibling
// folder that is renamed into place at the end, so an aborted run leaves nothing half-written.
//   scenario.yaml   the resolved scenario (as given by the caller)
//   kpis.json       model::Kpis, plus the scenario name and seed
//   orders.csv      one row per order, every timestamp
//   timeseries.csv  one row per sample (every 5 simulated minutes by default)
//   report.html     a self-contained page with inline SVG charts
#pragma once

#include <string>
#include <vector>

#include "routing/road_network.h"
#include "sim/model/kpis.h"
#include "sim/model/replications.h"
#include "sim/model/run_result.h"

namespace output {

struct RunInfo {
  std::string name;
  std::uint64_t seed = 0;
  std::string resolved_yaml;
};

// Replaces `dir` if it exists. Throws std::runtime_error on an I/O failure, after removing the
// temporary folder.
void write_run(const std::string& dir, const RunInfo& info, const model::RunResult& result,
               const model::Kpis& kpis, const routing::RoadNetwork& network);

// Replications of one scenario: run k in `dir`/rep-<k>/ with seed seeds[k], and every KPI's
// mean, sd and 95% interval in `dir`/replications.json. Atomic like write_run.
void write_replications(const std::string& dir, const RunInfo& info,
                        const std::vector<std::uint64_t>& seeds,
                        const std::vector<model::RunResult>& results,
                        const std::vector<model::Kpis>& kpis,
                        const std::vector<model::KpiInterval>& intervals,
                        const routing::RoadNetwork& network);

// The individual files, for tests and other writers.
std::string replications_json(const std::string& name, const std::vector<std::uint64_t>& seeds,
                              const std::vector<model::KpiInterval>& intervals);
std::string kpis_json(const RunInfo& info, const model::Kpis& kpis);
std::string orders_csv(const model::RunResult& result);
std::string timeseries_csv(const model::RunResult& result);

}  // namespace output
