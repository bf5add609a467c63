// The warning a run's own orders raise when more than 5% never reached a store.
#include "sim/model/run_warnings.h"

#include <gtest/gtest.h>

namespace {

model::RunResult orders(int placed, int out_of_radius, int unreachable, int no_rider) {
  model::RunResult r;
  for (int i = 0; i < placed; ++i) {
    model::OrderRecord o;
    o.id = static_cast<std::uint32_t>(i);
    if (i < out_of_radius)
      o.reason = model::RejectReason::out_of_radius;
    else if (i < out_of_radius + unreachable)
      o.reason = model::RejectReason::unreachable;
    else if (i < out_of_radius + unreachable + no_rider)
      o.reason = model::RejectReason::no_rider;
    if (o.reason != model::RejectReason::none) o.status = model::OrderStatus::rejected;
    r.orders.push_back(o);
  }
  return r;
}

TEST(RunWarnings, FivePercentLostIsNoWarning) {
  EXPECT_TRUE(model::outcome_warnings(orders(100, 3, 2, 0)).empty());
  EXPECT_TRUE(model::outcome_warnings(orders(0, 0, 0, 0)).empty());
}

TEST(RunWarnings, MoreThanFivePercentLostCountsBothReasons) {
  const auto w = model::outcome_warnings(orders(100, 4, 2, 30));  // no_rider is not "lost"
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].rfind("6 of 100 orders (6.0%) never reached a store: 4 outside every store's "
                       "radius, 2 unreachable",
                       0),
            0u)
      << w[0];
}

TEST(RunWarnings, OperationsRejectionsAloneRaiseNone) {
  EXPECT_TRUE(model::outcome_warnings(orders(100, 0, 0, 60)).empty());
}

}  // namespace
