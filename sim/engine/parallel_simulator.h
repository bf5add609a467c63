// The parallel scheduler: conservative, windowed synchronisation on oneTBB. With lookahead L (the
// least delay of any message between LPs), the events of the window [T, T+L) cannot be affected
// by anything another LP does in that window, so all LPs run their window in parallel; messages
// wait in outboxes and are delivered between windows.
//
// LPs are grouped into at most `kMaxPartitions` partitions, each with one event queue and one
// outbox, so a window costs work per event, not per LP (a million mostly idle LPs stay cheap).
// With fewer LPs than that, every LP has a queue of its own. Every event carries its total-order
// key (time, priority, target, source, per-source sequence), and each LP sees its own events in
// that order whatever the grouping or the thread count: results are identical for any of them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "sim/engine/engine_state.h"
#include "sim/engine/simulator.h"

namespace sim {

struct ParallelRunStats : RunStats {
  std::uint64_t windows = 0;
  std::uint64_t messages = 0;  // delivered between LPs
  std::uint64_t barriers = 0;
};

class ParallelSimulator {
 public:
  // `threads` = 0 uses every core. `lookahead` > 0.
  ParallelSimulator(Time lookahead, int threads = 0);
  ~ParallelSimulator();

  LpId add_process(LogicalProcess& lp);
  // Schedules an event from outside any handler: before the run, or from a barrier function.
  void schedule(LpId target, Time at, Payload payload, std::uint16_t priority = 0);
  // Calls `fn(t)` at every multiple t of `period` at which anything happened since the last
  // call, after every event before t and before any at t, with no LP running: the place for
  // decisions that need the whole world (global dispatch). It may read and change any LP and
  // schedule events at t or later. Windows never cross a barrier.
  void set_barrier(Time period, std::function<void(Time)> fn);
  // Runs windows until no event is left before `until` or an LP asks to stop (the window in
  // which it asked is completed). `progress` is called between windows, from the calling thread.
  ParallelRunStats run(Time until, const Simulator::ProgressFn& progress = {});

  // A paused run: after run(until) returned, every event not yet processed (none before `until`)
  // and each LP's next sequence number, with `now` = until. `events` counts this engine's only.
  EngineState save(Time until) const;
  // Before the first run(), with every LP added: continues the saved run, as if the events had
  // been scheduled by the LPs that scheduled them. Throws std::invalid_argument when the state
  // names another number of LPs.
  void restore(const EngineState& state);

  Time lookahead() const { return lookahead_; }
  int threads() const { return threads_; }

  static constexpr std::size_t kMaxPartitions = 512;

 private:
  struct Partition;
  void partition();
  std::size_t partition_of(LpId lp) const { return lp * partitions_.size() / lps_.size(); }
  Time run_window(Time window_end);
  void deliver(ParallelRunStats& stats);

  Time lookahead_;
  int threads_;
  std::vector<LogicalProcess*> lps_;
  std::vector<std::uint64_t> seqs_;
  std::vector<Event> initial_;
  std::vector<std::unique_ptr<Partition>> partitions_;
  Time barrier_period_ = 0;
  std::function<void(Time)> barrier_;
};

}  // namespace sim
