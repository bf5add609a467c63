#include "sim/model/weather.h"

#include <gtest/gtest.h>

namespace {

using sim::kHour;
using sim::kMinute;

// Calm but for a storm from 15:00 to 17:00 (wind) and rain at 20:00.
model::Weather stormy_afternoon() {
  model::Weather w;
  w.wind_mps.fill(4);
  w.wind_mps[15] = w.wind_mps[16] = 15;
  w.rain_mmh[20] = 6;
  return w;
}

TEST(FlightWeather, GroundsDronesInTheHoursAboveTheLimits) {
  const model::FlightWeather fw(stormy_afternoon(), {12, 2}, 7 * kHour);  // t = 0 is 07:00
  EXPECT_TRUE(fw.flyable(0));
  EXPECT_TRUE(fw.flyable(8 * kHour - 1));  // 14:59:59.999
  EXPECT_FALSE(fw.flyable(8 * kHour));     // 15:00
  EXPECT_FALSE(fw.flyable(9 * kHour + 59 * kMinute));
  EXPECT_TRUE(fw.flyable(10 * kHour));             // 17:00
  EXPECT_FALSE(fw.flyable(13 * kHour + kMinute));  // 20:01, rain
  EXPECT_FALSE(fw.flyable(32 * kHour));            // 15:00 the next day
}

TEST(FlightWeather, KnowsWhenTheyMayFlyAgainAndWhenTheyMustLand) {
  const model::FlightWeather fw(stormy_afternoon(), {12, 2}, 7 * kHour + 30 * kMinute);
  // t = 0 is 07:30; 15:00 is t = 7.5 h.
  EXPECT_EQ(fw.next_grounding(0), 7 * kHour + 30 * kMinute);
  EXPECT_EQ(fw.next_flyable(8 * kHour), 9 * kHour + 30 * kMinute);  // 17:00
  EXPECT_EQ(fw.next_flyable(kHour), kHour);
  EXPECT_EQ(fw.next_grounding(8 * kHour), 8 * kHour);  // already grounded
  model::Weather always_wet;
  always_wet.rain_mmh.fill(10);
  const model::FlightWeather never(always_wet, {12, 2}, 0);
  EXPECT_EQ(never.next_flyable(0), sim::kNever);
  const model::FlightWeather always(model::Weather{}, {12, 2}, 0);
  EXPECT_EQ(always.next_grounding(0), sim::kNever);
}

}  // namespace

TEST(FlightWeather, AStormGroundsDronesBetweenItsEdges) {
  model::Weather calm;
  const model::FlightWeather fw(calm, {12, 2}, 7 * kHour, {{kHour + 30 * kMinute, 2 * kHour}});
  EXPECT_TRUE(fw.flyable(kHour));
  EXPECT_FALSE(fw.flyable(kHour + 30 * kMinute));
  EXPECT_FALSE(fw.flyable(2 * kHour - 1));
  EXPECT_TRUE(fw.flyable(2 * kHour));
  EXPECT_EQ(fw.next_grounding(0), kHour + 30 * kMinute);
  EXPECT_EQ(fw.next_flyable(kHour + 45 * kMinute), 2 * kHour);
  EXPECT_EQ(fw.next_grounding(2 * kHour), sim::kNever);
}
