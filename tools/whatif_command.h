// halfhour whatif: from the state of a scenario's day at a time, runs "as is" and each
// alternative (--try NAME=ACTION[+ACTION...]) R replications ahead over a horizon with common
// random numbers, prints each one's KPIs with 95% intervals and the difference to "as is", and
// writes whatif.json and whatif.html. halfhour bench whatif measures forks and replications.
//
// Actions (STORE: a store's id or index):
//   add-riders:STORE:N  remove-riders:STORE:N  move-riders:FROM:TO:N  pickers:STORE:N
//   close:STORE  open:STORE  policy:NAME
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct WhatIfOptions {
  std::string scenario;
  std::vector<std::string> sets;
  std::optional<std::uint64_t> seed;
  std::string at = "18:00";  // time of day of the fork
  std::string horizon = "1h";
  int replications = 20;
  std::vector<std::string> tries;  // NAME=ACTION[+ACTION...]
  std::string out;                 // default: the scenario's output folder
  int threads = 0;
  bool quiet = false;
  int trials = 20;  // bench: forks timed
};

namespace CLI {
class App;
}

struct WhatIfCommands {
  CLI::App* whatif;  // halfhour whatif
  CLI::App* bench;   // halfhour bench whatif
};
// Adds both commands and their options, which fill `opt`; `bench` is the bench command.
WhatIfCommands add_whatif_commands(CLI::App& app, CLI::App& bench, WhatIfOptions& opt);

int run_whatif_command(const WhatIfOptions& opt);
int run_whatif_bench(const WhatIfOptions& opt);
