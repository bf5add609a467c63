#include "sim/engine/parallel_simulator.h"

#include <gtest/gtest.h>

#include "sim/engine/phold.h"

namespace {

sim::PholdConfig small_phold() {
  sim::PholdConfig c;
  c.lps = 2000;
  c.population = 2;
  c.end = 20 * sim::kSecond;
  c.seed = 99;
  return c;
}

TEST(ParallelSimulator, PholdMatchesTheSingleHeapReference) {
  const auto c = small_phold();
  const auto ref = sim::run_phold_reference(c);
  ASSERT_GT(ref.events, 30'000u);
  const auto par = sim::run_phold_engine(c, 1);
  EXPECT_EQ(par.events, ref.events);
  EXPECT_EQ(par.checksum, ref.checksum);
  EXPECT_EQ(par.events_per_lp, ref.events_per_lp);
}

TEST(ParallelSimulator, PholdIsIdenticalAtAnyThreadCount) {
  const auto c = small_phold();
  const auto one = sim::run_phold_engine(c, 1);
  for (int threads : {2, 4, 8}) {
    const auto many = sim::run_phold_engine(c, threads);
    EXPECT_EQ(many.events_per_lp, one.events_per_lp) << threads << " threads";
    EXPECT_EQ(many.checksum, one.checksum) << threads << " threads";
  }
}

// A run paused at any time, saved and continued by a new scheduler is the uninterrupted run.
TEST(ParallelSimulator, APausedAndRestoredRunIsTheUninterruptedOne) {
  const auto c = small_phold();
  const auto whole = sim::run_phold_engine(c, 1);
  for (sim::Time pause : {sim::Time{1}, sim::Time{2'345}, sim::Time{9'999}, sim::Time{17'000}})
    for (int threads : {1, 3}) {
      const auto resumed = sim::run_phold_engine(c, threads, pause);
      EXPECT_EQ(resumed.events, whole.events) << pause << " ms, " << threads << " threads";
      EXPECT_EQ(resumed.events_per_lp, whole.events_per_lp) << pause << " ms";
      EXPECT_EQ(resumed.checksum, whole.checksum) << pause << " ms";
    }
}

TEST(ParallelSimulator, RestoreRejectsAStateOfAnotherShape) {
  sim::ParallelSimulator engine(10, 1);
  sim::EngineState state;
  state.seqs.resize(3);
  EXPECT_THROW(engine.restore(state), std::invalid_argument);
}

TEST(ParallelSimulator, RejectsANonPositiveLookahead) {
  EXPECT_THROW(sim::ParallelSimulator(0, 1), std::invalid_argument);
}

}  // namespace

namespace {

// An LP that counts its events and reschedules itself every 7 ms.
class Ticker : public sim::LogicalProcess {
 public:
  std::vector<sim::Time> seen;
  void handle(const sim::Event& e, sim::Context& ctx) override {
    seen.push_back(e.time);
    if (e.payload.kind == 1 && ctx.now() + 7 < 200) ctx.schedule(ctx.now() + 7, {1, 0, 0});
  }
};

TEST(ParallelSimulator, BarriersSeeEverythingBeforeAndNothingAtTheirTime) {
  for (int threads : {1, 3}) {
    sim::ParallelSimulator engine(/*lookahead=*/25, threads);
    Ticker a, b;
    const auto ia = engine.add_process(a);
    engine.add_process(b);
    engine.schedule(ia, 0, {1, 0, 0});
    std::vector<std::pair<sim::Time, std::size_t>> calls;
    engine.set_barrier(50, [&](sim::Time t) {
      calls.push_back({t, a.seen.size()});
      for (sim::Time x : a.seen) EXPECT_LT(x, t);
      engine.schedule(1, t, {2, 0, 0});  // a marker for b at the barrier's own time
    });
    const auto stats = engine.run(1000);
    ASSERT_EQ(calls.size(), 4u) << threads;  // 50, 100, 150, 200: the ticks end at 196
    EXPECT_EQ(calls[0], (std::pair<sim::Time, std::size_t>{50, 8}));  // 0, 7, ..., 49
    EXPECT_EQ(b.seen, (std::vector<sim::Time>{50, 100, 150, 200}));
    EXPECT_EQ(stats.barriers, 4u);
  }
}

}  // namespace
