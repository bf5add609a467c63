// The halfhour command line: run, validate and bench a scenario. All logic lives in the
// libraries; this file parses arguments, wires the stages together and maps errors to exit codes
// (0 success, 2 bad input, 1 internal error).
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
#include "sim/output/run_writer.h"
#include "sim/output/sweep_db.h"
#include "sim/output/twin_file.h"
#include "tools/checkpoint_command.h"
#include "tools/mdrp_command.h"
#include "tools/routing_bench.h"
#include "tools/run_summary.h"
#include "tools/scenario_warnings.h"
#include "tools/sweep_command.h"
#include "tools/twin_command.h"
#include "tools/whatif_command.h"
#include "viz/frame_bench.h"
#include "viz/live_twin.h"
#include "viz/live_view.h"
#include "viz/picture.h"
#include "viz/recording.h"
#include "viz/replay_view.h"

namespace {

struct RunOptions {
  std::string scenario;
  std::string out;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;
  bool quiet = false;
  int threads = 0;
  int replications = 1;
  bool record_twin = false;
  std::string twin_period = "30s";
  std::vector<std::string> checkpoint_at;  // TIME FILE
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

[[noreturn]] void bad_view_option(const std::string& option, const std::string& expected,
                                  const std::string& found) {
  throw scenarios::InputError({"(command line)", 0, 0}, option, expected, found);
}

std::vector<std::string> overrides_of(const RunOptions& opt) {
  std::vector<std::string> overrides = opt.sets;
  if (opt.seed) overrides.push_back(fmt::format("seed={}", *opt.seed));
  if (!opt.out.empty()) overrides.push_back("output.dir=" + opt.out);
  return overrides;
}

// A scenario with a road map; an MDRP scenario runs only through run, validate and sweep.
scenarios::Scenario load(const RunOptions& opt) {
  if (scenarios::is_mdrp_scenario(opt.scenario))
    throw scenarios::InputError({opt.scenario, 0, 0}, "demand.mdrp",
                                "a scenario with a road map (an MDRP scenario runs with halfhour "
                                "run, validate or sweep)",
                                "an MDRP scenario");
  scenarios::Scenario s = scenarios::load_scenario(opt.scenario, overrides_of(opt));
  for (const auto& w : s.warnings) fmt::print(stderr, "halfhour: warning: {}\n", w);
  return s;
}

// The scenario's road network; what the map importer kept and left out goes to stderr on every
// command that loads one, so no part of a map is lost without a word.
std::shared_ptr<const routing::RoadNetwork> load_network_reported(const scenarios::Scenario& s) {
  auto network = scenarios::load_network(s);
  if (network->report().nodes_read > 0) fmt::print(stderr, "{}", network->report().summary());
  return network;
}

// halfhour run on an MDRP scenario: one deterministic day, nothing to record for the twin.
int cmd_run_mdrp(const RunOptions& opt) {
  if (opt.replications > 1)
    throw scenarios::InputError({"(command line)", 0, 0}, "--replications",
                                "1 for an MDRP scenario (its day has no randomness)",
                                std::to_string(opt.replications));
  if (opt.record_twin)
    throw scenarios::InputError({"(command line)", 0, 0}, "--record-twin",
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
  const scenarios::Scenario s = load(opt);
  const auto network = load_network_reported(s);
  const std::vector<std::string> warnings = warn_on_map(s, *network);
  if (!opt.quiet) print_map_report(s, *network, /*warn=*/false);
  sim::Time period = 0;
  if (opt.record_twin) {
    const auto p = scenarios::parse_duration(opt.twin_period);
    if (!p || *p < sim::kSecond || *p > sim::kHour)
      bad_view_option("--twin-period", "a duration from 1s to 1h", opt.twin_period);
    period = *p;
  }
  model::World world(s.world, network, opt.threads);
  // The twin is recorded between engine windows: a window per period puts a frame at most a
  // window after each multiple of it.
  if (opt.record_twin) world.set_window(period);
  output::TwinRecorder recorder(world, period);
  model::RunResult result;
  {
    ProgressBar bar(s.world, !opt.quiet);
    const auto tick = [&](sim::Time now, std::uint32_t placed, std::uint32_t resolved) {
      bar.update(now, placed, resolved);
      if (opt.record_twin) recorder.on_window(now);
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
  const scenarios::Scenario s = load(opt);
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
  const scenarios::Scenario s = load(opt);
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
  const scenarios::Scenario s = load(opt);
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

struct ViewOptions {
  bool headless = false;
  std::string at;
  std::string screenshot;
  std::string size = "1280x720";
  std::string record;  // an MP4, headless, from --from to --to
  std::string from, to;
  int fps = 30;
  double speed = 60;
};

void parse_size(const std::string& size, unsigned& width, unsigned& height) {
  if (std::sscanf(size.c_str(), "%ux%u", &width, &height) != 2 || width < 200 || height < 200 ||
      width > 8192 || height > 8192)
    bad_view_option("--size", "WIDTHxHEIGHT, each 200 to 8192", size);
}

// A scenario time from a time-of-day option: the first time it is that time of day.
sim::Time option_time(const std::string& option, const std::string& text, sim::Time start_tod) {
  const auto tod = scenarios::parse_time_of_day(text);
  if (!tod) bad_view_option(option, "a time of day HH:MM or HH:MM:SS", text);
  const sim::Time at = *tod - start_tod;
  return at < 0 ? at + sim::kDay : at;
}

// --at as scenario time (the first time it is that time of day), when --headless.
sim::Time headless_time(const ViewOptions& v, sim::Time start_tod) {
  if (v.at.empty() || v.screenshot.empty())
    bad_view_option("--headless", "--at HH:MM and --screenshot FILE.png with it", "");
  return option_time("--at", v.at, start_tod);
}

bool have_display() {
  const char* display = std::getenv("DISPLAY");
  if (display && *display) return true;
  fmt::print(stderr,
             "halfhour: error: no display (DISPLAY is not set); on a server run it under "
             "xvfb-run\n");
  return false;
}

// Writes a picture beside its path and renames it, so a failed write leaves no half picture.
int save_picture(const sf::Image& image, const std::string& path, bool quiet) {
  const std::string tmp = path + ".tmp.png";
  if (!image.saveToFile(tmp) || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    fmt::print(stderr, "halfhour: error: cannot write {}\n", path);
    return 1;
  }
  if (!quiet) fmt::print("screenshot: {}\n", path);
  return 0;
}

// The visual twin: a live window, or with --headless a picture of the world at --at.
int cmd_record(const RunOptions& opt, const ViewOptions& v, unsigned width, unsigned height) {
  if (v.from.empty() || v.to.empty())
    bad_view_option("--record", "--from HH:MM and --to HH:MM with it", "");
  const scenarios::Scenario s = load(opt);
  viz::VideoSpec spec;
  spec.path = v.record;
  spec.from = option_time("--from", v.from, s.world.start_tod);
  spec.to = option_time("--to", v.to, s.world.start_tod);
  if (spec.to <= spec.from) bad_view_option("--to", "a time after --from", v.to);
  spec.speed = v.speed;
  spec.fps = v.fps;
  spec.width = width;
  spec.height = height;
  if (static_cast<double>(spec.to - spec.from) / 1000 / v.speed * v.fps > 200'000)
    bad_view_option("--to", "at most 200000 frames between --from and --to", v.to);
  if (!have_display()) return 1;
  const auto network = load_network_reported(s);
  const int frames = viz::record_video(s.world, network, spec, opt.threads);
  if (!opt.quiet) fmt::print("video: {} ({} frames)\n", v.record, frames);
  return 0;
}

int cmd_view(const RunOptions& opt, const ViewOptions& v) {
  unsigned width = 0, height = 0;
  parse_size(v.size, width, height);
  if (v.headless && !v.record.empty()) return cmd_record(opt, v, width, height);
  const scenarios::Scenario s = load(opt);
  const sim::Time at = v.headless ? headless_time(v, s.world.start_tod) : 0;
  if (!have_display()) return 1;
  const auto network = load_network_reported(s);
  if (!v.headless) {
    viz::LiveTwin twin(s.world, network, opt.threads);
    twin.set_speed(v.speed);
    return viz::run_live_view(twin, *network, "halfhour: " + s.name, width, height);
  }
  return save_picture(
      viz::render(*network, viz::state_at(s.world, network, at, opt.threads), width, height),
      v.screenshot, opt.quiet);
}

// A recorded run played back: its folder holds scenario.yaml (for the map) and twin.bin.
int cmd_replay(const std::string& folder, const ViewOptions& v, bool quiet) {
  unsigned width = 0, height = 0;
  parse_size(v.size, width, height);
  RunOptions opt;
  opt.scenario = folder + "/scenario.yaml";
  const scenarios::Scenario s = load(opt);
  const sim::Time at = v.headless ? headless_time(v, s.world.start_tod) : 0;
  const auto frames = output::read_twin(folder + "/twin.bin");
  if (frames.empty()) throw output::TwinFileError(folder + "/twin.bin: no frames");
  if (!have_display()) return 1;
  const auto network = load_network_reported(s);
  if (!v.headless)
    return viz::run_replay_view(frames, *network, "halfhour replay: " + s.name, width, height);
  return save_picture(viz::render(*network, viz::replay_state(frames, at), width, height),
                      v.screenshot, quiet);
}

struct FrameBenchOptions {
  int items = 20000;
  int frames = 120;
  std::string size = "1280x720";
};

// Frames per second of the visual twin with `items` vehicles and as many pins on the scenario's
// map, off screen.
int cmd_bench_frames(const RunOptions& opt, const FrameBenchOptions& f) {
  unsigned width = 0, height = 0;
  parse_size(f.size, width, height);
  const scenarios::Scenario s = load(opt);
  if (!have_display()) return 1;
  const auto network = load_network_reported(s);
  const auto r = viz::bench_frames(*network, f.items, f.frames, width, height);
  fmt::print(
      "{{\"map\": \"{}\", \"size\": \"{}\", \"vehicles\": {}, \"pins\": {}, \"frames\": {}, "
      "\"fps_median\": {:.1f}, \"frame_ms_median\": {:.2f}, \"build_share\": {:.3f}, "
      "\"draw_share\": {:.3f}}}\n",
      s.name, f.size, f.items, f.items, r.frames, r.fps_median, r.frame_ms_median, r.build_share,
      r.draw_share);
  return 0;
}

void add_scenario_options(CLI::App* cmd, RunOptions& opt) {
  cmd->add_option("scenario", opt.scenario, "Scenario YAML file")->required();
  cmd->add_option("--set", opt.sets,
                  "Override a key by its dotted path, e.g. fleet.riders[0].count=40")
      ->take_all()
      ->allow_extra_args(false);
  cmd->add_option("--seed", opt.seed, "Override the scenario's seed");
  cmd->add_option("--threads", opt.threads,
                  "Worker threads (default: every core); results do not depend on it")
      ->check(CLI::Range(0, 1024));
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

  ViewOptions view_opt;
  auto* view = app.add_subcommand(
      "view", "Watch the scenario live in the visual twin, or draw it at a time (--headless)");
  add_scenario_options(view, opt);
  view->add_flag("--headless", view_opt.headless, "Draw off screen instead of opening a window");
  view->add_option("--at", view_opt.at, "With --headless: the time of day to draw (HH:MM)");
  view->add_option("--screenshot", view_opt.screenshot, "With --headless: the PNG to write");
  view->add_option("--size", view_opt.size, "Window or picture size, WIDTHxHEIGHT");
  view->add_option("--record", view_opt.record, "With --headless: the MP4 to write");
  view->add_option("--from", view_opt.from, "With --record: the time of day to start (HH:MM)");
  view->add_option("--to", view_opt.to, "With --record: the time of day to end (HH:MM)");
  view->add_option("--fps", view_opt.fps, "With --record: frames per second")
      ->check(CLI::Range(1, 120));
  view->add_option("--speed", view_opt.speed, "Simulated seconds per second (video or window)")
      ->check(CLI::Range(1.0, 3600.0));
  view->add_flag("--quiet,-q", opt.quiet, "Print nothing on success");

  std::string replay_folder;
  ViewOptions replay_opt;
  auto* replay = app.add_subcommand(
      "replay", "Play back a run recorded with run --record-twin, with a time slider");
  replay->add_option("folder", replay_folder, "The run's output folder (out/<name>)")->required();
  replay->add_flag("--headless", replay_opt.headless,
                   "Draw off screen instead of opening a window");
  replay->add_option("--at", replay_opt.at, "With --headless: the time of day to draw (HH:MM)");
  replay->add_option("--screenshot", replay_opt.screenshot, "With --headless: the PNG to write");
  replay->add_option("--size", replay_opt.size, "Window or picture size, WIDTHxHEIGHT");
  replay->add_flag("--quiet,-q", opt.quiet, "Print nothing on success");

  SweepOptions sweep_opt;
  auto* sweep = app.add_subcommand(
      "sweep", "Run a parameter sweep (factors x replications) into an SQLite database");
  sweep->add_option("sweep", sweep_opt.sweep, "Sweep YAML file");
  sweep->add_option("--db", sweep_opt.db, "The database (default out/<name>.sqlite)");
  sweep->add_option("--jobs", sweep_opt.jobs, "Runs at once (default: every core)")
      ->check(CLI::Range(0, 4096));
  sweep->add_flag("--resume", sweep_opt.resume, "Run only what the database is missing");
  sweep->add_option("--only", sweep_opt.only,
                    "point=P,rep=R: that run alone, with the command that repeats it");
  sweep->add_option("--summary", sweep_opt.summary_db,
                    "Print a database's points with each KPI's mean and 95% interval");
  sweep->add_option("--csv", sweep_opt.csv, "Also export every run's KPIs to this CSV");
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
  FrameBenchOptions frames_opt;
  auto* bench_frames = bench->add_subcommand(
      "frames", "Frames per second of the visual twin off screen (needs a display or xvfb-run)");
  add_scenario_options(bench_frames, opt);
  bench_frames->add_option("--items", frames_opt.items, "Moving vehicles, and as many pins")
      ->check(CLI::Range(0, 10000000));
  bench_frames->add_option("--frames", frames_opt.frames, "Frames to draw")
      ->check(CLI::Range(1, 100000));
  bench_frames->add_option("--size", frames_opt.size, "Frame size, WIDTHxHEIGHT");
  CheckpointBenchOptions ckpt_opt;
  auto* bench_ckpt = bench->add_subcommand(
      "checkpoint", "Copying, forking, writing and reading a world's state at a time of day");
  add_scenario_options(bench_ckpt, opt);
  bench_ckpt->add_option("--at", ckpt_opt.at, "The time of day (HH:MM) or since the start (2h)");
  bench_ckpt->add_option("--repeat", ckpt_opt.repeat, "Repetitions; the figures are medians")
      ->check(CLI::Range(1, 1000));
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
    if (*run && scenarios::is_mdrp_scenario(opt.scenario)) return cmd_run_mdrp(opt);
    if (*run) return opt.replications > 1 ? cmd_replications(opt) : cmd_run(opt);
    if (*resume) return cmd_resume(resume_opt, print_run_summary);
    if (*validate) return cmd_validate(opt);
    if (*view) return cmd_view(opt, view_opt);
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
    if (*replay) return cmd_replay(replay_folder, replay_opt, opt.quiet);
    if (*bench_city) return cmd_bench_city(opt);
    if (*bench_frames) return cmd_bench_frames(opt, frames_opt);
    if (*bench_routing) return run_routing_bench(routing_opt);
    if (*whatif.whatif) return run_whatif_command(whatif_opt);
    if (*whatif.bench) return run_whatif_bench(whatif_opt);
    if (*twin) return run_twin_command(twin_opt);
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
