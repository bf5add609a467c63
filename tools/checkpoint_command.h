// Checkpoints on the command line (sim/model/checkpoint.h): halfhour run X --checkpoint-at TIME
// FILE pauses the run at TIME, writes FILE, and carries on; halfhour resume FILE continues the
// run from FILE and writes the outputs the uninterrupted run writes; halfhour bench checkpoint
// times copying, forking, writing and reading a world's state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/scenario.h"
#include "sim/model/checkpoint.h"
#include "sim/model/kpis.h"
#include "sim/model/world.h"

namespace CLI {
class App;
}

// The scenario as given on the command line: its file, --set overrides and --seed. Loads it
// again from its absolute path without --out, so that the fingerprint does not depend on where
// the outputs go. Throws scenarios::InputError when it does not load.
model::ScenarioIdentity checkpoint_identity(const std::string& scenario,
                                            const std::vector<std::string>& sets,
                                            std::optional<std::uint64_t> seed);

// --checkpoint-at TIME FILE: TIME is a time of day (HH:MM or HH:MM:SS, the first time the
// scenario reaches it) or a duration since the start (2h, 90min). Runs the world to it (rounded
// up to the engine's next barrier, with a note), writes FILE, and leaves the world there.
// Throws scenarios::InputError for a bad time, model::CheckpointError when FILE cannot be
// written.
void run_to_checkpoint(model::World& world, const std::vector<std::string>& at_file,
                       const model::ScenarioIdentity& identity, bool quiet,
                       const model::World::ProgressFn& progress = {});

struct ResumeOptions {
  std::string file;
  std::string out;
  int threads = 0;
  bool quiet = false;
};

using SummaryFn = std::function<void(const scenarios::Scenario& scenario, const model::Kpis& kpis,
                                     const std::string& dir)>;

// halfhour resume FILE: reloads the checkpoint's scenario, checks it is the one the checkpoint
// was taken of, restores the state and runs to the end. Throws model::CheckpointError (exit 2)
// before writing anything when the file or the scenario does not fit.
int cmd_resume(const ResumeOptions& opt, const SummaryFn& summary);
// Adds halfhour resume and its options, which fill `opt`.
CLI::App* add_resume_command(CLI::App& app, ResumeOptions& opt);

struct CheckpointBenchOptions {
  std::string scenario;
  std::vector<std::string> sets;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::string at = "18:00";
  int repeat = 5;
};

// halfhour bench checkpoint: one JSON line with the median times of a WorldState copy, a
// World::fork(), writing and reading the checkpoint, and its size.
int cmd_bench_checkpoint(const CheckpointBenchOptions& opt);
