// The sequential scheduler: runs the events of all logical processes in their total order, from
// one queue.
// Models see only Context, so the parallel scheduler can replace this class without touching them.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "sim/engine/event.h"
#include "sim/engine/event_queue.h"
#include "sim/engine/logical_process.h"

namespace sim {

// What a handler may do: read the clock, schedule events, ask the run to stop. Both schedulers
// hand the same Context to models, so a model runs unchanged on either.
class Context {
 public:
  Time now() const { return now_; }
  LpId self() const { return self_; }
  // Schedules an event on this LP at `at` >= now().
  void schedule(Time at, Payload payload, std::uint16_t priority = 0) {
    local_->push(Event{at, (*seq_)++, self_, self_, priority, payload});
  }
  // Sends a message to another LP. Under the parallel scheduler `at` must be at least
  // now() + lookahead; the message is delivered at the end of the current window.
  void send(LpId target, Time at, Payload payload, std::uint16_t priority = 0) {
    const Event e{at, (*seq_)++, target, self_, priority, payload};
    if (outbox_)
      outbox_->push_back(e);
    else
      local_->push(e);
  }
  // Ends the run: at once under the sequential scheduler, at the end of the window under the
  // parallel one.
  void request_stop() { *stop_ = true; }

 private:
  friend class Simulator;
  friend class ParallelSimulator;
  Time now_ = 0;
  LpId self_ = 0;
  EventQueue* local_ = nullptr;
  std::vector<Event>* outbox_ = nullptr;
  std::uint64_t* seq_ = nullptr;
  bool* stop_ = nullptr;
};

struct RunStats {
  std::uint64_t events = 0;
  Time end_time = 0;
  bool stopped = false;  // by request_stop(), as opposed to a drained queue or the time limit
};

class Simulator {
 public:
  // Called every `every_events` events with the current time; used for progress bars.
  using ProgressFn = std::function<void(Time now, std::uint64_t events)>;

  // The process must outlive the simulator.
  LpId add_process(LogicalProcess& lp);
  // Schedules an initial event from outside any handler.
  void schedule(LpId target, Time at, Payload payload, std::uint16_t priority = 0);
  // Runs events with time < until, in order, until the queue drains or a handler asks to stop.
  RunStats run(Time until, const ProgressFn& progress = {}, std::uint64_t every_events = 65536);

 private:
  std::vector<LogicalProcess*> lps_;
  std::vector<std::uint64_t> seqs_;
  EventQueue queue_;
  Time now_ = 0;
};

}  // namespace sim
