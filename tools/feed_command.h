// halfhour feed SCENARIO (--mqtt HOST:PORT | -o FILE|-) [--speed X] [--seed S] [--from HH:MM]
// [--to HH:MM] [--ping-every 5s] [--gps-noise 10] [--start RFC3339] [--truth FILE] [--batch N]:
// simulates
// the scenario's operation with the model and publishes it as the live twin's messages
// (schema v1, sim/twin/SCHEMA.md, "halfhour feed"; the conventions are in sim/twin/feed.h), for
// demonstrations without a real operation and for measuring the twin against ground truth.
// The whole run is simulated first; then the messages go out, paced at X simulated seconds per
// wall second (0: at once).
#pragma once

#include <string>

#include "tools/run_options.h"

namespace CLI {
class App;
}

struct FeedCommandOptions {
  RunOptions run;        // the scenario, --set, --seed (the world's and the noise's), --threads
  std::string mqtt;      // HOST:PORT
  std::string output;    // an NDJSON file, or "-" for stdout
  double speed = 60;     // simulated seconds per wall second; 0: as fast as possible
  std::string from, to;  // times of day; empty: the whole scenario, drain included
  std::string ping_every = "5s";
  double gps_noise_m = 10;  // 1 sigma per axis, metres
  std::string start;        // RFC 3339 instant of the scenario's start; empty: today (UTC)
  std::string truth;        // the ground truth's NDJSON file
  // Up to this many messages due at once go out as one batch (sim/twin/message_batch.h); 1: each
  // message alone on its own topic.
  std::size_t batch = 1;
  std::string mqtt_ca, mqtt_user, mqtt_password_file, client_id;
  bool quiet = false;
};

// Adds halfhour feed and its options, which fill `opt`.
CLI::App* add_feed_command(CLI::App& app, FeedCommandOptions& opt);
// Runs it; returns the exit code (2: bad input or a broker that cannot be reached; 1: a broker
// that did not acknowledge every message). Throws scenarios::InputError for bad options.
int run_feed_command(const FeedCommandOptions& opt);
