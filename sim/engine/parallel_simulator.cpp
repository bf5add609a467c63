#include "sim/engine/parallel_simulator.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

namespace sim {

// One LP's private state, padded so that neighbouring LPs never share a cache line.
struct alignas(64) ParallelSimulator::Lp {
  LogicalProcess* process = nullptr;
  EventQueue queue;
  std::vector<Event> outbox;
  std::uint64_t seq = 0;
  std::uint64_t events = 0;
  bool stop = false;
};

ParallelSimulator::ParallelSimulator(Time lookahead, int threads)
    : lookahead_(lookahead),
      threads_(threads > 0 ? threads : tbb::info::default_concurrency()) {
  if (lookahead <= 0) throw std::invalid_argument("the lookahead must be positive");
}

ParallelSimulator::~ParallelSimulator() = default;

LpId ParallelSimulator::add_process(LogicalProcess& lp) {
  lps_.push_back(std::make_unique<Lp>());
  lps_.back()->process = &lp;
  return static_cast<LpId>(lps_.size() - 1);
}

void ParallelSimulator::schedule(LpId target, Time at, Payload payload, std::uint16_t priority) {
  assert(target < lps_.size() && "event for an unknown logical process");
  Lp& lp = *lps_[target];
  lp.queue.push(Event{at, lp.seq++, target, target, priority, payload});
}

Time ParallelSimulator::earliest() const {
  return tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, lps_.size(), 1024), kNever,
      [&](const tbb::blocked_range<std::size_t>& r, Time t) {
        for (std::size_t i = r.begin(); i != r.end(); ++i)
          if (!lps_[i]->queue.empty()) t = std::min(t, lps_[i]->queue.top().time);
        return t;
      },
      [](Time a, Time b) { return std::min(a, b); });
}

// Messages go into their target's queue. The queue orders them by their keys, so the order in
// which outboxes are drained does not matter for the result; it is fixed anyway.
void ParallelSimulator::deliver(ParallelRunStats& stats) {
  for (auto& lp : lps_) {
    for (const Event& e : lp->outbox) lps_[e.target]->queue.push(e);
    stats.messages += lp->outbox.size();
    lp->outbox.clear();
  }
}

ParallelRunStats ParallelSimulator::run(Time until, const Simulator::ProgressFn& progress) {
  ParallelRunStats stats;
  tbb::task_arena arena(threads_);
  Time t = earliest();
  bool stop = false;
  while (t < until && !stop) {
    const Time window_end = std::min(t + lookahead_, until);
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, lps_.size(), 64),
                        [&](const tbb::blocked_range<std::size_t>& r) {
                          Context ctx;
                          for (std::size_t i = r.begin(); i != r.end(); ++i) {
                            Lp& lp = *lps_[i];
                            if (lp.queue.empty() || lp.queue.top().time >= window_end) continue;
                            ctx.self_ = static_cast<LpId>(i);
                            ctx.local_ = &lp.queue;
                            ctx.outbox_ = &lp.outbox;
                            ctx.seq_ = &lp.seq;
                            ctx.stop_ = &lp.stop;
                            while (!lp.queue.empty() && lp.queue.top().time < window_end) {
                              const Event e = lp.queue.pop();
                              ctx.now_ = e.time;
                              lp.process->handle(e, ctx);
                              ++lp.events;
                            }
                          }
                        });
    });
    ++stats.windows;
    for (const auto& lp : lps_) stop |= lp->stop;
    deliver(stats);
    stats.end_time = window_end;
    if (progress) progress(window_end, 0);
    t = earliest();
  }
  for (const auto& lp : lps_) stats.events += lp->events;
  stats.stopped = stop;
  return stats;
}

}  // namespace sim
