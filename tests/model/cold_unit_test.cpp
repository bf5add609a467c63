#include "sim/model/cold_unit.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using sim::kHour;
using sim::kMinute;

const model::TempClass kFrozen{"frozen", -model::kNoLimitC, -18, 15 * kMinute, -22, -25};
const model::ColdUnitConfig kFreezer{2, 200, 2 * kHour, 30 * kMinute};

TEST(ColdUnit, WarmsTowardsTheRoomWhileDownAndCoolsBackAfter) {
  const model::ColdUnit u(kFreezer, kFrozen, 18, {{kHour, 2 * kHour}});
  EXPECT_DOUBLE_EQ(u.temperature(0), -22);
  EXPECT_DOUBLE_EQ(u.temperature(kHour), -22);
  for (double minutes : {1.0, 10.0, 30.0, 59.0}) {
    const double expected = 18 + (-22 - 18) * std::exp(-minutes / 120);
    EXPECT_NEAR(u.temperature(kHour + static_cast<sim::Time>(minutes * kMinute)), expected, 0.01);
  }
  const double at_repair = 18 - 40 * std::exp(-0.5);
  for (double minutes : {5.0, 30.0, 90.0}) {
    const double expected = -22 + (at_repair + 22) * std::exp(-minutes / 30);
    EXPECT_NEAR(u.temperature(2 * kHour + static_cast<sim::Time>(minutes * kMinute)), expected,
                0.01);
  }
  EXPECT_TRUE(u.down(kHour));
  EXPECT_FALSE(u.down(2 * kHour));
  EXPECT_EQ(u.next_change(0), kHour);
  EXPECT_EQ(u.next_change(kHour), 2 * kHour);
  EXPECT_EQ(u.next_change(2 * kHour), sim::kNever);
}

TEST(ColdUnit, KnowsWhenItsContentsLeftTheRange) {
  const model::ColdUnit u(kFreezer, kFrozen, 18, {{kHour, 2 * kHour}});
  // -22 to -18 towards 18 with tau 2 h: 2h * ln(40/36).
  const sim::Time leaves = kHour + std::llround(2 * 3600e3 * std::log(40.0 / 36.0));
  EXPECT_EQ(u.left_range(kHour + 5 * kMinute), sim::kNever);
  EXPECT_NEAR(static_cast<double>(u.left_range(kHour + 30 * kMinute)), leaves, 1);
  EXPECT_NEAR(static_cast<double>(u.left_range(2 * kHour + 10 * kMinute)), leaves, 1);
  EXPECT_EQ(u.left_range(10 * kHour), sim::kNever);
}

TEST(ColdUnit, OverlappingFailuresMerge) {
  const model::ColdUnit a(kFreezer, kFrozen, 18, {{kHour, 2 * kHour}, {90 * kMinute, 3 * kHour}});
  const model::ColdUnit b(kFreezer, kFrozen, 18, {{kHour, 3 * kHour}});
  for (sim::Time t = 0; t < 5 * kHour; t += 7 * kMinute)
    EXPECT_DOUBLE_EQ(a.temperature(t), b.temperature(t)) << t;
}

}  // namespace
