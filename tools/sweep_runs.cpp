#include "tools/sweep_runs.h"

#include <fmt/core.h>

#include <unistd.h>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "scenarios/mdrp_scenario.h"
#include "scenarios/scenario.h"
#include "sim/model/kpis.h"
#include "sim/model/mdrp_metrics.h"
#include "sim/model/replications.h"
#include "sim/model/world.h"
#include "sim/output/atomic_folder.h"

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

// The sweep's canonical text: what a resumed database must have been made from.
std::string definition_text(const scenarios::Sweep& s) {
  std::string t = fmt::format(
      "name={}\nbase={}\nseed={}\nreplications={}\nhypercube={}\ncommon_random_numbers={}\n",
      s.name, s.base, s.seed, s.replications, s.hypercube_points, s.common_random_numbers);
  for (const auto& f : s.factors) {
    t += "factor " + f.key + ":";
    for (const auto& v : f.values) t += " " + v;
    t += fmt::format(" [{}, {}]{}\n", f.from, f.to, f.integer ? " integer" : "");
  }
  return t;
}

}  // namespace

SweepPlan plan_sweep(const std::string& path) {
  SweepPlan plan;
  plan.sweep = scenarios::load_sweep(path);
  plan.points = scenarios::sweep_points(plan.sweep);
  plan.mdrp = scenarios::is_mdrp_scenario(plan.sweep.base);
  bool shared = !plan.mdrp;
  for (const auto& f : plan.sweep.factors)
    shared = shared && !f.key.starts_with("network") && !f.key.starts_with("stores");
  if (shared) plan.network = scenarios::load_network(scenarios::load_scenario(plan.sweep.base));
  return plan;
}

std::unique_ptr<output::SweepDb> open_sweep_db(const SweepPlan& plan, const SweepOptions& opt) {
  const std::filesystem::path db_path =
      opt.db.empty() ? "out/" + plan.sweep.name + ".sqlite" : opt.db;
  if (db_path.has_parent_path()) std::filesystem::create_directories(db_path.parent_path());
  std::vector<std::vector<std::pair<std::string, std::string>>> point_sets;
  for (const auto& p : plan.points) {
    auto& sets = point_sets.emplace_back();
    for (const auto& set : p.sets) {
      const auto eq = set.find('=');
      sets.emplace_back(set.substr(0, eq), set.substr(eq + 1));
    }
  }
  return std::make_unique<output::SweepDb>(db_path.string(), definition_text(plan.sweep),
                                           point_sets, opt.resume);
}

std::vector<std::pair<int, int>> missing_runs(const SweepPlan& plan,
                                              const std::set<std::pair<int, int>>& done) {
  std::vector<std::pair<int, int>> todo;
  for (int p = 0; p < static_cast<int>(plan.points.size()); ++p)
    for (int r = 0; r < plan.sweep.replications; ++r)
      if (!done.count({p, r})) todo.emplace_back(p, r);
  return todo;
}

output::SweepRunRecord run_sweep_point(const SweepPlan& plan, int point, int rep) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto seed = scenarios::sweep_run_seed(plan.sweep, point, rep);
  std::vector<std::string> sets = plan.points[point].sets;
  sets.push_back(fmt::format("seed={}", seed));
  std::vector<std::pair<std::string, double>> kpis;
  output::SweepRunRecord stores;  // the record, its per-store rows filled first
  if (plan.mdrp) {
    const scenarios::MdrpScenario s = scenarios::load_mdrp_scenario(plan.sweep.base, sets);
    const auto policy = routing::make_mdrp_policy(s.policy, s.rolling);
    kpis = model::mdrp_kpi_values(
        model::mdrp_metrics(s.instance, model::simulate_mdrp(s.instance, *policy)));
  } else {
    const scenarios::Scenario s = scenarios::load_scenario(plan.sweep.base, sets);
    model::World world(s.world, plan.network ? plan.network : scenarios::load_network(s), 1);
    const model::Kpis k = model::compute_kpis(world.run());
    kpis = model::kpi_values(k);
    output::add_store_rows(k, stores);
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  stores.point = point;
  stores.rep = rep;
  stores.seed = seed;
  stores.wall_seconds = wall;
  stores.command = scenarios::sweep_run_command(plan.sweep, plan.points[point], seed);
  stores.kpis = std::move(kpis);
  return stores;
}

void install_stop_handler() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
}

bool stop_requested() { return g_stop; }

void print_progress(int done, std::size_t total, std::chrono::steady_clock::time_point start) {
  if (!isatty(2)) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "\r{} / {} runs, {:.0f} s, ETA {:.0f} s   ", done, total, elapsed,
             elapsed / done * (static_cast<double>(total) - done));
}

int finish_sweep(const SweepPlan& plan, const SweepOptions& opt, const output::SweepDb& db,
                 std::size_t ran, std::size_t already) {
  if (!opt.quiet && ran > 0 && isatty(2)) fmt::print(stderr, "\n");
  if (!opt.csv.empty()) output::replace_file_atomically(opt.csv, db.csv());
  if (g_stop) {
    fmt::print(stderr, "halfhour: sweep stopped with {} runs recorded; --resume goes on\n",
               ran + already);
    return 130;
  }
  if (!opt.quiet)
    fmt::print("sweep {}: {} runs, {} of them now ({} were done)\n", plan.sweep.name,
               plan.points.size() * static_cast<std::size_t>(plan.sweep.replications), ran,
               already);
  return 0;
}
