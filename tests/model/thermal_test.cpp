#include "sim/model/thermal.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using model::temperature_after;
using model::time_outside;

TEST(Thermal, MatchesTheExponentialAtSampledTimes) {
  // A chilled item at 4 °C in a box (tau 40 min) on a 30 °C afternoon.
  const double tau = 2400;
  for (int minute = 0; minute <= 120; minute += 5) {
    const double expected = 30 + (4 - 30) * std::exp(-minute * 60.0 / tau);
    EXPECT_NEAR(temperature_after(4, 30, tau, minute * sim::kMinute), expected, 0.01) << minute;
  }
  EXPECT_NEAR(temperature_after(4, 30, tau, 10 * sim::kHour), 30, 0.01);
  EXPECT_DOUBLE_EQ(temperature_after(-20, 5, 0, sim::kSecond), 5);  // no insulation
  EXPECT_DOUBLE_EQ(temperature_after(-20, 5, 600, 0), -20);
}

TEST(Thermal, ChainedIntervalsEqualOneInterval) {
  // The exact solution has no step error: two halves make the whole.
  const double half = temperature_after(-18, 25, 900, 7 * sim::kMinute);
  EXPECT_NEAR(temperature_after(half, 25, 900, 7 * sim::kMinute),
              temperature_after(-18, 25, 900, 14 * sim::kMinute), 1e-9);
}

// The reference: the exact curve sampled every 10 ms.
sim::Time sampled_outside(double start, double env, double tau, sim::Time dt, double lo,
                          double hi) {
  sim::Time out = 0;
  for (sim::Time t = 0; t < dt; t += 10) {
    const double temp = temperature_after(start, env, tau, t + 5);
    out += (temp < lo || temp > hi) ? 10 : 0;
  }
  return out;
}

TEST(Thermal, TimeOutsideTheRangeMatchesAFineSampling) {
  struct Case {
    double start, env, tau;
    sim::Time dt;
  };
  const Case cases[] = {
      {4, 30, 1200, 40 * sim::kMinute},   // chilled warming up: leaves 0-8 °C
      {12, 4, 600, 30 * sim::kMinute},    // back in the fridge: comes into range
      {-25, 20, 900, 30 * sim::kMinute},  // frozen crossing the whole chilled range
      {20, -25, 900, 30 * sim::kMinute},  // and the other way
      {2, 6, 600, 30 * sim::kMinute},     // stays inside
      {10, 25, 600, 30 * sim::kMinute},   // outside all along, same side
      {4, 9, 3000, 10 * sim::kMinute},    // heading out but not there yet
  };
  for (const auto& c : cases) {
    const sim::Time exact = time_outside(c.start, c.env, c.tau, c.dt, 0, 8);
    EXPECT_NEAR(static_cast<double>(exact),
                static_cast<double>(sampled_outside(c.start, c.env, c.tau, c.dt, 0, 8)), 20)
        << c.start << " -> " << c.env;
  }
  EXPECT_EQ(time_outside(2, 6, 600, sim::kHour, 0, 8), 0);
  EXPECT_EQ(time_outside(10, 25, 600, sim::kHour, 0, 8), sim::kHour);
  EXPECT_EQ(time_outside(4, 30, 0, sim::kHour, 0, 8), sim::kHour);
  EXPECT_EQ(time_outside(4, 30, 600, 0, 0, 8), 0);
}

TEST(ThermalTracker, AFreezerFailureShowsInTheTimeOutOfRange) {
  // A frozen item (range -40..-18 °C) at -22 °C in a freezer (tau 3 h); the freezer fails at
  // 1:00 and its inside drifts to +5 °C (tau 3 h still) until 3:00, when it is back at -22 °C.
  const double tau = 3 * 3600;
  model::ThermalTracker item(-22, -40, -18, 0);
  item.move_to(-22, tau, 0);
  item.move_to(5, tau, sim::kHour);
  item.move_to(-22, tau, 3 * sim::kHour);
  // Reference: step the exact curve every second through the three stretches.
  sim::Time outside = 0;
  double temp = -22;
  for (sim::Time t = 0; t < 6 * sim::kHour; t += sim::kSecond) {
    const double env = (t >= sim::kHour && t < 3 * sim::kHour) ? 5 : -22;
    const double mid = model::temperature_after(temp, env, tau, sim::kSecond / 2);
    outside += (mid > -18 || mid < -40) ? sim::kSecond : 0;
    temp = model::temperature_after(temp, env, tau, sim::kSecond);
  }
  EXPECT_NEAR(static_cast<double>(item.time_outside(6 * sim::kHour)), static_cast<double>(outside),
              2000);
  EXPECT_NEAR(item.temperature(6 * sim::kHour), temp, 0.01);
  EXPECT_GT(item.time_outside(6 * sim::kHour), sim::kHour);
  // Without the failure it never leaves the range.
  model::ThermalTracker safe(-22, -40, -18, 0);
  safe.move_to(-22, tau, 0);
  EXPECT_EQ(safe.time_outside(6 * sim::kHour), 0);
}

}  // namespace
