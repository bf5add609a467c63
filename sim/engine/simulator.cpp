#include "sim/engine/simulator.h"

#include <cassert>

namespace sim {

LpId Simulator::add_process(LogicalProcess& lp) {
  lps_.push_back(&lp);
  seqs_.push_back(0);
  return static_cast<LpId>(lps_.size() - 1);
}

void Simulator::schedule(LpId target, Time at, Payload payload, std::uint16_t priority) {
  assert(target < lps_.size() && "event for an unknown logical process");
  queue_.push(Event{at, seqs_[target]++, target, target, priority, payload});
}

RunStats Simulator::run(Time until, const ProgressFn& progress, std::uint64_t every_events) {
  RunStats stats;
  bool stop = false;
  Context ctx;
  ctx.local_ = &queue_;
  ctx.stop_ = &stop;
  while (!queue_.empty() && queue_.top().time < until) {
    const Event e = queue_.pop();
    assert(e.time >= now_ && "an event scheduled in the past");
    now_ = e.time;
    ctx.now_ = e.time;
    ctx.self_ = e.target;
    ctx.seq_ = &seqs_[e.target];
    lps_[e.target]->handle(e, ctx);
    ++stats.events;
    if (progress && stats.events % every_events == 0) progress(now_, stats.events);
    if (stop) {
      stats.stopped = true;
      break;
    }
  }
  stats.end_time = now_;
  return stats;
}

}  // namespace sim
