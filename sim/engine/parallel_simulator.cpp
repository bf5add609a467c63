#include "sim/engine/parallel_simulator.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <string>

#include <thread>

#include "sim/engine/parallel_for.h"

namespace sim {

// A group of LPs run by one task per window. Padded so partitions never share a cache line.
struct alignas(64) ParallelSimulator::Partition {
  EventQueue queue;
  std::vector<Event> outbox;
  std::uint64_t events = 0;
  Time next = kNever;  // the earliest event left after the window
  bool stop = false;
};

ParallelSimulator::ParallelSimulator(Time lookahead, int threads)
    : lookahead_(lookahead),
      threads_(threads > 0 ? threads
                           : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))) {
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
  const Event e{at, seqs_[target]++, target, target, priority, payload};
  if (partitions_.empty())
    initial_.push_back(e);
  else
    partitions_[partition_of(target)]->queue.push(e);
}

EngineState ParallelSimulator::save(Time until) const {
  EngineState state;
  state.now = until;
  state.seqs = seqs_;
  state.pending = initial_;
  for (const auto& p : partitions_) {
    const auto& items = p->queue.items();
    state.pending.insert(state.pending.end(), items.begin(), items.end());
    state.pending.insert(state.pending.end(), p->outbox.begin(), p->outbox.end());
  }
  // Heap order depends on the grouping of LPs; the saved state does not.
  std::sort(state.pending.begin(), state.pending.end());
  for (const auto& p : partitions_) state.events += p->events;
  return state;
}

void ParallelSimulator::restore(const EngineState& state) {
  if (state.seqs.size() != lps_.size())
    throw std::invalid_argument("the saved run has " + std::to_string(state.seqs.size()) +
                                " logical processes, this one " + std::to_string(lps_.size()));
  assert(partitions_.empty() && "restore before the first run");
  seqs_ = state.seqs;
  initial_ = state.pending;
}

void ParallelSimulator::set_barrier(Time period, std::function<void(Time)> fn) {
  if (period <= 0) throw std::invalid_argument("the barrier period must be positive");
  barrier_period_ = period;
  barrier_ = std::move(fn);
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
  parallel_for_each(partitions_.size(), threads_, [&](std::size_t i) {
    Partition& p = *partitions_[i];
    Context ctx;
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
    p.next = p.queue.empty() ? kNever : p.queue.top().time;
  });
  Time earliest = kNever;
  for (const auto& p : partitions_) earliest = std::min(earliest, p->next);
  return earliest;
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
  Time t = kNever;
  for (const auto& p : partitions_)
    if (!p->queue.empty()) t = std::min(t, p->queue.top().time);
  bool stop = false;
  while (t < until && !stop) {
    Time window_end = std::min(t + lookahead_, until);
    if (barrier_) window_end = std::min(window_end, (t / barrier_period_ + 1) * barrier_period_);
    Time next = run_window(window_end);
    ++stats.windows;
    for (auto& p : partitions_) {
      stop |= p->stop;
      for (const Event& e : p->outbox) next = std::min(next, e.time);
    }
    deliver(stats);
    if (barrier_ && window_end % barrier_period_ == 0 && !stop) {
      barrier_(window_end);
      ++stats.barriers;
      for (const auto& p : partitions_)
        if (!p->queue.empty()) next = std::min(next, p->queue.top().time);
    }
    stats.end_time = window_end;
    if (progress) progress(window_end, 0);
    t = next;
  }
  for (const auto& p : partitions_) stats.events += p->events;
  stats.stopped = stop;
  return stats;
}

}  // namespace sim
