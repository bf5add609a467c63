#include "sim/model/replications.h"

#include <gtest/gtest.h>

namespace {

TEST(StudentT, MatchesTheTableAndTendsToTheNormal) {
  EXPECT_DOUBLE_EQ(model::student_t_975(1), 12.706);
  EXPECT_DOUBLE_EQ(model::student_t_975(9), 2.262);
  EXPECT_NEAR(model::student_t_975(40), 2.021, 0.001);
  EXPECT_NEAR(model::student_t_975(60), 2.000, 0.001);
  EXPECT_NEAR(model::student_t_975(120), 1.980, 0.001);
  EXPECT_NEAR(model::student_t_975(100000), 1.960, 0.001);
}

TEST(ReplicationIntervals, HandComputedMeanSdAndHalfWidth) {
  // On-time shares 0.80, 0.90, 0.85, 0.95: mean 0.875, sd 0.0645497, t(3) = 3.182,
  // half-width 3.182 * 0.0645497 / 2 = 0.1027.
  std::vector<model::Kpis> runs(4);
  const double shares[] = {0.80, 0.90, 0.85, 0.95};
  for (int i = 0; i < 4; ++i) runs[i].on_time_share = shares[i], runs[i].orders_placed = 100;
  const auto ci = model::replication_intervals(runs);
  const auto it =
      std::find_if(ci.begin(), ci.end(), [](auto& c) { return c.name == "on_time_share"; });
  ASSERT_NE(it, ci.end());
  EXPECT_NEAR(it->mean, 0.875, 1e-12);
  EXPECT_NEAR(it->sd, 0.0645497, 1e-6);
  EXPECT_NEAR(it->half_width, 0.10270, 1e-4);
  EXPECT_EQ(it->n, 4u);
  EXPECT_EQ(ci.front().name, "orders_placed");
  EXPECT_EQ(ci.front().sd, 0);
}

}  // namespace
