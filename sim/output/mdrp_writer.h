// The outputs of MDRP runs: kpis.json with every measure; the three files Grubhub's solution
// evaluator reads (assignments.txt, deliveries.txt, courier_moves.txt, tab-separated, times in
// minutes), so a run can be checked by the library's own tool; couriers.csv with each courier's
// orders, utilisation and pay; and the comparison table of instances by policy.
#pragma once

#include <string>
#include <vector>

#include "sim/model/mdrp_metrics.h"

namespace output {

struct MdrpRunOutput {
  std::string policy;
  std::string parameters;  // the policy's parameters as text, for the record
  const model::MdrpInstance* instance = nullptr;
  model::MdrpRun run;
  model::MdrpMetrics metrics;
};

std::string mdrp_kpis_json(const MdrpRunOutput& out);
std::string mdrp_assignments_txt(const MdrpRunOutput& out);
std::string mdrp_deliveries_txt(const MdrpRunOutput& out);
std::string mdrp_courier_moves_txt(const MdrpRunOutput& out);
std::string mdrp_couriers_csv(const MdrpRunOutput& out);

// One row per run, in the order given: orders, delivered, click-to-door mean and p90, share within
// the target, ready-to-pickup mean, orders per courier-hour, orders per bundle, utilisation,
// compensation per order and share of couriers on the guaranteed minimum.
std::string mdrp_comparison_markdown(const std::vector<MdrpRunOutput>& runs);
std::string mdrp_comparison_csv(const std::vector<MdrpRunOutput>& runs);

// Writes one run's folder `dir` atomically: scenario.yaml (`resolved_yaml`), kpis.json,
// assignments.txt, deliveries.txt, courier_moves.txt and couriers.csv.
void write_mdrp_run(const std::string& dir, const std::string& resolved_yaml,
                    const MdrpRunOutput& run);

// Writes `dir` atomically: comparison.md, comparison.csv and, per run,
// <instance>/<policy>/{kpis.json, assignments.txt, deliveries.txt, courier_moves.txt,
// couriers.csv}. Throws std::runtime_error on an I/O failure.
void write_mdrp_runs(const std::string& dir, const std::vector<MdrpRunOutput>& runs);

}  // namespace output
