// The outputs of MDRP runs: kpis.json with every measure; the three files the library's evaluator
// (MDRP_code/compute_performance_summary.py in grubhub/mdrplib) reads, under its names and in its
// space-separated layout, times in minutes, so a run can be checked by the library's own tool:
//   solution_info_assignments.txt  assignment_time pickup_time courier order... (one line each)
//   solution_info_orders.txt       order placement_time ready_time pickup_time dropoff_time courier
//   solution_info_couriers.txt     courier departure_time origin destination (origin 0: the
//                                  courier's on-location; an order id: its drop-off)
// couriers.csv with each courier's orders, utilisation and pay; and the comparison table of
// instances by policy.
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
std::string mdrp_orders_txt(const MdrpRunOutput& out);
std::string mdrp_couriers_txt(const MdrpRunOutput& out);
std::string mdrp_couriers_csv(const MdrpRunOutput& out);

// One row per run, in the order given: orders, delivered, click-to-door mean and p90, share within
// the target, ready-to-pickup mean, orders per courier-hour, orders per bundle, utilisation,
// compensation per order and share of couriers on the guaranteed minimum.
std::string mdrp_comparison_markdown(const std::vector<MdrpRunOutput>& runs);
std::string mdrp_comparison_csv(const std::vector<MdrpRunOutput>& runs);

// Writes one run's folder `dir` atomically: scenario.yaml (`resolved_yaml`), kpis.json, the
// three solution_info files and couriers.csv.
void write_mdrp_run(const std::string& dir, const std::string& resolved_yaml,
                    const MdrpRunOutput& run);

// Writes `dir` atomically: comparison.md, comparison.csv and, per run,
// <instance>/<policy>/ with the files of one run but scenario.yaml. Throws std::runtime_error on
// an I/O failure.
void write_mdrp_runs(const std::string& dir, const std::vector<MdrpRunOutput>& runs);

}  // namespace output
