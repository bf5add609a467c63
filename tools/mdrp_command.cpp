#include "tools/mdrp_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <fmt/core.h>

#include "scenarios/input_error.h"
#include "scenarios/mdrp_reader.h"
#include "scenarios/mdrp_scenario.h"
#include "sim/engine/parallel_for.h"
#include "sim/output/atomic_folder.h"
#include "sim/output/mdrp_writer.h"

namespace {

namespace fs = std::filesystem;

[[noreturn]] void bad_option(const std::string& option, const std::string& expected,
                             const std::string& found) {
  throw scenarios::InputError({"(command line)", 0, 0}, option, expected, found);
}

bool is_instance(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "orders.txt", ec);
}

// The instance folders named by `path`: itself, or its subfolders that hold an instance, by name.
std::vector<std::string> instance_folders(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec))
    bad_option("mdrp", "an MDRP instance folder or a folder of them", "'" + path + "'");
  if (is_instance(path)) return {path};
  std::vector<std::string> found;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec) && is_instance(it->path())) found.push_back(it->path().string());
  if (ec) bad_option("mdrp", "a folder that can be read", "'" + path + "': " + ec.message());
  std::sort(found.begin(), found.end());
  if (found.empty())
    bad_option("mdrp", "a folder holding orders.txt, or subfolders that do",
               "'" + path + "' without any");
  return found;
}

std::int64_t minutes_ms(const std::string& option, double minutes, double least) {
  if (!std::isfinite(minutes) || minutes < least || minutes > 1440)
    bad_option(option, fmt::format("minutes from {} to 1440", least), fmt::format("{}", minutes));
  return std::llround(minutes * 60'000);
}

}  // namespace

int run_mdrp_command(const MdrpOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> policies = opt.policies;
  if (policies.empty()) policies = routing::mdrp_policy_names();
  std::string known;
  for (const std::string& p : routing::mdrp_policy_names())
    known += (known.empty() ? "" : ", ") + p;
  for (const std::string& p : policies)
    if (!routing::make_mdrp_policy(p)) bad_option("--policy", "one of: " + known, p);
  routing::MdrpRollingHorizonParams params;
  params.epoch_ms = minutes_ms("--epoch", opt.epoch_min, 0.5);
  params.horizon_ms = minutes_ms("--horizon", opt.horizon_min, 0);
  params.ready_gap_ms = minutes_ms("--ready-gap", opt.ready_gap_min, 0);
  if (opt.max_bundle < 1 || opt.max_bundle > 20)
    bad_option("--max-bundle", "from 1 to 20", std::to_string(opt.max_bundle));
  params.max_bundle = opt.max_bundle;

  std::vector<model::MdrpInstance> instances;
  for (const std::string& dir : instance_folders(opt.path))
    instances.push_back(scenarios::read_mdrp_instance(dir));

  std::vector<output::MdrpRunOutput> runs;
  for (const model::MdrpInstance& in : instances)
    for (const std::string& p : policies) {
      output::MdrpRunOutput r;
      r.policy = p;
      r.instance = &in;
      r.parameters = routing::mdrp_policy_parameters(p, params);
      runs.push_back(std::move(r));
    }
  sim::parallel_for_each(runs.size(), opt.jobs, [&](std::size_t k) {
    output::MdrpRunOutput& r = runs[k];
    const auto policy = routing::make_mdrp_policy(r.policy, params);
    r.run = model::simulate_mdrp(*r.instance, *policy);
    r.metrics = model::mdrp_metrics(*r.instance, r.run);
  });

  if (!opt.out.empty()) output::write_mdrp_runs(opt.out, runs);
  if (!opt.quiet) {
    fmt::print(
        "{}", opt.csv ? output::mdrp_comparison_csv(runs) : output::mdrp_comparison_markdown(runs));
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fflush(stdout);
    fmt::print(stderr, "{} instance(s) x {} policies in {:.2f} s{}\n", instances.size(),
               policies.size(), wall, opt.out.empty() ? "" : "; runs in " + opt.out);
  }
  return 0;
}

int run_mdrp_scenario(const std::string& path, const std::vector<std::string>& overrides,
                      bool quiet) {
  const scenarios::MdrpScenario s = scenarios::load_mdrp_scenario(path, overrides);
  output::MdrpRunOutput r;
  r.policy = s.policy;
  r.parameters = routing::mdrp_policy_parameters(s.policy, s.rolling);
  r.instance = &s.instance;
  r.run = model::simulate_mdrp(s.instance, *routing::make_mdrp_policy(s.policy, s.rolling));
  r.metrics = model::mdrp_metrics(s.instance, r.run);
  const std::string dir = s.output_dir + "/" + s.name;
  output::write_mdrp_run(dir, s.resolved_yaml, r);
  if (quiet) return 0;
  const model::MdrpMetrics& m = r.metrics;
  fmt::print("halfhour: {} (MDRP instance {}, {})\n", s.name, s.instance.name, s.policy);
  fmt::print("  orders delivered     {} of {}\n", m.delivered, m.orders);
  fmt::print("  click-to-door        mean {:.1f} min, p50 {:.1f}, p90 {:.1f}, max {:.1f}\n",
             m.click_to_door.mean, m.click_to_door.p50, m.click_to_door.p90, m.click_to_door.max);
  // No delivery, no share: n/a rather than a 0% that would read as all late.
  fmt::print("  within {:g} min        {}\n", s.instance.terms.target_click_to_door,
             m.delivered ? fmt::format("{:.1f}%", 100 * m.within_target) : std::string("n/a"));
  fmt::print("  ready-to-pickup      mean {:.1f} min\n", m.ready_to_pickup.mean);
  fmt::print("  orders / courier-h   {:.2f} ({:.2f} orders per bundle)\n",
             m.orders_per_courier_hour, m.bundle_size.mean);
  fmt::print("  compensation         {:.2f} in all, {:.1f}% of couriers on the minimum\n",
             m.total_compensation, 100 * m.on_guaranteed_minimum);
  fmt::print("outputs: {}/\n", dir);
  return 0;
}

int validate_mdrp_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  const scenarios::MdrpScenario s = scenarios::load_mdrp_scenario(path, overrides);
  fmt::print(
      "{}: ok ({}: MDRP instance {}, {} orders, {} restaurants, {} couriers, euclidean at {:g} m "
      "per minute, {})\n",
      path, s.name, s.instance.name, s.instance.orders.size(), s.instance.restaurants.size(),
      s.instance.couriers.size(), s.instance.rules.metres_per_minute, s.policy);
  return 0;
}

int import_mdrp(const std::string& dir, const std::string& yaml_path, bool quiet) {
  if (yaml_path.empty()) bad_option("-o", "the scenario file to write", "nothing");
  const model::MdrpInstance instance = scenarios::read_mdrp_instance(dir);
  const std::string text = scenarios::mdrp_scenario_yaml(instance, dir, yaml_path);
  const fs::path target(yaml_path);
  const fs::path temp = target.string() + fmt::format(".tmp-{}", ::getpid());
  try {
    if (target.has_parent_path()) fs::create_directories(target.parent_path());
    output::write_file(temp, text);
    fs::rename(temp, target);
  } catch (const std::exception& e) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw std::runtime_error(fmt::format("cannot write '{}': {}", yaml_path, e.what()));
  }
  if (!quiet)
    fmt::print("{}: the MDRP instance {} ({} orders); run it with halfhour run {}\n", yaml_path,
               instance.name, instance.orders.size(), yaml_path);
  return 0;
}
