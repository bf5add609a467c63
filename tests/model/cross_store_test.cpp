// Cross-store dispatch: a store without an idle rider borrows one from another store.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/model/kpis.h"
#include "sim/model/world.h"
#include "world_fixtures.h"

namespace {

using model::testing::grid_point;

constexpr double kSpacing = 100;

// Store "a" has no riders of its own; store "b", 1.2 km east on the grid, has eight.
model::WorldConfig lending_city(bool cross_store) {
  model::WorldConfig w;
  w.seed = 5;
  w.start_tod = 12 * sim::kHour;
  w.duration = 2 * sim::kHour;
  model::StoreConfig a;
  a.id = "a";
  a.location = grid_point(10, 4, kSpacing);
  a.radius_m = 500;
  a.pickers = 4;
  model::StoreConfig b = a;
  b.id = "b";
  b.location = grid_point(10, 16, kSpacing);
  w.stores = {a, b};
  w.riders = {{1, 8, model::Vehicle::ebike, 18, 1, -1, -1, ""}};
  w.demand.orders_per_day = 24 * 20;  // 20 an hour, spread over the grid
  w.dispatch.cross_store = cross_store;
  return w;
}

model::RunResult run(const model::WorldConfig& w, int threads = 1) {
  model::World world(w, model::testing::grid(21, 21, kSpacing), threads);
  return world.run();
}

TEST(CrossStore, WithoutItAStoreWithoutRidersRejectsItsOrders) {
  const auto r = run(lending_city(false));
  int at_a = 0;
  for (const auto& o : r.orders) {
    if (o.store != 0) continue;
    ++at_a;
    EXPECT_EQ(o.reason, model::RejectReason::no_rider);
  }
  EXPECT_GT(at_a, 3);
  EXPECT_EQ(r.riders_lent, 0u);
}

TEST(CrossStore, BorrowedRidersRideOverBeforePickingUp) {
  const auto w = lending_city(true);
  const auto r = run(w);
  int served = 0;
  for (const auto& o : r.orders) {
    if (o.store != 0 || o.status != model::OrderStatus::delivered) continue;
    ++served;
    // Orders at "a" are only ever served by riders who came from "b" at a dispatch epoch.
    EXPECT_EQ(o.assigned % w.dispatch.epoch, 0) << o.id;
    // The first ride from b to a takes 12 blocks of 100 m at 18 km/h = 240 s.
    EXPECT_GE(o.picked_up - o.assigned, 0);
  }
  EXPECT_GT(served, 3);
  EXPECT_GT(r.riders_lent, 0u);
  // The first lent rider: assigned at an epoch, at the store 240 s later at the earliest.
  sim::Time first_assigned = sim::kNever, its_pickup = 0;
  for (const auto& o : r.orders)
    if (o.store == 0 && o.status == model::OrderStatus::delivered && o.assigned < first_assigned)
      first_assigned = o.assigned, its_pickup = o.picked_up;
  EXPECT_GE(its_pickup - first_assigned, 240'000);
  const auto k = model::compute_kpis(r);
  EXPECT_EQ(k.orders_open, 0u);
}

TEST(CrossStore, ThreadCountDoesNotChangeTheRun) {
  const auto one = run(lending_city(true), 1);
  for (int threads : {2, 4}) {
    const auto many = run(lending_city(true), threads);
    ASSERT_EQ(many.orders.size(), one.orders.size());
    for (std::size_t i = 0; i < one.orders.size(); ++i) {
      EXPECT_EQ(many.orders[i].rider, one.orders[i].rider) << i;
      EXPECT_EQ(many.orders[i].delivered, one.orders[i].delivered) << i;
    }
    EXPECT_EQ(many.riders_lent, one.riders_lent);
  }
}

}  // namespace
