#include "tools/whatif_command.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <thread>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "routing/dispatch.h"
#include "scenarios/input_error.h"
#include "scenarios/scenario.h"
#include "scenarios/units.h"
#include "sim/engine/parallel_for.h"
#include "sim/model/whatif.h"
#include "sim/model/world.h"
#include "sim/output/whatif_writer.h"

namespace {

[[noreturn]] void bad(const std::string& option, const std::string& expected,
                      const std::string& found) {
  throw scenarios::InputError({"(command line)", 0, 0}, option, expected, found);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  for (std::string p; std::getline(in, p, sep);) parts.push_back(p);
  if (!s.empty() && s.back() == sep) parts.emplace_back();
  return parts;
}

std::uint32_t store_of(const model::WorldConfig& w, const std::string& text,
                       const std::string& option) {
  for (std::size_t i = 0; i < w.stores.size(); ++i)
    if (w.stores[i].id == text) return static_cast<std::uint32_t>(i);
  if (!text.empty() && std::all_of(text.begin(), text.end(), ::isdigit) && text.size() < 6 &&
      std::stoul(text) < w.stores.size())
    return static_cast<std::uint32_t>(std::stoul(text));
  std::string ids;
  for (const auto& s : w.stores) ids += (ids.empty() ? "" : ", ") + s.id;
  bad(option, "a store id (" + ids + ") or index", text);
}

int count_of(const std::string& text, const std::string& option) {
  if (text.empty() || text.size() > 5 || !std::all_of(text.begin(), text.end(), ::isdigit))
    bad(option, "a count from 0 to 99999", text);
  return std::stoi(text);
}

model::WhatIfAction parse_action(const model::WorldConfig& w, const std::string& text,
                                 const std::string& option) {
  const auto p = split(text, ':');
  using K = model::WhatIfAction::Kind;
  model::WhatIfAction a;
  const std::string verb = p.empty() ? "" : p[0];
  auto need = [&](std::size_t n, const char* form) {
    if (p.size() != n) bad(option, std::string("an action of the form ") + form, text);
  };
  if (verb == "add-riders" || verb == "remove-riders" || verb == "pickers") {
    need(3, (verb + ":STORE:N").c_str());
    a.kind = verb == "add-riders"      ? K::add_riders
             : verb == "remove-riders" ? K::remove_riders
                                       : K::set_pickers;
    a.store = store_of(w, p[1], option);
    a.count = count_of(p[2], option);
  } else if (verb == "move-riders") {
    need(4, "move-riders:FROM:TO:N");
    a.kind = K::move_riders;
    a.store = store_of(w, p[1], option);
    a.to = store_of(w, p[2], option);
    a.count = count_of(p[3], option);
    if (a.to == a.store) bad(option, "two different stores", text);
  } else if (verb == "close" || verb == "open") {
    need(2, (verb + ":STORE").c_str());
    a.kind = verb == "close" ? K::close_store : K::open_store;
    a.store = store_of(w, p[1], option);
  } else if (verb == "policy") {
    need(2, "policy:NAME");
    a.kind = K::set_policy;
    a.policy = p[1];
    const auto names = routing::dispatch_policy_names();
    if (std::find(names.begin(), names.end(), a.policy) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      bad(option, "a dispatch policy (" + list + ")", a.policy);
    }
  } else {
    bad(option,
        "add-riders:STORE:N, remove-riders:STORE:N, move-riders:FROM:TO:N, pickers:STORE:N, "
        "close:STORE, open:STORE or policy:NAME",
        text);
  }
  return a;
}

std::vector<model::WhatIfAlternative> parse_tries(const model::WorldConfig& w,
                                                  const std::vector<std::string>& tries) {
  std::vector<model::WhatIfAlternative> out;
  for (const auto& t : tries) {
    const auto eq = t.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == t.size())
      bad("--try", "NAME=ACTION[+ACTION...]", t);
    model::WhatIfAlternative alt{t.substr(0, eq), {}};
    if (alt.name == "as is") bad("--try", "a name other than \"as is\"", alt.name);
    for (const auto& a : split(t.substr(eq + 1), '+'))
      alt.actions.push_back(parse_action(w, a, "--try " + alt.name));
    out.push_back(std::move(alt));
  }
  return out;
}

scenarios::Scenario load(const WhatIfOptions& opt) {
  std::vector<std::string> overrides = opt.sets;
  if (opt.seed) overrides.push_back(fmt::format("seed={}", *opt.seed));
  if (!opt.out.empty()) overrides.push_back("output.dir=" + opt.out);
  return scenarios::load_scenario(opt.scenario, overrides);
}

// The fork time as scenario time: the first time the day reaches that time of day.
sim::Time fork_time(const scenarios::Scenario& s, const std::string& at) {
  const auto tod = scenarios::parse_time_of_day(at);
  if (!tod) bad("--at", "a time of day HH:MM", at);
  sim::Time t = *tod - s.world.start_tod;
  if (t < 0) t += sim::kDay;
  if (t >= s.world.duration)
    bad("--at",
        "a time within the scenario's day (" + scenarios::format_time_of_day(s.world.start_tod) +
            " plus " + std::to_string(s.world.duration / sim::kMinute) + " min)",
        at);
  return t;
}

sim::Time horizon_of(const std::string& text) {
  const auto h = scenarios::parse_duration(text);
  if (!h || *h < sim::kMinute || *h > 24 * sim::kHour)
    bad("--horizon", "a duration from 1m to 24h", text);
  return *h;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int run_whatif_command(const WhatIfOptions& opt) {
  const scenarios::Scenario s = load(opt);
  const sim::Time at = fork_time(s, opt.at);
  const sim::Time horizon = horizon_of(opt.horizon);
  const auto alternatives = parse_tries(s.world, opt.tries);
  const auto network = scenarios::load_network(s);
  model::World world(s.world, network, opt.threads);
  world.run_until(at);
  const auto outcomes =
      model::run_whatif(world, alternatives, horizon, opt.replications, s.world.seed, opt.threads);
  output::WhatIfInfo info{s.name, scenarios::format_time_of_day(s.world.start_tod + world.now()),
                          opt.horizon, opt.replications, s.world.seed};
  const std::string dir = s.output_dir + "/" + s.name + "-whatif";
  output::write_whatif(dir, info, outcomes);
  if (opt.quiet) return 0;
  fmt::print("halfhour whatif: {} at {}, {} ahead, {} replications (mean [95% interval])\n", s.name,
             info.fork_clock, opt.horizon, opt.replications);
  auto show = [](const model::KpiInterval& k, bool sign) {
    if (k.n == 0 || !std::isfinite(k.mean)) return std::string("n/a");
    const double lo = k.mean - k.half_width, hi = k.mean + k.half_width;
    return sign ? fmt::format("{:+.2f} [{:+.2f}, {:+.2f}]", k.mean, lo, hi)
                : fmt::format("{:.2f} [{:.2f}, {:.2f}]", k.mean, lo, hi);
  };
  const char* shown[] = {"orders", "late", "on_time_share", "click_to_door_p90_min"};
  for (const auto& o : outcomes) {
    fmt::print("  {}\n", o.name);
    for (const auto& d : o.applied) fmt::print("    ({})\n", d);
    for (const char* name : shown)
      for (std::size_t k = 0; k < o.kpis.size(); ++k) {
        if (o.kpis[k].name != name) continue;
        fmt::print("    {:<22} {:<28}", name, show(o.kpis[k], false));
        if (!o.difference.empty()) fmt::print("  vs as is {}", show(o.difference[k], true));
        fmt::print("\n");
      }
  }
  fmt::print("written: {}/whatif.json, {}/whatif.html\n", dir, dir);
  return 0;
}

// A fork at the time plus 30 simulated minutes ahead on one core (each trial), and 100
// replications of 30 minutes ahead on every core.
int run_whatif_bench(const WhatIfOptions& opt) {
  const scenarios::Scenario s = load(opt);
  const sim::Time at = fork_time(s, opt.at);
  const auto network = scenarios::load_network(s);
  model::World world(s.world, network, 1);
  world.run_until(at);
  std::vector<double> fork_s, ahead_s;
  for (int k = 0; k < opt.trials; ++k) {
    const auto t0 = std::chrono::steady_clock::now();
    auto fork = world.fork(1);
    fork_s.push_back(seconds_since(t0));
    model::redraw_future(*fork, s.world.seed + static_cast<std::uint64_t>(k));
    fork->run_until(at + 30 * sim::kMinute);
    ahead_s.push_back(seconds_since(t0));
  }
  auto pct = [](std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size()))) - 1];
  };
  // 100 replications of 30 minutes ahead, each a fork with its own future, on every core.
  const auto t0 = std::chrono::steady_clock::now();
  sim::parallel_for_each(100, opt.threads, [&](std::size_t r) {
    auto fork = world.fork(1);
    model::redraw_future(*fork, s.world.seed + r);
    fork->run_until(at + 30 * sim::kMinute);
  });
  const double hundred = seconds_since(t0);
  fmt::print(
      "{{\"benchmark\": \"whatif\", \"scenario\": \"{}\", \"at\": \"{}\", \"trials\": {}, "
      "\"fork_ms_median\": {:.3f}, "
      "\"fork_30min_ahead_s_median\": {:.4f}, \"fork_30min_ahead_s_p95\": {:.4f}, "
      "\"replications_100x30min_s\": {:.3f}, \"threads\": {}}}\n",
      s.name, opt.at, opt.trials, 1000 * pct(fork_s, 0.5), pct(ahead_s, 0.5), pct(ahead_s, 0.95),
      hundred,
      opt.threads > 0 ? opt.threads : static_cast<int>(std::thread::hardware_concurrency()));
  return 0;
}

WhatIfCommands add_whatif_commands(CLI::App& app, CLI::App& bench, WhatIfOptions& opt) {
  auto common = [&](CLI::App* cmd) {
    cmd->add_option("scenario", opt.scenario, "Scenario YAML file")->required();
    cmd->add_option("--set", opt.sets, "Override a key by its dotted path")
        ->take_all()
        ->allow_extra_args(false);
    cmd->add_option("--seed", opt.seed, "Override the scenario's seed");
    cmd->add_option("--at", opt.at, "Time of day to fork the world at (HH:MM)");
    cmd->add_option("--threads", opt.threads, "Worker threads (default: every core)")
        ->check(CLI::Range(0, 1024));
  };
  auto* whatif = app.add_subcommand(
      "whatif",
      "From the world at a time of day, compare alternatives (move, add or remove riders, "
      "pickers, close or open a store, the dispatch policy) over a horizon with replications");
  common(whatif);
  whatif->add_option("--horizon", opt.horizon, "How far ahead to look (1m to 24h)");
  whatif->add_option("--replications", opt.replications, "Replications per alternative")
      ->check(CLI::Range(1, 10000));
  whatif
      ->add_option("--try", opt.tries,
                   "NAME=ACTION[+ACTION...]; ACTION: add-riders:STORE:N, remove-riders:STORE:N, "
                   "move-riders:FROM:TO:N, pickers:STORE:N, close:STORE, open:STORE, "
                   "policy:NAME")
      ->expected(1, 100);
  whatif->add_option("--out", opt.out, "Output root folder (written to OUT/<name>-whatif/)");
  whatif->add_flag("--quiet,-q", opt.quiet, "Print nothing on success");
  auto* bench_whatif = bench.add_subcommand(
      "whatif", "Time a fork, a fork plus 30 min ahead (one core) and 100 replications of 30 min");
  common(bench_whatif);
  bench_whatif->add_option("--trials", opt.trials, "Forks timed")->check(CLI::Range(1, 100000));
  return {whatif, bench_whatif};
}
