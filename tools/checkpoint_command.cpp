#include "tools/checkpoint_command.h"
#include "tools/scenario_warnings.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "scenarios/units.h"
#include "sim/output/run_writer.h"

namespace {

[[noreturn]] void bad_option(const std::string& option, const std::string& expected,
                             const std::string& found) {
  throw scenarios::InputError({"(command line)", 0, 0}, option, expected, found);
}

std::vector<std::string> identity_overrides(const model::ScenarioIdentity& id) {
  std::vector<std::string> overrides = id.sets;
  if (id.has_seed) overrides.push_back(fmt::format("seed={}", id.seed));
  return overrides;
}

std::string clock(sim::Time tod) {
  const sim::Time s = ((tod / sim::kSecond) % 86400 + 86400) % 86400;
  return s % 60 == 0 ? fmt::format("{:02}:{:02}", s / 3600, s / 60 % 60)
                     : fmt::format("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

// A time of day (the first time the scenario reaches it) or a duration since the start.
sim::Time scenario_time(const std::string& option, const std::string& text,
                        const model::WorldConfig& c) {
  sim::Time at = 0;
  if (text.find(':') != std::string::npos) {
    const auto tod = scenarios::parse_time_of_day(text);
    if (!tod) bad_option(option, "a time of day HH:MM or a duration since the start (2h)", text);
    at = *tod - c.start_tod;
    if (at < 0) at += sim::kDay;
  } else {
    const auto d = scenarios::parse_duration(text);
    if (!d) bad_option(option, "a time of day HH:MM or a duration since the start (2h)", text);
    at = *d;
  }
  if (at < 0 || at > c.duration + c.drain)
    bad_option(option,
               fmt::format("a time within the run ({} to {})", clock(c.start_tod),
                           clock(c.start_tod + c.duration + c.drain)),
               text);
  return at;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

template <class F>
double median_ms(int repeat, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < repeat; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    t.push_back(ms_since(t0));
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// Keeps the benchmark's copies from being optimised away.
volatile std::size_t g_sink = 0;

}  // namespace

model::ScenarioIdentity checkpoint_identity(const std::string& scenario,
                                            const std::vector<std::string>& sets,
                                            std::optional<std::uint64_t> seed) {
  model::ScenarioIdentity id;
  id.path = std::filesystem::absolute(scenario).lexically_normal().string();
  id.sets = sets;
  id.has_seed = seed.has_value();
  id.seed = seed.value_or(0);
  const scenarios::Scenario s = scenarios::load_scenario(id.path, identity_overrides(id));
  id.name = s.name;
  id.yaml_hash = model::crc64(s.resolved_yaml);
  return id;
}

void run_to_checkpoint(model::World& world, const std::vector<std::string>& at_file,
                       const model::ScenarioIdentity& identity, bool quiet,
                       const model::World::ProgressFn& progress) {
  if (at_file.size() != 2) bad_option("--checkpoint-at", "TIME FILE", "");
  const model::WorldConfig& c = world.setup().config;
  const sim::Time at = scenario_time("--checkpoint-at", at_file[0], c);
  world.run_until(at, progress);
  if (world.now() != at && !quiet)
    fmt::print("halfhour: checkpoint at {} ({} rounded up to the engine's next barrier)\n",
               clock(c.start_tod + world.now()), clock(c.start_tod + at));
  model::Checkpoint checkpoint;
  checkpoint.scenario = identity;
  checkpoint.at = world.now();
  checkpoint.state = world.state();
  model::write_checkpoint(at_file[1], checkpoint);
  if (!quiet) fmt::print("checkpoint: {} at {}\n", at_file[1], clock(c.start_tod + world.now()));
}

int cmd_resume(const ResumeOptions& opt, const SummaryFn& summary) {
  model::Checkpoint checkpoint = model::read_checkpoint(opt.file);
  const model::ScenarioIdentity& id = checkpoint.scenario;
  if (!std::filesystem::exists(id.path))
    throw model::CheckpointError(opt.file + ": its scenario " + id.path + " is gone");
  std::vector<std::string> overrides = identity_overrides(id);
  scenarios::Scenario s = scenarios::load_scenario(id.path, overrides);
  if (model::crc64(s.resolved_yaml) != id.yaml_hash) {
    if (s.name != id.name)
      throw model::CheckpointError(opt.file + ": a checkpoint of another scenario (" + id.name +
                                   "); " + id.path + " is now " + s.name);
    throw model::CheckpointError(
        opt.file + ": the scenario changed since the checkpoint was taken (" + id.path + ")");
  }
  if (!opt.out.empty()) {
    overrides.push_back("output.dir=" + opt.out);
    s = scenarios::load_scenario(id.path, overrides);
  }
  const auto network = scenarios::load_network(s);
  const std::vector<std::string> warnings = warn_on_map(s, *network);
  model::World world(s.world, network, opt.threads);
  try {
    world.restore(std::move(checkpoint.state));
  } catch (const std::invalid_argument& e) {
    throw model::CheckpointError(opt.file + ": " + e.what());
  }
  if (!opt.quiet)
    fmt::print("resuming {} from {}\n", s.name, clock(s.world.start_tod + world.now()));
  model::RunResult result = world.run();
  add_run_warnings(result, warnings);
  const model::Kpis kpis = model::compute_kpis(result);
  const std::string dir = s.output_dir + "/" + s.name;
  output::write_run(dir, {s.name, s.world.seed, s.resolved_yaml}, result, kpis, *network);
  if (!opt.quiet && summary) summary(s, kpis, dir);
  return 0;
}

int cmd_bench_checkpoint(const CheckpointBenchOptions& opt) {
  const scenarios::Scenario s = scenarios::load_scenario(opt.scenario, [&] {
    std::vector<std::string> o = opt.sets;
    if (opt.seed) o.push_back(fmt::format("seed={}", *opt.seed));
    return o;
  }());
  const auto network = scenarios::load_network(s);
  model::World world(s.world, network, opt.threads);
  const sim::Time at = scenario_time("--at", opt.at, s.world);
  const auto t0 = std::chrono::steady_clock::now();
  world.run_until(at);
  const double run_ms = ms_since(t0);

  // The copies stay alive until the end, so that none can be optimised away.
  std::vector<model::WorldState> copies;
  copies.reserve(static_cast<std::size_t>(opt.repeat));
  const double copy_ms = median_ms(opt.repeat, [&] { copies.push_back(world.state()); });
  std::vector<std::unique_ptr<model::World>> forks;
  const double fork_ms = median_ms(opt.repeat, [&] { forks.push_back(world.fork()); });
  std::size_t sink = copies.size() + forks.size();
  model::Checkpoint checkpoint;
  checkpoint.at = world.now();
  checkpoint.state = world.state();
  std::string bytes;
  const double serialize_ms =
      median_ms(opt.repeat, [&] { bytes = model::checkpoint_bytes(checkpoint); });
  const std::string file =
      (std::filesystem::temp_directory_path() / fmt::format("halfhour-bench-{}.ckpt", ::getpid()))
          .string();
  const double write_ms = median_ms(opt.repeat, [&] { model::write_checkpoint(file, checkpoint); });
  const double read_ms = median_ms(opt.repeat, [&] {
    const model::Checkpoint back = model::read_checkpoint(file);
    sink += back.state.orders.size();
  });
  std::filesystem::remove(file);
  const std::size_t pending = world.state().engine.pending.size();
  fmt::print(
      "{{\"benchmark\": \"checkpoint\", \"scenario\": \"{}\", \"at\": \"{}\", \"orders\": {}, "
      "\"pending_events\": {}, \"run_to_at_seconds\": {:.3f}, \"state_copy_ms\": {:.3f}, "
      "\"fork_ms\": {:.3f}, \"serialize_ms\": {:.3f}, \"write_ms\": {:.3f}, \"read_ms\": {:.3f}, "
      "\"bytes\": {}, \"repeat\": {}, \"threads\": {}}}\n",
      s.name, clock(s.world.start_tod + world.now()), world.state().orders.size(), pending,
      run_ms / 1000, copy_ms, fork_ms, serialize_ms, write_ms, read_ms, bytes.size(), opt.repeat,
      opt.threads > 0 ? opt.threads : static_cast<int>(std::thread::hardware_concurrency()));
  g_sink = sink;
  return 0;
}

CLI::App* add_resume_command(CLI::App& app, ResumeOptions& opt) {
  auto* resume = app.add_subcommand(
      "resume", "Continue a run from a checkpoint (run --checkpoint-at) and write its outputs");
  resume->add_option("file", opt.file, "The checkpoint file")->required();
  resume->add_option("--out", opt.out, "Output root folder (the run goes to OUT/<name>/)");
  resume->add_option("--threads", opt.threads, "Worker threads (default: every core)")
      ->check(CLI::Range(0, 1024));
  resume->add_flag("--quiet,-q", opt.quiet, "Print nothing on success");
  return resume;
}
