// PHOLD, the standard synthetic benchmark of parallel discrete-event simulation (Fujimoto, 1990):
// N LPs each start with a few events; handling an event sends one new event, to a random LP with
// probability `remote` and to itself otherwise, after lookahead + Exp(mean) ms. Each LP draws from
// its own random stream, so every scheduler must produce the same per-LP event counts.
// `run_phold_reference` is the plain single-threaded binary-heap loop the engine is measured
// against.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/random.h"
#include "sim/engine/time.h"

namespace sim {

struct PholdConfig {
  std::uint32_t lps = 1000;
  std::uint32_t population = 1;  // initial events per LP
  double remote = 0.1;
  Time lookahead = 1000;
  double mean_delay_ms = 1000;
  Time end = 10 * kSecond;
  std::uint64_t seed = 1;
};

struct PholdResult {
  std::uint64_t events = 0;
  std::vector<std::uint64_t> events_per_lp;
  std::uint64_t checksum = 0;  // order-independent hash of (lp, time) of every handled event
};

// The single-threaded reference: one binary heap of (time, target, source, seq).
PholdResult run_phold_reference(const PholdConfig& config);

// PHOLD on the parallel engine with `threads` threads (0 = every core). With `pause_at` before the
// end, the run stops there, its engine state is saved and a new scheduler continues it: the
// result must be the uninterrupted one's.
PholdResult run_phold_engine(const PholdConfig& config, int threads, Time pause_at = kNever);

}  // namespace sim
