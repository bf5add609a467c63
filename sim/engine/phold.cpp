#include "sim/engine/phold.h"

#include <algorithm>
#include <memory>
#include <queue>

#include "sim/engine/parallel_simulator.h"

namespace sim {

namespace {

std::uint64_t mix(std::uint64_t lp, Time t) {
  std::uint64_t s = lp * 0x9e3779b97f4a7c15ULL ^ static_cast<std::uint64_t>(t);
  return splitmix64(s);
}

// What one LP does with one event: count it and pick the next event's target and time.
struct PholdStep {
  std::uint32_t target;
  Time at;
};

inline PholdStep phold_step(const PholdConfig& c, RandomStream& rng, std::uint32_t self, Time now) {
  std::uint32_t target = self;
  if (rng.uniform() < c.remote) {
    target = static_cast<std::uint32_t>(rng.below(c.lps - 1));
    if (target >= self) ++target;
  }
  const Time delay = c.lookahead + static_cast<Time>(rng.exponential(c.mean_delay_ms));
  return {target, now + delay};
}

Time initial_time(const PholdConfig& c, RandomStream& rng) {
  return static_cast<Time>(rng.exponential(c.mean_delay_ms));
}

class PholdLp : public LogicalProcess {
 public:
  PholdLp(const PholdConfig& c, std::uint32_t id) : config_(c), id_(id), rng_(c.seed, id) {}
  void handle(const Event& e, Context& ctx) override {
    ++events_;
    checksum_ += mix(id_, e.time);
    const PholdStep s = phold_step(config_, rng_, id_, ctx.now());
    if (s.target == id_)
      ctx.schedule(s.at, {1, 0, 0});
    else
      ctx.send(s.target, s.at, {1, 0, 0});
  }
  RandomStream& rng() { return rng_; }
  std::uint64_t events_ = 0;
  std::uint64_t checksum_ = 0;

 private:
  const PholdConfig& config_;
  std::uint32_t id_;
  RandomStream rng_;
};

}  // namespace

PholdResult run_phold_reference(const PholdConfig& c) {
  struct Item {
    Time time;
    std::uint32_t target, source;
    std::uint64_t seq;
    bool operator>(const Item& o) const {
      return std::tie(time, target, source, seq) > std::tie(o.time, o.target, o.source, o.seq);
    }
  };
  std::vector<RandomStream> rngs;
  rngs.reserve(c.lps);
  std::vector<std::uint64_t> seqs(c.lps, 0);
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  for (std::uint32_t i = 0; i < c.lps; ++i) {
    rngs.emplace_back(c.seed, i);
    for (std::uint32_t k = 0; k < c.population; ++k)
      heap.push({initial_time(c, rngs[i]), i, i, seqs[i]++});
  }
  PholdResult r;
  r.events_per_lp.assign(c.lps, 0);
  while (!heap.empty() && heap.top().time < c.end) {
    const Item e = heap.top();
    heap.pop();
    ++r.events;
    ++r.events_per_lp[e.target];
    r.checksum += mix(e.target, e.time);
    const PholdStep s = phold_step(c, rngs[e.target], e.target, e.time);
    heap.push({s.at, s.target, e.target, seqs[e.target]++});
  }
  return r;
}

PholdResult run_phold_engine(const PholdConfig& c, int threads, Time pause_at) {
  auto engine_ptr = std::make_unique<ParallelSimulator>(c.lookahead, threads);
  ParallelSimulator& first = *engine_ptr;
  std::vector<PholdLp> lps;  // contiguous: the hot loop walks them in no particular order
  lps.reserve(c.lps);
  for (std::uint32_t i = 0; i < c.lps; ++i) {
    lps.emplace_back(c, i);
    first.add_process(lps.back());
  }
  for (std::uint32_t i = 0; i < c.lps; ++i)
    for (std::uint32_t k = 0; k < c.population; ++k)
      first.schedule(i, initial_time(c, lps[i].rng()), {1, 0, 0});
  std::uint64_t events = 0;
  if (pause_at < c.end) {
    first.run(pause_at);
    const EngineState saved = first.save(pause_at);
    events = saved.events;
    engine_ptr = std::make_unique<ParallelSimulator>(c.lookahead, threads);
    for (auto& lp : lps) engine_ptr->add_process(lp);
    engine_ptr->restore(saved);
  }
  const auto stats = engine_ptr->run(c.end);
  PholdResult r;
  r.events = events + stats.events;
  for (const auto& lp : lps) {
    r.events_per_lp.push_back(lp.events_);
    r.checksum += lp.checksum_;
  }
  return r;
}

}  // namespace sim
