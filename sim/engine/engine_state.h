// The engine's part of a paused run, as a value: what is still to happen and the counters that
// keep the total event order. Saved by ParallelSimulator::save() after run(until) and given to
// a new scheduler's restore(), it continues the run exactly: events keep their keys (time,
// priority, target, source, sequence) and each LP numbers its next events from where it stopped.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/event.h"
#include "sim/engine/time.h"

namespace sim {

struct EngineState {
  Time now = 0;                     // every event before it has been processed, none after
  std::vector<Event> pending;       // in the total event order
  std::vector<std::uint64_t> seqs;  // per LP: the sequence number of its next event
  std::uint64_t events = 0;         // processed before `now`
};

}  // namespace sim
