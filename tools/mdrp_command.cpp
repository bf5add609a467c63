#include "tools/mdrp_command.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <fmt/core.h>

#include "scenarios/input_error.h"
#include "scenarios/mdrp_reader.h"
#include "sim/engine/parallel_for.h"
#include "sim/output/mdrp_writer.h"

namespace {

namespace fs = std::filesystem;

[[noreturn]] void bad_option(const std::string& option, const std::string& expected,
                             const std::string& found) {
  throw scenarios::InputError({"(command line)", 0, 0}, option, expected, found);
}

bool is_instance(const fs::path& dir) { return fs::is_regular_file(dir / "orders.txt"); }

// The instance folders named by `path`: itself, or its subfolders that hold an instance, by name.
std::vector<std::string> instance_folders(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec))
    bad_option("mdrp", "an MDRP instance folder or a folder of them", "'" + path + "'");
  if (is_instance(path)) return {path};
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(path, ec))
    if (entry.is_directory() && is_instance(entry.path())) found.push_back(entry.path().string());
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
      if (p == "rolling_horizon")
        r.parameters =
            fmt::format("epoch {} min, horizon {} min, ready gap {} min, max bundle {}",
                        opt.epoch_min, opt.horizon_min, opt.ready_gap_min, opt.max_bundle);
      runs.push_back(std::move(r));
    }
  sim::parallel_for_each(runs.size(), opt.jobs, [&](std::size_t k) {
    output::MdrpRunOutput& r = runs[k];
    std::unique_ptr<routing::MdrpPolicy> policy =
        r.policy == "rolling_horizon" ? std::make_unique<routing::MdrpRollingHorizon>(params)
                                      : routing::make_mdrp_policy(r.policy);
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
