// The halfhour command line: run, validate and bench a scenario, and the other commands' wiring.
// All logic lives in the libraries; this file parses arguments, wires the stages together and maps
// errors to exit codes (0 success, 2 bad input, 1 internal error).
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <thread>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "routing/road_network.h"
#include "scenarios/mdrp_scenario.h"
#include "scenarios/scenario.h"
#include "scenarios/units.h"
#include "sim/engine/parallel_for.h"
#include "sim/model/kpis.h"
#include "sim/model/replications.h"
#include "sim/model/world.h"
#include "sim/output/geojson.h"
#include "sim/output/run_writer.h"
#include "sim/output/sweep_db.h"
#include "sim/output/twin_file.h"
#include "tools/checkpoint_command.h"
#include "tools/feed_command.h"
#include "tools/isochrones_command.h"
#include "tools/mdrp_command.h"
#include "tools/routing_bench.h"
#include "tools/run_options.h"
#include "tools/run_summary.h"
#include "tools/scenario_warnings.h"
#include "tools/sweep_command.h"
#include "tools/twin_command.h"
#include "tools/view_command.h"
#include "tools/whatif_command.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// halfhour run on an MDRP scenario: one deterministic day, nothing to record for the twin.
int cmd_run_mdrp(const RunOptions& opt) {
  if (opt.replications > 1)
    throw scenarios::InputError({"(command line)", 0, 0}, "--replications",
                                "1 for an MDRP scenario (its day has no randomness)",
                                std::to_string(opt.replications));
  if (opt.record_twin || opt.geo)
    throw scenarios::InputError({"(command line)", 0, 0},
                                opt.record_twin ? "--record-twin" : "--geo",
                                "a scenario with a road map", "an MDRP scenario");
  return run_mdrp_scenario(opt.scenario, overrides_of(opt), opt.quiet);
}

std::string clock_of_day(sim::Time tod) {
  const auto minutes = (tod / sim::kMinute) % (24 * 60);
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

// A one-line progress bar on stderr, shown only on a terminal and only once a run has taken
// more than a second.
class ProgressBar {
 public:
  ProgressBar(const model::WorldConfig& w, bool enabled)
      : start_tod_(w.start_tod), duration_(w.duration), enabled_(enabled && isatty(2)) {}
  void update(sim::Time now, std::uint32_t placed, std::uint32_t resolved) {
    if (!enabled_) return;
    const double elapsed = seconds_since(t0_);
    if (elapsed < 1.0 || elapsed - last_ < 0.1) return;
    last_ = elapsed;
    const double frac = std::min(1.0, static_cast<double>(now) / duration_);
    const double eta = frac > 0 ? elapsed * (1 - frac) / frac : 0;
    fmt::print(
        stderr, "\r[{}] {:3.0f}%  {} orders placed, {} done, {:.0f} orders/s, ETA {:.0f}s   ",
        clock_of_day(start_tod_ + now), frac * 100, placed, resolved, resolved / elapsed, eta);
    shown_ = true;
  }
  ~ProgressBar() {
    if (shown_) fmt::print(stderr, "\r{:80}\r", "");
  }

 private:
  sim::Time start_tod_, duration_;
  bool enabled_;
  bool shown_ = false;
  double last_ = 0;
  std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now();
};

int cmd_run(const RunOptions& opt) {
  const scenarios::Scenario s = load_map_scenario(opt);
  const auto network = load_network_reported(s);
  const std::vector<std::string> warnings = warn_on_map(s, *network);
  if (!opt.quiet) print_map_report(s, *network, /*warn=*/false);
  sim::Time period = 0;
  const bool frames = opt.record_twin || opt.geo;  // map.geojson's trips come from the frames
  if (frames) {
    const auto p = scenarios::parse_duration(opt.twin_period);
    if (!p || *p < sim::kSecond || *p > sim::kHour)
      bad_option("--twin-period", "a duration from 1s to 1h", opt.twin_period);
    period = *p;
  }
  model::World world(s.world, network, opt.threads);
  // The twin is recorded between engine windows: a window per period puts a frame at most a
  // window after each multiple of it.
  if (frames) world.set_window(period);
  output::TwinRecorder recorder(world, period);
  model::RunResult result;
  {
    ProgressBar bar(s.world, !opt.quiet);
    const auto tick = [&](sim::Time now, std::uint32_t placed, std::uint32_t resolved) {
      bar.update(now, placed, resolved);
      if (frames) recorder.on_window(now);
    };
    if (!opt.checkpoint_at.empty())
      run_to_checkpoint(world, opt.checkpoint_at,
                        checkpoint_identity(opt.scenario, opt.sets, opt.seed), opt.quiet, tick);
    result = world.run(tick);
  }
  add_run_warnings(result, warnings);
  const model::Kpis kpis = model::compute_kpis(result);
  const std::string dir = s.output_dir + "/" + s.name;
  output::RunInfo info{s.name, s.world.seed, s.resolved_yaml};
  if (opt.record_twin)
    info.extra_files.emplace_back("twin.bin", output::twin_bytes(recorder.frames()));
  if (opt.geo)
    info.extra_files.emplace_back("map.geojson",
                                  output::run_geojson(s.world, result, recorder.frames()));
  output::write_run(dir, info, result, kpis, *network);
  if (!opt.quiet) print_run_summary(s, kpis, dir);
  return 0;
}

// One line per KPI: its mean, sd and 95% interval, n/a where it had no value in any run; each
// line starts with `prefix` (a store's id), so that grep finds a store's figure in one line.
void print_intervals(const std::string& prefix, const std::vector<model::KpiInterval>& intervals) {
  fmt::print("  {:<40} {:>12} {:>12}   {}\n", "kpi", "mean", "sd", "95% interval");
  for (const auto& c : intervals) {
    if (std::isnan(c.mean)) {
      fmt::print("  {:<40} {:>12} {:>12}   n/a\n", prefix + c.name, "n/a", "n/a");
      continue;
    }
    fmt::print("  {:<40} {:>12.4f} {:>12.4f}   [{:.4f}, {:.4f}]\n", prefix + c.name, c.mean, c.sd,
               c.mean - c.half_width, c.mean + c.half_width);
  }
}

// R replications as whole simulations side by side, one thread each; every one is written to
// DIR/<name>/rep-<k>/ and the table of means and 95% intervals to DIR/<name>/replications.json.
int cmd_replications(const RunOptions& opt) {
  const scenarios::Scenario s = load_map_scenario(opt);
  const auto network = load_network_reported(s);
  const std::vector<std::string> warnings = warn_on_map(s, *network);
  const int r = opt.replications;
  std::vector<model::RunResult> results(r);
  std::vector<model::Kpis> kpis(r);
  sim::parallel_for_each(static_cast<std::size_t>(r), opt.threads, [&](std::size_t k) {
    model::WorldConfig w = s.world;
    w.seed = model::replication_seed(s.world.seed, static_cast<int>(k));
    model::World world(std::move(w), network, 1);
    results[k] = world.run();
    results[k].warnings.insert(results[k].warnings.begin(), warnings.begin(), warnings.end());
    kpis[k] = model::compute_kpis(results[k]);
  });
  const auto intervals = model::replication_intervals(kpis);

  std::vector<std::uint64_t> seeds;
  for (int k = 0; k < r; ++k) seeds.push_back(model::replication_seed(s.world.seed, k));
  const std::string dir = s.output_dir + "/" + s.name;
  output::write_replications(dir, {s.name, s.world.seed, s.resolved_yaml}, seeds, results, kpis,
                             intervals, *network);
  if (!opt.quiet) {
    fmt::print("halfhour: {}, {} replications (seeds {}..{})\n", s.name, r, s.world.seed,
               model::replication_seed(s.world.seed, r - 1));
    print_intervals("", intervals);
    for (const auto& store : model::store_intervals(kpis)) {
      fmt::print("store {}\n", store.store);
      print_intervals(store.store + " ", store.intervals);
    }
    fmt::print("runs: {}/rep-<k>/, summary: {}/replications.json\n", dir, dir);
  }
  return 0;
}

int cmd_validate(const RunOptions& opt) {
  if (scenarios::is_mdrp_scenario(opt.scenario))
    return validate_mdrp_scenario(opt.scenario, overrides_of(opt));
  const scenarios::Scenario s = load_map_scenario(opt);
  const auto network = load_network_reported(s);
  int riders = 0;
  for (const auto& g : s.world.riders) riders += g.count;
  fmt::print("{}: ok ({}: {} stores, {} riders, road network of {} nodes and {} edges)\n",
             opt.scenario, s.name, s.world.stores.size(), riders, network->node_count(),
             network->edge_count());
  print_map_report(s, *network, /*warn=*/true);
  return 0;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

int cmd_bench_city(const RunOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  const scenarios::Scenario s = load_map_scenario(opt);
  const auto network = load_network_reported(s);
  const double load_s = seconds_since(t0);
  const auto t1 = std::chrono::steady_clock::now();
  model::World world(s.world, network, opt.threads);
  const double build_s = seconds_since(t1);
  model::RunResult result = world.run();
  const model::Kpis kpis = model::compute_kpis(result);
  fmt::print(
      "{{\"benchmark\": \"city\", \"scenario\": \"{}\", \"orders\": {}, \"events\": {}, "
      "\"load_seconds\": {:.3f}, \"build_seconds\": {:.3f}, \"sim_seconds\": {:.3f}, "
      "\"wall_seconds\": {:.3f}, \"events_per_second\": {:.0f}, \"peak_rss_mb\": {:.1f}, "
      "\"threads\": {}, \"policy\": \"{}\", \"routing_seconds\": {:.3f}, "
      "\"global_dispatch_seconds\": {:.3f}, \"riders_lent\": {}, \"riders_repositioned\": {}, "
      "\"on_time_share\": {}}}\n",
      s.name, kpis.orders_placed, kpis.events, load_s, build_s, result.wall_seconds,
      seconds_since(t0), kpis.events_per_second, peak_rss_mb(),
      opt.threads > 0 ? opt.threads : static_cast<int>(std::thread::hardware_concurrency()),
      s.world.dispatch.policy, result.routing_seconds, result.global_dispatch_seconds,
      result.riders_lent, result.riders_repositioned,
      std::isnan(kpis.on_time_share) ? std::string("null")
                                     : fmt::format("{:.4f}", kpis.on_time_share));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"halfhour: instant-retail logistics simulator with a digital twin"};
  app.set_version_flag("--version", std::string("halfhour ") + model::halfhour_version());
  app.require_subcommand(1);
  RunOptions opt;

  auto* run = app.add_subcommand(
      "run", "Simulate a scenario and write KPIs, orders, time series and a report");
  add_scenario_options(run, opt);
  run->add_option("--out", opt.out, "Output root folder (the run goes to OUT/<name>/)");
  run->add_flag("--quiet,-q", opt.quiet, "Print nothing on success");
  run->add_flag("--record-twin", opt.record_twin,
                "Also save what the visual twin shows (twin.bin) for halfhour replay");
  run->add_option("--twin-period", opt.twin_period,
                  "Simulated time between the twin's saved frames (1s to 1h)");
  run->add_flag("--geo", opt.geo,
                "Also write map.geojson: orders, stores, service areas and rider trips "
                "(one position per --twin-period) for QGIS or kepler.gl");
  run->add_option(
         "--replications", opt.replications,
         "Run R seeds (seed, seed+1, ...) side by side and report each KPI's mean and 95% interval")
      ->check(CLI::Range(1, 10000));
  run->add_option("--checkpoint-at", opt.checkpoint_at,
                  "TIME FILE: at TIME (HH:MM, or a duration since the start like 2h) write the "
                  "world's state to FILE for halfhour resume, then carry on")
      ->expected(2);

  ResumeOptions resume_opt;
  auto* resume = add_resume_command(app, resume_opt);

  auto* validate =
      app.add_subcommand("validate", "Check a scenario and its map without running it");
  add_scenario_options(validate, opt);

  ViewCommands view_cmds;
  add_view_commands(app, opt, view_cmds);

  SweepOptions sweep_opt;
  auto* sweep = app.add_subcommand(
      "sweep", "Run a parameter sweep (factors x replications) into an SQLite database");
  sweep->add_option("sweep", sweep_opt.sweep,
                    "Sweep YAML file (or a sweep's database, with --csv)");
  sweep->add_option("--db", sweep_opt.db, "The database (default out/<name>.sqlite)");
  sweep->add_option("--jobs", sweep_opt.jobs, "Runs at once (default: every core)")
      ->check(CLI::Range(0, 4096));
  sweep->add_flag("--resume", sweep_opt.resume, "Run only what the database is missing");
  sweep->add_option("--only", sweep_opt.only,
                    "point=P,rep=R: that run alone, with the command that repeats it");
  sweep->add_option("--summary", sweep_opt.summary_db,
                    "Print a database's points with each KPI's mean and 95% interval");
  sweep->add_option("--csv", sweep_opt.csv,
                    "Export every run's KPIs to this CSV (with a sweep, --summary or --report; "
                    "or alone with a database: sweep --csv F DB)");
  sweep->add_option("--report", sweep_opt.report_db,
                    "Write DB.html: each KPI against each factor with 95% bands");
  sweep->add_flag("--quiet,-q", sweep_opt.quiet, "Print nothing on success");

  MdrpOptions mdrp_opt;
  auto* mdrp = app.add_subcommand(
      "mdrp",
      "Run Meal Delivery Routing Problem instances (Grubhub's library) with each policy and "
      "print a comparison table");
  mdrp->add_option("path", mdrp_opt.path, "An instance folder, or a folder of instance folders")
      ->required();
  mdrp->add_option("--policy", mdrp_opt.policies,
                   "A policy to run (repeatable): nearest_idle, rolling_horizon (default: both)");
  mdrp->add_option("--out", mdrp_opt.out,
                   "Also write every run's measures and evaluator files to this folder");
  mdrp->add_option("--jobs", mdrp_opt.jobs, "Runs at once (default: every core)")
      ->check(CLI::Range(0, 4096));
  mdrp->add_flag("--csv", mdrp_opt.csv, "Print the table as CSV");
  mdrp->add_option("--epoch", mdrp_opt.epoch_min, "rolling_horizon: minutes between epochs");
  mdrp->add_option("--horizon", mdrp_opt.horizon_min,
                   "rolling_horizon: consider orders ready within this many minutes");
  mdrp->add_option("--ready-gap", mdrp_opt.ready_gap_min,
                   "rolling_horizon: bundle orders ready within this many minutes of each other");
  mdrp->add_option("--max-bundle", mdrp_opt.max_bundle, "rolling_horizon: most orders a bundle");
  mdrp->add_flag("--quiet,-q", mdrp_opt.quiet, "Print nothing on success");

  auto* import = app.add_subcommand("import", "Turn other formats into halfhour scenarios");
  import->require_subcommand(1);
  std::string import_dir, import_out;
  auto* import_mdrp_cmd = import->add_subcommand(
      "mdrp", "Write a scenario for an MDRP instance folder (then: halfhour run FILE)");
  import_mdrp_cmd->add_option("folder", import_dir, "The instance folder")->required();
  import_mdrp_cmd->add_option("-o,--output", import_out, "The scenario YAML to write")->required();
  import_mdrp_cmd->add_flag("--quiet,-q", opt.quiet, "Print nothing on success");

  auto* bench = app.add_subcommand("bench", "Benchmarks; prints JSON");
  bench->require_subcommand(1);
  auto* bench_city =
      bench->add_subcommand("city", "Wall time, events per second and peak memory of a run");
  add_scenario_options(bench_city, opt);
  CheckpointBenchOptions ckpt_opt;
  auto* bench_ckpt = bench->add_subcommand(
      "checkpoint", "Copying, forking, writing and reading a world's state at a time of day");
  add_scenario_options(bench_ckpt, opt);
  bench_ckpt->add_option("--at", ckpt_opt.at, "The time of day (HH:MM) or since the start (2h)");
  bench_ckpt->add_option("--repeat", ckpt_opt.repeat, "Repetitions; the figures are medians")
      ->check(CLI::Range(1, 1000));
  add_frames_bench(*bench, opt, view_cmds);
  RoutingBenchOptions routing_opt;
  auto* bench_routing = bench->add_subcommand(
      "routing", "Contraction hierarchy preprocessing and query times against Dijkstra");
  bench_routing
      ->add_option("map", routing_opt.map, "Map file (.osm.pbf, .osm, .gr, .gr.xz) or grid:RxC")
      ->required();
  bench_routing->add_option("--pairs", routing_opt.pairs, "Random query pairs")
      ->check(CLI::Range(1, 1000000));
  bench_routing
      ->add_option("--dijkstra-pairs", routing_opt.dijkstra_pairs,
                   "How many of the pairs Dijkstra also answers")
      ->check(CLI::Range(1, 1000000));
  bench_routing->add_option("--threads", routing_opt.threads, "Preprocessing threads (0: all)")
      ->check(CLI::Range(0, 1024));
  bench_routing->add_option("--seed", routing_opt.seed, "Seed of the random pairs");
  bench_routing
      ->add_option("--repeat", routing_opt.repeat,
                   "Passes over the pairs; CH figures are the median pass")
      ->check(CLI::Range(1, 1000));

  WhatIfOptions whatif_opt;
  const WhatIfCommands whatif = add_whatif_commands(app, *bench, whatif_opt);
  TwinOptions twin_opt;
  auto* twin = add_twin_command(app, twin_opt);
  FeedCommandOptions feed_opt;
  auto* feed = add_feed_command(app, feed_opt);
  IsochroneOptions iso_opt;
  auto* isochrones = add_isochrones_command(app, iso_opt);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  try {
    if (*run && !opt.checkpoint_at.empty() &&
        (opt.replications > 1 || scenarios::is_mdrp_scenario(opt.scenario)))
      throw scenarios::InputError({"(command line)", 0, 0}, "--checkpoint-at",
                                  "a single run of a scenario with a road map", "");
    if (*run && opt.geo && opt.replications > 1)
      throw scenarios::InputError({"(command line)", 0, 0}, "--geo", "a single run",
                                  fmt::format("--replications {}", opt.replications));
    if (*run && scenarios::is_mdrp_scenario(opt.scenario)) return cmd_run_mdrp(opt);
    if (*run) return opt.replications > 1 ? cmd_replications(opt) : cmd_run(opt);
    if (*resume) return cmd_resume(resume_opt, print_run_summary);
    if (*validate) return cmd_validate(opt);
    if (const int rc = run_view_commands(opt, view_cmds); rc >= 0) return rc;
    if (*sweep) {
      if ((sweep_opt.sweep.empty() ? 0 : 1) + (sweep_opt.summary_db.empty() ? 0 : 1) +
              (sweep_opt.report_db.empty() ? 0 : 1) !=
          1)
        throw scenarios::InputError({"(command line)", 0, 0}, "sweep",
                                    "one of: a sweep file, --summary DB, --report DB", "");
      return run_sweep_command(sweep_opt);
    }
    if (*mdrp) return run_mdrp_command(mdrp_opt);
    if (*import_mdrp_cmd) return import_mdrp(import_dir, import_out, opt.quiet);
    if (*bench_city) return cmd_bench_city(opt);
    if (*bench_routing) return run_routing_bench(routing_opt);
    if (*whatif.whatif) return run_whatif_command(whatif_opt);
    if (*whatif.bench) return run_whatif_bench(whatif_opt);
    if (*twin) return run_twin_command(twin_opt);
    if (*feed) return run_feed_command(feed_opt);
    if (*isochrones) return run_isochrones_command(iso_opt);
    if (*bench_ckpt) {
      ckpt_opt.scenario = opt.scenario;
      ckpt_opt.sets = opt.sets;
      ckpt_opt.seed = opt.seed;
      ckpt_opt.threads = opt.threads;
      return cmd_bench_checkpoint(ckpt_opt);
    }
  } catch (const scenarios::InputError& e) {
    fmt::print(stderr, "halfhour: error: {}\n", e.what());
    return 2;
  } catch (const output::SweepDbError& e) {
    fmt::print(stderr, "halfhour: error: {}\n", e.what());
    return 2;
  } catch (const output::TwinFileError& e) {
    fmt::print(stderr, "halfhour: error: {}\n", e.what());
    return 2;
  } catch (const model::CheckpointError& e) {
    fmt::print(stderr, "halfhour: error: {}\n", e.what());
    return 2;
  } catch (const routing::MapError& e) {
    fmt::print(stderr, "halfhour: error: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "halfhour: internal error: {}\n", e.what());
    return 1;
  }
  return 1;
}
