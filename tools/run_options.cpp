#include "tools/run_options.h"

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "scenarios/mdrp_scenario.h"
#include "scenarios/units.h"
#include "sim/output/time_format.h"

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

std::vector<std::string> overrides_of(const RunOptions& opt) {
  std::vector<std::string> overrides = opt.sets;
  if (opt.seed) overrides.push_back(fmt::format("seed={}", *opt.seed));
  if (!opt.out.empty()) overrides.push_back("output.dir=" + opt.out);
  return overrides;
}

scenarios::Scenario load_map_scenario(const RunOptions& opt) {
  if (scenarios::is_mdrp_scenario(opt.scenario))
    throw scenarios::InputError({opt.scenario, 0, 0}, "demand.mdrp",
                                "a scenario with a road map (an MDRP scenario runs with halfhour "
                                "run, validate or sweep)",
                                "an MDRP scenario");
  scenarios::Scenario s = scenarios::load_scenario(opt.scenario, overrides_of(opt));
  for (const auto& w : s.warnings) fmt::print(stderr, "halfhour: warning: {}\n", w);
  return s;
}

std::shared_ptr<const routing::RoadNetwork> load_network_reported(const scenarios::Scenario& s) {
  auto network = scenarios::load_network(s);
  if (network->report().nodes_read > 0) fmt::print(stderr, "{}", network->report().summary());
  return network;
}

void bad_option(const std::string& option, const std::string& expected, const std::string& found) {
  throw scenarios::InputError({"(command line)", 0, 0}, option, expected, found);
}

// A scenario time from a time-of-day option: the first time it is that time of day, which must
// fall inside the simulated window (the orders' hours and the drain after them).
sim::Time window_time(const std::string& option, const std::string& text,
                      const model::WorldConfig& w) {
  const auto tod = scenarios::parse_time_of_day(text);
  if (!tod) bad_option(option, "a time of day HH:MM or HH:MM:SS", text);
  sim::Time at = *tod - w.start_tod;
  if (at < 0) at += sim::kDay;
  const sim::Time end = w.duration + w.drain;
  if (at > end)
    bad_option(option,
               fmt::format("a time in the simulated window, {} to {}{}",
                           output::clock_text(w.start_tod), output::clock_text(w.start_tod + end),
                           w.start_tod + end >= sim::kDay ? " the next day" : ""),
               text);
  return at;
}
