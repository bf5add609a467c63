// The pieces of a sweep that the one-machine and the MPI runners share: the loaded plan, its
// database, the runs still missing, one run, the progress line and the end of a sweep.
#pragma once

#include <chrono>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "routing/road_network.h"
#include "scenarios/sweep.h"
#include "sim/output/sweep_db.h"
#include "tools/sweep_command.h"

struct SweepPlan {
  scenarios::Sweep sweep;
  std::vector<scenarios::SweepPoint> points;
  bool mdrp = false;  // the base is an MDRP scenario (no road network)
  // The base scenario's road network, shared by every run when no factor touches the network or
  // the stores (else each run loads and checks its own).
  std::shared_ptr<const routing::RoadNetwork> network;
};

SweepPlan plan_sweep(const std::string& path);
std::unique_ptr<output::SweepDb> open_sweep_db(const SweepPlan& plan, const SweepOptions& opt);
// (point, rep) not in `done`, in point-then-replication order.
std::vector<std::pair<int, int>> missing_runs(const SweepPlan& plan,
                                              const std::set<std::pair<int, int>>& done);
// Runs replication `rep` of point `point` as a whole simulation on one thread.
output::SweepRunRecord run_sweep_point(const SweepPlan& plan, int point, int rep);

// Ctrl-C (SIGINT) or SIGTERM: no new runs start; those in flight finish and are recorded.
void install_stop_handler();
bool stop_requested();

void print_progress(int done, std::size_t total, std::chrono::steady_clock::time_point start);
// Exports the CSV if asked and says how it ended: 0, or 130 when stopped early.
int finish_sweep(const SweepPlan& plan, const SweepOptions& opt, const output::SweepDb& db,
                 std::size_t ran, std::size_t already);
