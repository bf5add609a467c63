// halfhour twin SCENARIO (--follow FILE|- | --mqtt HOST:PORT) --log DIR [--dead-letter FILE]:
// the live twin's ingest (sim/twin). Each message is validated against schema v1
// (sim/twin/SCHEMA.md) and the scenario's stores, deduplicated, checked against its source's
// sequence numbers, appended to the ingest log in DIR, or written to the dead-letter file with
// its reason. Each accepted message is then applied to the scenario's world (sim/twin/sync.h),
// whose disagreements with the observations go to LOG/contradictions.ndjson. Prints the
// counters at the end of the input or on SIGINT/SIGTERM, and writes the twin's state (--state).
// With --forecast FILE it forecasts from the world every --forecast-every of the operation's
// clock, in the background (sim/twin/forecast.h), and rewrites FILE atomically with each.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

struct TwinOptions {
  std::string scenario;
  std::string follow;                      // an NDJSON file, or "-" for stdin
  std::string mqtt;                        // HOST:PORT
  std::string log;                         // the ingest log's folder
  std::string dead_letter;                 // default: LOG/dead-letters.ndjson
  std::vector<std::string> allow_sources;  // empty: every source (with a warning)
  bool stop_at_end = false;  // --follow FILE: stop at the file's end instead of following it
  std::uint64_t reorder_tolerance = 1000;
  std::size_t max_bytes = 64 * 1024;
  unsigned sync_records = 512;
  unsigned sync_ms = 50;
  std::string mqtt_config;  // a file of "key value" lines: ca_file, username, password, client_id
  std::string mqtt_ca, mqtt_user, mqtt_password_file, client_id;
  std::string start;           // RFC 3339 instant of simulated 0; empty: from the first message
  std::string state;           // where the twin's state goes at the end (JSON); empty: nowhere
  std::string contradictions;  // default: LOG/contradictions.ndjson
  double contradiction_m = 300;
  double reanchor_m = 50;
  int threads = 1;
  std::string forecast;  // where the rolling forecast goes (JSON); empty: no forecast
  std::string forecast_every = "30s";
  int replications = 50;
  std::string horizon = "30m";
  int whatif_replications = 50;  // a what-if request's default
  bool no_whatif = false;        // answer no what-if requests
  bool view = false;             // a window following the world
  std::string view_size = "1280x720";
  bool quiet = false;
};

// Adds halfhour twin and its options, which fill `opt`.
CLI::App* add_twin_command(CLI::App& app, TwinOptions& opt);
// Runs it; returns the exit code (2: bad input, a log that cannot be used, no broker).
int run_twin_command(const TwinOptions& opt);
