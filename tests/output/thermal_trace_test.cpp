#include "sim/output/thermal_trace.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <gtest/gtest.h>

#include "sim/model/thermal.h"

namespace output {
namespace {

using sim::kMinute, sim::kSecond;

// A chilled product's day as a ThermalTracker sees it, recorded as a trace: each move starts a
// point at the tracker's temperature then.
struct Move {
  sim::Time at;
  double env_c, tau_s;
};
const Move kMoves[] = {
    {0, 20, 600},                             // on the counter
    {3 * kMinute, 8, 1800},                   // in the rider's box
    {10 * kMinute + 500, 25, 0},              // no insulation: takes the heat at once
    {12 * kMinute, -2, 300},                  // a cold pack
    {20 * kMinute + 250 * kSecond, 20, 600},  // at the door
};

model::ThermalTrace recorded_trace(double start_c) {
  model::ThermalTracker tracker(start_c, 0, 4, 0);
  model::ThermalTrace trace;
  for (const auto& m : kMoves) {
    trace.points.push_back({m.at, tracker.temperature(m.at), m.env_c, m.tau_s});
    tracker.move_to(m.env_c, m.tau_s, m.at);
  }
  return trace;
}

TEST(TraceTemperature, MatchesTheThermalModelBetweenAndAtThePoints) {
  const auto trace = recorded_trace(3);
  model::ThermalTracker tracker(3, 0, 4, 0);
  const sim::Time end = kMoves[4].at + 15 * kMinute;
  int checked = 0;
  for (std::size_t m = 0; m < std::size(kMoves); ++m) {
    tracker.move_to(kMoves[m].env_c, kMoves[m].tau_s, kMoves[m].at);
    const sim::Time until = m + 1 < std::size(kMoves) ? kMoves[m + 1].at : end;
    for (sim::Time t = kMoves[m].at; t < until; t += 7 * kSecond + 3, ++checked) {
      EXPECT_NEAR(trace_temperature(trace, t), tracker.temperature(t), 1e-9) << "t = " << t;
      // And piecewise, straight from temperature_after.
      EXPECT_NEAR(trace_temperature(trace, t),
                  model::temperature_after(trace.points[m].temp_c, kMoves[m].env_c, kMoves[m].tau_s,
                                           t - kMoves[m].at),
                  1e-9);
    }
  }
  EXPECT_GT(checked, 300);  // about 2350 s every 7 s
}

TEST(TraceTemperature, HandChecked) {
  model::ThermalTrace trace;
  trace.points = {{0, 4, 20, 600}, {10 * kMinute, 10, 30, 0}};
  EXPECT_DOUBLE_EQ(trace_temperature(trace, -kMinute), 4);  // before the first point
  // 20 - 16 e^{-1} after one time constant.
  EXPECT_NEAR(trace_temperature(trace, 10 * kMinute - 1), 20 - 16 * std::exp(-1.0), 1e-4);
  EXPECT_DOUBLE_EQ(trace_temperature(trace, 10 * kMinute), 10);      // the point itself
  EXPECT_DOUBLE_EQ(trace_temperature(trace, 10 * kMinute + 1), 30);  // tau 0: at once
}

TEST(SampleTrace, SpansTheTraceAndItsTailKeepingEveryPoint) {
  const auto trace = recorded_trace(2);
  const sim::Time tail = 2 * kMinute;
  const auto samples = sample_trace(trace, 100, tail);
  ASSERT_GE(samples.size(), 100u);
  EXPECT_LE(samples.size(), 105u);
  EXPECT_EQ(samples.front().first, 0);
  EXPECT_EQ(samples.back().first, kMoves[4].at + tail);
  for (const auto& m : kMoves) {
    const auto at = std::find_if(samples.begin(), samples.end(),
                                 [&](const auto& s) { return s.first == m.at; });
    ASSERT_NE(at, samples.end()) << m.at;
  }
  for (std::size_t i = 1; i < samples.size(); ++i)
    EXPECT_LT(samples[i - 1].first, samples[i].first);
  for (const auto& [t, c] : samples) EXPECT_EQ(c, trace_temperature(trace, t));
  EXPECT_TRUE(sample_trace(model::ThermalTrace{}, 100, tail).empty());
}

}  // namespace
}  // namespace output
