#include "sim/model/stock.h"

#include <gtest/gtest.h>

namespace {

using sim::kHour;
using sim::kMinute;

TEST(StockLevel, ReordersAtTheReorderPointAndReceivesAfterTheLeadTime) {
  // Traced by hand: 10 on the shelf, reorder 8 at 4 or below, 1 h lead time, room for 12.
  model::StockLevel s({10, 4, 8, kHour, 12, {}});
  EXPECT_EQ(s.take(3, 0), 3);  // 7 left
  EXPECT_EQ(s.on_order(), 0);
  EXPECT_EQ(s.take(3, 10 * kMinute), 3);  // 4 left: order 8, due at 1:10
  EXPECT_EQ(s.on_order(), 8);
  EXPECT_EQ(s.take(5, 30 * kMinute), 4);  // only 4: a stock-out
  EXPECT_EQ(s.stockouts(), 1u);
  EXPECT_EQ(s.on_order(), 8);  // 0 + 8 on order is above the reorder point
  EXPECT_EQ(s.on_hand(kHour + 9 * kMinute), 0);
  EXPECT_EQ(s.on_hand(kHour + 10 * kMinute), 8);
  EXPECT_EQ(s.take(5, kHour + 20 * kMinute), 5);  // 3 left: order min(8, 12 - 3) = 8
  EXPECT_EQ(s.on_order(), 8);
  EXPECT_EQ(s.on_hand(2 * kHour + 20 * kMinute), 11);
  EXPECT_EQ(s.replenishments(), 2u);
}

TEST(StockLevel, NeverOrdersMoreThanTheSpaceHolds) {
  model::StockLevel s({2, 5, 50, kHour, 10, {}});  // starts below the reorder point
  EXPECT_EQ(s.on_order(), 8);                      // room for 10, 2 on the shelf
  EXPECT_EQ(s.on_hand(kHour), 10);
  int delivered = 0;
  for (int k = 0; k < 100; ++k) {
    delivered += s.take(1, kHour + k * kMinute);
    EXPECT_LE(s.on_hand(kHour + k * kMinute) + s.on_order(), 10) << k;
  }
  // Every unit that left came in: 2 at the start plus 8 for each replenishment received.
  EXPECT_EQ(delivered + s.on_hand(kHour + 99 * kMinute),
            2 + 8 + 5 * static_cast<int>(s.replenishments() - 1) - s.on_order());
}

}  // namespace

TEST(StockLevel, ScheduledDeliveriesFillTheSpaceAtTheirTimesOfDay) {
  // The scenario starts at 07:00; deliveries at 06:00 and 14:00 each day, room for 10.
  model::StockPolicy p{6, 4, 8, kHour, 10, {6 * kHour, 14 * kHour}};
  model::StockLevel s(p, 7 * kHour);
  EXPECT_EQ(s.on_order(), 0);              // no reorder point on a schedule
  EXPECT_EQ(s.take(5, kHour), 5);          // 08:00: 1 left
  EXPECT_EQ(s.on_hand(7 * kHour - 1), 1);  // 13:59:59.999
  EXPECT_EQ(s.on_hand(7 * kHour), 10);     // 14:00 fills up
  EXPECT_EQ(s.take(10, 8 * kHour), 10);    // empty
  EXPECT_EQ(s.take(1, 22 * kHour), 0);     // 05:00 next day: still empty, a stock-out
  EXPECT_EQ(s.on_hand(23 * kHour), 10);    // 06:00 next day
  EXPECT_EQ(s.replenishments(), 2u);
  EXPECT_EQ(s.stockouts(), 1u);
}
