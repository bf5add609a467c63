// halfhour sweep: runs a sweep's missing runs as whole simulations on every core and records
// them in its SQLite database; prints a database's summary or exports it as CSV.
#pragma once

#include <string>

struct SweepOptions {
  std::string sweep;  // the sweep YAML
  std::string db;     // default: out/<name>.sqlite
  int jobs = 0;       // 0: every core
  bool resume = false;
  std::string only;  // "point=P,rep=R": that run alone, printed, not recorded
  std::string summary_db;
  std::string report_db;  // writes the report beside the database: <db>.html
  std::string csv;
  bool quiet = false;
};

int run_sweep_command(const SweepOptions& opt);
