#include "sim/model/sensor_log.h"

#include <gtest/gtest.h>

namespace {

using Flag = model::SensorReading::Flag;
using sim::kMinute;

TEST(SensorLog, AlertsAfterConsecutiveReadingsOutsideAndClearsWhenBack) {
  model::SensorLog log(7, 0, 8, 2, 5 * kMinute);
  std::vector<model::SensorReading> out;
  const double values[] = {4, 9, 4, 9, 9.5, 10, 7, 7};
  int alerts = 0;
  for (int k = 0; k < 8; ++k) alerts += log.read(k * kMinute, values[k], out);
  EXPECT_EQ(alerts, 1);
  // Logged: minute 0 (first), minute 4 (the alert: two in a row outside), minute 6 (cleared);
  // the 5-minute period between.
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].time, 0);
  EXPECT_EQ(out[0].flag, Flag::reading);
  EXPECT_EQ(out[1].time, 4 * kMinute);
  EXPECT_EQ(out[1].flag, Flag::alert);
  EXPECT_EQ(out[1].sensor, 7u);
  EXPECT_DOUBLE_EQ(out[1].value_c, 9.5);
  EXPECT_EQ(out[2].time, 6 * kMinute);
  EXPECT_EQ(out[2].flag, Flag::cleared);
  EXPECT_FALSE(log.alerting());
}

TEST(SensorLog, KeepsOneReadingPerLogPeriod) {
  model::SensorLog log(0, -100, 100, 2, 5 * kMinute);
  std::vector<model::SensorReading> out;
  for (int k = 0; k <= 60; ++k) log.read(k * kMinute, 1, out);
  ASSERT_EQ(out.size(), 13u);  // minutes 0, 5, ..., 60
  for (std::size_t i = 0; i < out.size(); ++i)
    EXPECT_EQ(out[i].time, static_cast<sim::Time>(i) * 5 * kMinute);
}

}  // namespace

TEST(SensorLog, AnEmptiedBoxClearsItsAlert) {
  model::SensorLog log(3, 0, 8, 1, 5 * kMinute);
  std::vector<model::SensorReading> out;
  EXPECT_TRUE(log.read(0, 12, out));
  log.idle(kMinute, out);
  EXPECT_FALSE(log.alerting());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].flag, Flag::cleared);
  EXPECT_EQ(out[1].time, kMinute);
  EXPECT_DOUBLE_EQ(out[1].value_c, 12);
  log.idle(2 * kMinute, out);  // nothing more to clear
  EXPECT_EQ(out.size(), 2u);
}
