#include "sim/engine/random.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace {

struct Moments {
  double mean = 0, var = 0;
};

template <class Draw>
Moments moments(Draw draw, int n) {
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw();
    sum += x;
    sum2 += x * x;
  }
  Moments m;
  m.mean = sum / n;
  m.var = sum2 / n - m.mean * m.mean;
  return m;
}

TEST(RandomStream, SameSeedAndEntityGiveTheSameStream) {
  sim::RandomStream a(42, 7), b(42, 7);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.next(), b.next());
}

TEST(RandomStream, OtherEntityOrSeedGivesAnotherStream) {
  sim::RandomStream a(42, 7), b(42, 8), c(43, 7);
  int same_b = 0, same_c = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto x = a.next();
    same_b += x == b.next();
    same_c += x == c.next();
  }
  EXPECT_EQ(same_b, 0);
  EXPECT_EQ(same_c, 0);
}

// Tolerances are about five standard errors of the estimate for n = 400,000.
TEST(RandomStream, UniformHasMeanHalfAndVarianceTwelfth) {
  sim::RandomStream r(1, 1);
  const auto m = moments([&] { return r.uniform(); }, 400'000);
  EXPECT_NEAR(m.mean, 0.5, 0.0025);
  EXPECT_NEAR(m.var, 1.0 / 12, 0.001);
}

TEST(RandomStream, ExponentialHasItsMeanAndVariance) {
  sim::RandomStream r(1, 2);
  const auto m = moments([&] { return r.exponential(3.0); }, 400'000);
  EXPECT_NEAR(m.mean, 3.0, 0.025);
  EXPECT_NEAR(m.var, 9.0, 0.25);
}

TEST(RandomStream, LognormalHasTheRequestedMeanAndCv) {
  sim::RandomStream r(1, 3);
  const auto m = moments([&] { return r.lognormal(120.0, 0.4); }, 400'000);
  EXPECT_NEAR(m.mean, 120.0, 0.5);
  EXPECT_NEAR(std::sqrt(m.var) / m.mean, 0.4, 0.01);
}

TEST(RandomStream, PoissonHasEqualMeanAndVariance) {
  sim::RandomStream r(1, 4);
  const auto m = moments([&] { return static_cast<double>(r.poisson(3.0)); }, 400'000);
  EXPECT_NEAR(m.mean, 3.0, 0.02);
  EXPECT_NEAR(m.var, 3.0, 0.06);
}

TEST(RandomStream, BelowStaysInRangeAndIsUniform) {
  sim::RandomStream r(1, 5);
  std::vector<int> counts(10, 0);
  for (int i = 0; i < 100'000; ++i) {
    const auto k = r.below(10);
    ASSERT_LT(k, 10u);
    ++counts[k];
  }
  for (int c : counts) EXPECT_NEAR(c, 10'000, 500);
}

}  // namespace
