#include "sim/engine/simulator.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim/engine/event_queue.h"
#include "sim/engine/random.h"

namespace {

// Records every event it sees; optionally schedules follow-ups.
class Recorder : public sim::LogicalProcess {
 public:
  std::vector<sim::Event> seen;
  std::function<void(const sim::Event&, sim::Context&)> react;
  void handle(const sim::Event& e, sim::Context& ctx) override {
    seen.push_back(e);
    if (react) react(e, ctx);
  }
};

TEST(EventQueue, PopsInTotalOrder) {
  sim::RandomStream rng(7, 0);
  sim::EventQueue q;
  std::vector<sim::Event> all;
  for (std::uint64_t i = 0; i < 2000; ++i) {
    sim::Event e{static_cast<sim::Time>(rng.below(50)),    i,
                 static_cast<sim::LpId>(rng.below(3)),     static_cast<sim::LpId>(rng.below(3)),
                 static_cast<std::uint16_t>(rng.below(2)), {}};
    all.push_back(e);
    q.push(e);
  }
  std::sort(all.begin(), all.end());
  for (const auto& expected : all) {
    const auto got = q.pop();
    EXPECT_EQ(got.time, expected.time);
    EXPECT_EQ(got.seq, expected.seq);
  }
  EXPECT_TRUE(q.empty());
}

TEST(Simulator, RunsEventsInTimeThenPriorityOrder) {
  sim::Simulator s;
  Recorder a;
  const auto id = s.add_process(a);
  s.schedule(id, 30, {1, 0, 0});
  s.schedule(id, 10, {2, 0, 0}, /*priority=*/5);
  s.schedule(id, 10, {3, 0, 0}, /*priority=*/1);
  s.schedule(id, 20, {4, 0, 0});
  const auto stats = s.run(100);
  ASSERT_EQ(stats.events, 4u);
  std::vector<int> kinds;
  for (const auto& e : a.seen) kinds.push_back(e.payload.kind);
  EXPECT_EQ(kinds, (std::vector<int>{3, 2, 4, 1}));
  EXPECT_FALSE(stats.stopped);
}

TEST(Simulator, EqualKeysKeepSchedulingOrder) {
  sim::Simulator s;
  Recorder a;
  const auto id = s.add_process(a);
  for (std::uint32_t i = 0; i < 100; ++i) s.schedule(id, 5, {1, i, 0});
  s.run(10);
  for (std::uint32_t i = 0; i < 100; ++i) EXPECT_EQ(a.seen[i].payload.a, i);
}

TEST(Simulator, StopsAtTheTimeLimitAndOnRequest) {
  sim::Simulator s;
  Recorder a;
  const auto id = s.add_process(a);
  a.react = [](const sim::Event& e, sim::Context& ctx) {
    ctx.schedule(ctx.now() + 10, {1, e.payload.a + 1, 0});
    if (e.payload.a == 50) ctx.request_stop();
  };
  s.schedule(id, 0, {1, 0, 0});
  auto stats = s.run(105);  // events at 0, 10, ..., 100
  EXPECT_EQ(stats.events, 11u);
  EXPECT_FALSE(stats.stopped);
  stats = s.run(10'000);
  EXPECT_TRUE(stats.stopped);
  EXPECT_EQ(a.seen.back().payload.a, 50u);
  EXPECT_EQ(stats.end_time, 500);
}

TEST(Simulator, MessagesBetweenProcessesArriveAtTheirTarget) {
  sim::Simulator s;
  Recorder a, b;
  const auto ia = s.add_process(a);
  const auto ib = s.add_process(b);
  a.react = [ib](const sim::Event& e, sim::Context& ctx) {
    ctx.send(ib, ctx.now() + 3, {9, e.payload.a, 0});
  };
  s.schedule(ia, 1, {1, 42, 0});
  s.run(100);
  ASSERT_EQ(b.seen.size(), 1u);
  EXPECT_EQ(b.seen[0].time, 4);
  EXPECT_EQ(b.seen[0].source, ia);
  EXPECT_EQ(b.seen[0].payload.a, 42u);
}

}  // namespace
