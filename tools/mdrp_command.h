// The Meal Delivery Routing Problem on the command line. halfhour mdrp: runs instances (an
// instance folder, or every instance folder inside a folder) with each dispatch policy, on every
// core, and prints one comparison table; with --out, also every run's measures and
// Grubhub-evaluator files. halfhour run/validate on an MDRP scenario, and halfhour import mdrp.
#pragma once

#include <string>
#include <vector>

struct MdrpOptions {
  std::string path;                   // an instance folder, or a folder of them
  std::vector<std::string> policies;  // default: every policy
  std::string out;                    // optional output folder, replaced atomically
  int jobs = 0;                       // 0: every core
  bool csv = false;                   // print the table as CSV instead of Markdown
  bool quiet = false;
  double epoch_min = 2, horizon_min = 10, ready_gap_min = 5;  // rolling_horizon
  int max_bundle = 4;
};

int run_mdrp_command(const MdrpOptions& opt);

// halfhour run on an MDRP scenario: writes OUTPUT_DIR/<name>/ and prints the headline measures.
int run_mdrp_scenario(const std::string& path, const std::vector<std::string>& overrides,
                      bool quiet);
int validate_mdrp_scenario(const std::string& path, const std::vector<std::string>& overrides);
// halfhour import mdrp DIR -o FILE: writes the scenario for the instance in DIR.
int import_mdrp(const std::string& dir, const std::string& yaml_path, bool quiet);
