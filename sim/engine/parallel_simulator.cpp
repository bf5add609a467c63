#include "sim/engine/parallel_simulator.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

namespace sim {

// A group of LPs run by one task per window. Padded so partitions never share a cache line.
struct alignas(64) ParallelSimulator::Partition {
  EventQueue queue;
  std::vector<Event> outbox;
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
  assert(partitions_.empty() && "processes are added before the run");
  lps_.push_back(&lp);
  seqs_.push_back(0);
  return static_cast<LpId>(lps_.size() - 1);
}

void ParallelSimulator::schedule(LpId target, Time at, Payload payload, std::uint16_t priority) {
  assert(target < lps_.size() && "event for an unknown logical process");
  initial_.push_back(Event{at, seqs_[target]++, target, target, priority, payload});
}

void ParallelSimulator::partition() {
  const std::size_t n = std::min(lps_.size(), kMaxPartitions);
  for (std::size_t i = 0; i < n; ++i) partitions_.push_back(std::make_unique<Partition>());
  for (const Event& e : initial_) partitions_[partition_of(e.target)]->queue.push(e);
  initial_.clear();
  initial_.shrink_to_fit();
}

// Runs every partition's events before `window_end`; returns the earliest event left in any
// partition queue (kNever if none).
Time ParallelSimulator::run_window(Time window_end) {
  return tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, partitions_.size(), 1), kNever,
      [&](const tbb::blocked_range<std::size_t>& r, Time earliest) {
        Context ctx;
        for (std::size_t i = r.begin(); i != r.end(); ++i) {
          Partition& p = *partitions_[i];
          ctx.local_ = &p.queue;
          ctx.outbox_ = &p.outbox;
          ctx.stop_ = &p.stop;
          while (!p.queue.empty() && p.queue.top().time < window_end) {
            const Event e = p.queue.pop();
            ctx.now_ = e.time;
            ctx.self_ = e.target;
            ctx.seq_ = &seqs_[e.target];
            lps_[e.target]->handle(e, ctx);
            ++p.events;
          }
          if (!p.queue.empty()) earliest = std::min(earliest, p.queue.top().time);
        }
        return earliest;
      },
      [](Time a, Time b) { return std::min(a, b); });
}

// Messages go into their target's queue, which orders them by their keys: the order in which
// outboxes are drained cannot change a result. (Events an LP schedules for itself never travel
// here: they go straight to its partition's queue.)
void ParallelSimulator::deliver(ParallelRunStats& stats) {
  for (auto& p : partitions_) {
    for (const Event& e : p->outbox) partitions_[partition_of(e.target)]->queue.push(e);
    stats.messages += p->outbox.size();
    p->outbox.clear();
  }
}

ParallelRunStats ParallelSimulator::run(Time until, const Simulator::ProgressFn& progress) {
  ParallelRunStats stats;
  if (partitions_.empty()) partition();
  tbb::task_arena arena(threads_);
  Time t = kNever;
  for (const auto& p : partitions_)
    if (!p->queue.empty()) t = std::min(t, p->queue.top().time);
  bool stop = false;
  while (t < until && !stop) {
    const Time window_end = std::min(t + lookahead_, until);
    Time next = kNever;
    arena.execute([&] { next = run_window(window_end); });
    ++stats.windows;
    for (auto& p : partitions_) {
      stop |= p->stop;
      for (const Event& e : p->outbox) next = std::min(next, e.time);
    }
    deliver(stats);
    stats.end_time = window_end;
    if (progress) progress(window_end, 0);
    t = next;
  }
  for (const auto& p : partitions_) stats.events += p->events;
  stats.stopped = stop;
  return stats;
}

}  // namespace sim
