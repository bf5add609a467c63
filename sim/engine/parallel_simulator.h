// The parallel scheduler: conservative, windowed synchronisation on oneTBB. Every LP owns its
// event queue. With lookahead L (the least delay of any message between LPs), the events of the
// window [T, T+L) cannot be affected by anything another LP does in that window, so all LPs run
// their window in parallel; messages wait in per-LP outboxes and are delivered between windows.
// Because every event carries its total-order key (time, priority, target, source, sequence) and
// sequence numbers are per source, results are identical for any thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "sim/engine/simulator.h"

namespace sim {

struct ParallelRunStats : RunStats {
  std::uint64_t windows = 0;
  std::uint64_t messages = 0;  // delivered between LPs
};

class ParallelSimulator {
 public:
  // `threads` = 0 uses every core. `lookahead` > 0.
  ParallelSimulator(Time lookahead, int threads = 0);
  ~ParallelSimulator();

  LpId add_process(LogicalProcess& lp);
  void schedule(LpId target, Time at, Payload payload, std::uint16_t priority = 0);
  // Runs windows until no event is left before `until` or an LP asks to stop (the window in
  // which it asked is completed). `progress` is called between windows, from the calling thread.
  ParallelRunStats run(Time until, const Simulator::ProgressFn& progress = {});

  Time lookahead() const { return lookahead_; }
  int threads() const { return threads_; }

 private:
  struct Lp;
  Time earliest() const;
  void deliver(ParallelRunStats& stats);

  Time lookahead_;
  int threads_;
  std::vector<std::unique_ptr<Lp>> lps_;
};

}  // namespace sim
