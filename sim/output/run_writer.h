// Writes a run's outputs into one folder atomically: everything goes to a temporary sibling
// folder that is renamed into place at the end, so an aborted run leaves nothing half-written.
//   scenario.yaml   the resolved scenario (as given by the caller)
//   kpis.json       model::Kpis, plus the scenario name, seed and warnings; "stores" (per store,
//   each
//                   with its "hours") and "hours" (per hour of the day); a share with nothing
//                   to divide is null
//   orders.csv      one row per order, every timestamp; with drones, a cold chain or store stock
//                   also its mode, drone, weight, stock, energy, cost and cold-chain columns
//   timeseries.csv  one row per sample (every 5 simulated minutes by default), the city's rows
//                   (store "city") then each store's; with drones also the drones airborne and
//                   the hubs grounded by weather
//   sensors.csv     cold-chain sensor readings and alerts (only when the run had sensors)
//   drones.csv      one row per drone (only when the run had drones)
//   stock.csv       one row per store and SKU group (only when some store kept stock)
//   report.html     a self-contained page with inline SVG charts
// kpis.json has "drones", "cold_chain", "stock" and "cost" objects only when the run had those
// operations (model::Kpis::has_drones, has_cold_chain, has_stock, has_cost).
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
  // More files for the run's folder, written with the others: (name, bytes).
  std::vector<std::pair<std::string, std::string>> extra_files = {};
};

// Replaces `dir` if it exists. Throws std::runtime_error on an I/O failure, after removing the
// temporary folder.
void write_run(const std::string& dir, const RunInfo& info, const model::RunResult& result,
               const model::Kpis& kpis, const routing::RoadNetwork& network);

// Replications of one scenario: run k in `dir`/rep-<k>/ with seed seeds[k], and every KPI's
// mean, sd and 95% interval, the city's and each store's, in `dir`/replications.json. Atomic
// like write_run.
void write_replications(const std::string& dir, const RunInfo& info,
                        const std::vector<std::uint64_t>& seeds,
                        const std::vector<model::RunResult>& results,
                        const std::vector<model::Kpis>& kpis,
                        const std::vector<model::KpiInterval>& intervals,
                        const routing::RoadNetwork& network);

// The individual files, for tests and other writers.
// replications.json: every KPI's interval under "kpis", each store's under "stores"/<id>; n is
// the number of runs in which the KPI had a value (a share can be n/a in some).
std::string replications_json(const std::string& name, const std::vector<std::uint64_t>& seeds,
                              const std::vector<model::KpiInterval>& intervals,
                              const std::vector<model::StoreIntervals>& stores = {});
// `warnings` (RunResult::warnings) go first, under "warnings", so that no figure is read
// without them.
std::string kpis_json(const RunInfo& info, const model::Kpis& kpis,
                      const std::vector<std::string>& warnings = {});
std::string orders_csv(const model::RunResult& result);
std::string timeseries_csv(const model::RunResult& result);
std::string sensors_csv(const model::RunResult& result);
std::string drones_csv(const model::RunResult& result);
std::string stock_csv(const model::RunResult& result);

// Whether the run had drones, a cold chain or store stock: then orders.csv has the extra columns.
bool has_operations(const model::RunResult& result);

}  // namespace output
