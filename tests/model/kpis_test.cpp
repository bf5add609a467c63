#include "sim/model/kpis.h"

#include <vector>

#include <gtest/gtest.h>

namespace model {
namespace {

TEST(Summarize, UsesNearestRankPercentiles) {
  std::vector<double> values;
  for (int i = 100; i >= 1; --i) values.push_back(i);  // unsorted on purpose
  const Summary s = summarize(values);
  EXPECT_EQ(s.count, 100u);
  EXPECT_DOUBLE_EQ(s.mean, 50.5);
  EXPECT_EQ(s.p50, 50);
  EXPECT_EQ(s.p90, 90);
  EXPECT_EQ(s.p99, 99);
}

TEST(Summarize, RoundsTheRankUpOnSmallSamples) {
  // Ranks ceil(q * 3): p50 -> 2nd, p90 -> 3rd, p99 -> 3rd.
  const Summary s = summarize({30, 10, 20});
  EXPECT_EQ(s.p50, 20);
  EXPECT_EQ(s.p90, 30);
  EXPECT_EQ(s.p99, 30);
  EXPECT_DOUBLE_EQ(s.mean, 20);

  // Ranks ceil(q * 10): p50 -> 5th, p90 -> 9th, p99 -> 10th.
  const Summary ten = summarize({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  EXPECT_EQ(ten.p50, 5);
  EXPECT_EQ(ten.p90, 9);
  EXPECT_EQ(ten.p99, 10);
}

TEST(Summarize, OneValueIsEveryPercentile) {
  const Summary s = summarize({7.5});
  EXPECT_EQ(s.count, 1u);
  EXPECT_EQ(s.mean, 7.5);
  EXPECT_EQ(s.p50, 7.5);
  EXPECT_EQ(s.p90, 7.5);
  EXPECT_EQ(s.p99, 7.5);
}

TEST(Summarize, EmptySampleIsAllZero) {
  const Summary s = summarize({});
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.mean, 0);
  EXPECT_EQ(s.p50, 0);
  EXPECT_EQ(s.p90, 0);
  EXPECT_EQ(s.p99, 0);
}

}  // namespace
}  // namespace model
