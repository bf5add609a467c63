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

TEST(ParallelSimulator, RejectsANonPositiveLookahead) {
  EXPECT_THROW(sim::ParallelSimulator(0, 1), std::invalid_argument);
}

}  // namespace
