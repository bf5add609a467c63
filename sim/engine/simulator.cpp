#include "sim/engine/simulator.h"

#include <cassert>

namespace sim {

void Context::schedule(Time at, Payload payload, std::uint16_t priority) {
  sim_.push(self_, self_, at, payload, priority);
}

void Context::send(LpId target, Time at, Payload payload, std::uint16_t priority) {
  sim_.push(self_, target, at, payload, priority);
}

LpId Simulator::add_process(LogicalProcess& lp) {
  lps_.push_back(&lp);
  seqs_.push_back(0);
  return static_cast<LpId>(lps_.size() - 1);
}

void Simulator::schedule(LpId target, Time at, Payload payload, std::uint16_t priority) {
  push(target, target, at, payload, priority);
}

void Simulator::push(LpId source, LpId target, Time at, Payload payload, std::uint16_t priority) {
  assert(target < lps_.size() && "event for an unknown logical process");
  assert(at >= now_ && "an event scheduled in the past");
  queue_.push(Event{at, seqs_[source]++, target, source, priority, payload});
}

RunStats Simulator::run(Time until, const ProgressFn& progress, std::uint64_t every_events) {
  RunStats stats;
  Context ctx(*this, seqs_);
  while (!queue_.empty() && queue_.top().time < until) {
    const Event e = queue_.pop();
    now_ = e.time;
    ctx.now_ = e.time;
    ctx.self_ = e.target;
    lps_[e.target]->handle(e, ctx);
    ++stats.events;
    if (progress && stats.events % every_events == 0) progress(now_, stats.events);
    if (ctx.stop_) {
      stats.stopped = true;
      break;
    }
  }
  stats.end_time = now_;
  return stats;
}

}  // namespace sim
