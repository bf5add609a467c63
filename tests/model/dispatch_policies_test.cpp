// The dispatch policies, time-dependent travel and repositioning inside the running world.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/model/kpis.h"
#include "sim/model/store_routes.h"
#include "sim/model/world.h"
#include "sim/model/world_setup.h"
#include "world_fixtures.h"

namespace {

using model::OrderStatus;
using model::testing::grid;
using model::testing::grid_point;

constexpr double kSpacing = 100;
constexpr int kSide = 30;

// One store short of riders at lunch: orders pile up, so batching has something to bundle.
model::WorldConfig lunch_rush(const std::string& policy, int capacity) {
  model::WorldConfig w;
  w.seed = 9;
  w.start_tod = 11 * sim::kHour;
  w.duration = 3 * sim::kHour;
  model::StoreConfig s;
  s.id = "centre";
  s.location = grid_point(15, 15, kSpacing);
  s.radius_m = 1200;
  s.pickers = 6;
  w.stores = {s};
  w.riders = {{0, 6, model::Vehicle::ebike, 18, capacity, -1, -1, ""}};
  w.demand.orders_per_day = 24 * 120;
  w.demand.hotspots = {{grid_point(10, 20, kSpacing), 250, 3}};
  w.demand.area = model::DemandArea::network;  // a lunch sized for the whole grid's customers
  w.dispatch.policy = policy;
  model::testing::no_counter_or_door(w);
  return w;
}

model::RunResult run(const model::WorldConfig& w, int threads = 1, int side = kSide) {
  model::World world(w, grid(side, side, kSpacing), threads);
  return world.run();
}

// The most orders any rider carried at once, from the orders' pickup and drop-off times.
int most_on_board(const model::RunResult& r) {
  std::map<std::int32_t, std::vector<std::pair<sim::Time, int>>> events;
  for (const auto& o : r.orders) {
    if (o.status != OrderStatus::delivered) continue;
    events[o.rider].push_back({o.picked_up, +1});
    events[o.rider].push_back({o.delivered, -1});
  }
  int most = 0;
  for (auto& [rider, list] : events) {
    std::sort(list.begin(), list.end());  // a drop-off before a pickup at the same instant
    int load = 0;
    for (const auto& [t, step] : list) most = std::max(most, load += step);
  }
  return most;
}

class EveryPolicy : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryPolicy, KeepsCapacityAndPicksUpBeforeDroppingOff) {
  const auto r = run(lunch_rush(GetParam(), 3));
  const auto k = model::compute_kpis(r);
  ASSERT_GT(k.orders_placed, 100u);
  EXPECT_EQ(k.orders_open, 0u);
  EXPECT_EQ(k.orders_delivered + k.orders_rejected, k.orders_placed);
  EXPECT_GT(k.orders_delivered, k.orders_placed / 2);
  for (const auto& o : r.orders) {
    if (o.status != OrderStatus::delivered) continue;
    EXPECT_LE(o.assigned, o.picked_up) << o.id;
    EXPECT_LE(o.packed, o.picked_up) << o.id;
    EXPECT_LT(o.picked_up, o.delivered) << o.id;
  }
  const int most = most_on_board(r);
  EXPECT_LE(most, 3);
  if (GetParam() == "nearest_idle")
    EXPECT_EQ(most, 1);  // one order a trip, whatever the capacity
  else
    EXPECT_GE(most, 2);  // bundles under load
}

TEST_P(EveryPolicy, ThreadCountDoesNotChangeTheRun) {
  const auto one = run(lunch_rush(GetParam(), 3), 1);
  const auto two = run(lunch_rush(GetParam(), 3), 2);
  ASSERT_EQ(one.orders.size(), two.orders.size());
  for (std::size_t i = 0; i < one.orders.size(); ++i) {
    EXPECT_EQ(one.orders[i].rider, two.orders[i].rider);
    EXPECT_EQ(one.orders[i].delivered, two.orders[i].delivered);
  }
}

INSTANTIATE_TEST_SUITE_P(Policies, EveryPolicy,
                         ::testing::Values("nearest_idle", "batch_insertion", "assignment"));

TEST(Batching, DeliversMoreOnTimeThanOneOrderATripWhenRidersAreShort) {
  const auto single = model::compute_kpis(run(lunch_rush("nearest_idle", 3)));
  const auto batched = model::compute_kpis(run(lunch_rush("batch_insertion", 3)));
  EXPECT_GT(batched.on_time_share, single.on_time_share + 0.05);
}

TEST(Traffic, RushHourDoublesACarsRideOnTheGrid) {
  // Cars go at the road's 25 km/h (14.4 s a block), 12.5 km/h from 12:00 to 13:00.
  auto w = lunch_rush("nearest_idle", 1);
  w.riders = {{0, 12, model::Vehicle::car, 50, 1, -1, -1, ""}};
  w.congestion = {{12 * sim::kHour, 13 * sim::kHour, 0.5, {}}};
  const auto r = run(w);
  int free_flow = 0, rush = 0;
  for (const auto& o : r.orders) {
    if (o.status != OrderStatus::delivered) continue;
    const double blocks = o.distance_m / kSpacing;
    const sim::Time leave = w.start_tod + o.picked_up;
    const sim::Time ride = o.at_door - o.picked_up;
    if (leave >= 12 * sim::kHour && leave + ride <= 13 * sim::kHour) {
      EXPECT_NEAR(static_cast<double>(ride), blocks * 28800, 0.5) << o.id;
      ++rush;
    } else if (leave < 12 * sim::kHour || leave >= 13 * sim::kHour) {
      EXPECT_NEAR(static_cast<double>(ride), blocks * 14400, 0.5) << o.id;
      ++free_flow;
    }
  }
  EXPECT_GT(rush, 20);
  EXPECT_GT(free_flow, 40);
}

TEST(Reposition, IdleRidersMoveToWhereTheOrdersAre) {
  // All demand falls near the west store; the east store's riders sit idle unless they move.
  model::WorldConfig w;
  w.seed = 3;
  w.start_tod = 11 * sim::kHour;
  w.duration = 3 * sim::kHour;
  model::StoreConfig west;
  west.id = "west";
  west.location = grid_point(15, 8, kSpacing);
  west.radius_m = 900;
  west.pickers = 8;
  model::StoreConfig east = west;
  east.id = "east";
  east.location = grid_point(15, 22, kSpacing);
  w.stores = {west, east};
  w.riders = {{0, 3, model::Vehicle::ebike, 18, 1, -1, -1, ""},
              {1, 8, model::Vehicle::ebike, 18, 1, -1, -1, ""}};
  w.demand.orders_per_day = 24 * 90;
  w.demand.background_weight = 0;
  w.demand.hotspots = {{grid_point(15, 8, kSpacing), 500, 1}};
  model::testing::no_counter_or_door(w);
  const auto still = model::compute_kpis(run(w));
  w.dispatch.reposition = true;
  const auto r = run(w);
  const auto moved = model::compute_kpis(r);
  EXPECT_GE(r.riders_repositioned, 3u);
  EXPECT_LE(r.riders_repositioned, 8u);  // east keeps one idle rider
  EXPECT_GT(moved.on_time_share, still.on_time_share + 0.1);
  std::map<std::int32_t, int> served_west;
  for (const auto& o : r.orders)
    if (o.status == OrderStatus::delivered) ++served_west[o.rider];
  EXPECT_GT(served_west.size(), 3u);  // riders from the east delivered west orders
  EXPECT_EQ(run(w, 2).riders_repositioned, r.riders_repositioned);
}

TEST(World, RiderPositionMovesAlongTheRoadAtTheRidersPace) {
  auto w = lunch_rush("nearest_idle", 1);
  w.duration = sim::kHour;
  w.door.walk_back = {model::Distribution::Kind::fixed, 45 * sim::kSecond, 0};
  model::World world(w, grid(kSide, kSide, kSpacing), 1);
  const auto r = world.run();
  const auto net = grid(kSide, kSide, kSpacing);
  const double v = 18 / 3.6;
  int checked = 0;
  for (const auto& rider : r.riders) {
    // The rider's last leg is the ride back from its last drop-off.
    const model::OrderRecord* last = nullptr;
    for (const auto& o : r.orders)
      if (o.status == OrderStatus::delivered && o.rider == static_cast<std::int32_t>(rider.id) &&
          (!last || o.delivered > last->delivered))
        last = &o;
    if (!last || last->distance_m < 500) continue;
    const auto from = net->position(last->customer);
    for (double f : {0.0, 0.25, 0.5, 0.75}) {
      const auto dt = static_cast<sim::Time>(f * last->distance_m / v * 1000);
      // The ride back starts after the 45 s walk back to the bike.
      const auto p = world.rider_position(rider.id, last->delivered + 45 * sim::kSecond + dt);
      // On a grid every shortest route is a staircase: the rider is v * dt blocks-metres from
      // where it left, counted north-south plus east-west.
      const double walked = routing::haversine_m(from, {p.lat, from.lon}) +
                            routing::haversine_m({p.lat, from.lon}, p);
      EXPECT_NEAR(walked, v * static_cast<double>(dt) / 1000, 2.0);
    }
    const auto end = world.rider_position(rider.id, last->delivered + sim::kHour);
    EXPECT_LT(routing::haversine_m(end, net->position(r.stores[last->store].node)), 1.0);
    ++checked;
  }
  EXPECT_GT(checked, 2);
}

}  // namespace

namespace {

// nearest_idle without the model's thinning of equal idle riders: the reference that shows the
// thinning leaves every decision as it was.
class UnthinnedNearestIdle : public routing::NearestIdleDispatch {
 public:
  bool takes_earliest_of_equal_vehicles() const override { return false; }
  bool plans_only_empty_routes() const override { return false; }
};

// The same for batch insertion.
class UnthinnedBatchInsertion : public routing::BatchInsertionDispatch {
 public:
  bool takes_earliest_of_equal_vehicles() const override { return false; }
};

class Thinning : public ::testing::TestWithParam<std::string> {};

}  // namespace

// Many idle riders of three classes (two vehicles, two capacities) at two stores, with a slow
// lunch so most of the fleet stands idle at every dispatch: offering only as many of each class
// as there are open orders gives the same rider, pickup and drop-off for every order.
TEST_P(Thinning, EqualIdleRidersOfferedOncePerOpenOrderLeaveEveryDecisionUnchanged) {
  routing::register_dispatch_policy("nearest_idle_unthinned",
                                    [] { return std::make_unique<UnthinnedNearestIdle>(); });
  routing::register_dispatch_policy("batch_insertion_unthinned",
                                    [] { return std::make_unique<UnthinnedBatchInsertion>(); });
  ASSERT_TRUE(routing::make_dispatch_policy(GetParam())->takes_earliest_of_equal_vehicles());
  auto config = [](const std::string& policy) {
    model::WorldConfig w = lunch_rush(policy, 1);
    model::StoreConfig east = w.stores[0];
    east.id = "east";
    east.location = grid_point(15, 25, kSpacing);
    w.stores.push_back(east);
    w.demand.orders_per_day = 24 * 240;
    w.riders = {{0, 40, model::Vehicle::ebike, 18, 1, -1, -1, ""},
                {0, 30, model::Vehicle::scooter, 25, 2, -1, -1, ""},
                {1, 25, model::Vehicle::ebike, 18, 1, 11 * sim::kHour, 13 * sim::kHour, ""},
                {1, 25, model::Vehicle::ebike, 18, 2, -1, -1, ""}};
    return w;
  };
  const model::RunResult thinned = run(config(GetParam()));
  const model::RunResult reference = run(config(GetParam() + "_unthinned"));
  ASSERT_EQ(thinned.orders.size(), reference.orders.size());
  ASSERT_GT(thinned.orders.size(), 500u);
  std::size_t delivered = 0;
  for (std::size_t i = 0; i < thinned.orders.size(); ++i) {
    const auto& a = thinned.orders[i];
    const auto& b = reference.orders[i];
    EXPECT_EQ(a.status, b.status) << "order " << i;
    EXPECT_EQ(a.rider, b.rider) << "order " << i;
    EXPECT_EQ(a.picked_up, b.picked_up) << "order " << i;
    EXPECT_EQ(a.delivered, b.delivered) << "order " << i;
    delivered += a.status == OrderStatus::delivered;
  }
  EXPECT_GT(delivered, thinned.orders.size() / 2);
}

INSTANTIATE_TEST_SUITE_P(Policies, Thinning, ::testing::Values("nearest_idle", "batch_insertion"));

// What batch insertion prunes by: never more than a trip, and from the store exactly the trip
// when the ride stays in one level.
TEST(StoreRoutes, LowerBoundNeverExceedsATripAndFromTheStoreIsTheTripOutsideTheRush) {
  auto w = lunch_rush("batch_insertion", 3);
  w.congestion = {{12 * sim::kHour, 13 * sim::kHour, 0.5, {}}};  // halves the e-bikes' 25 km/h
  const model::World world(w, grid(kSide, kSide, kSpacing), 1);
  const model::WorldSetup& setup = world.setup();
  model::StoreRoutes routes(setup);
  const routing::NodeId store = setup.stores[0].node;
  const auto nodes = static_cast<routing::NodeId>(setup.network->node_count());
  int exact = 0;
  for (routing::NodeId n = 0; n < nodes; ++n) {
    const routing::NodeId other = (n * 7919 + 13) % nodes;
    for (const sim::Time t : {0 * sim::kHour, sim::kHour - 2 * sim::kMinute, 2 * sim::kHour}) {
      ASSERT_LE(routes.lower_bound_ms(0, store, n), routes.trip(0, store, n, t).duration_ms) << n;
      ASSERT_LE(routes.lower_bound_ms(0, n, store), routes.trip(0, n, store, t).duration_ms) << n;
      ASSERT_LE(routes.lower_bound_ms(0, n, other), routes.trip(0, n, other, t).duration_ms) << n;
    }
    // At 11:00 every ride of the 3 km grid ends before the 12:00 rush.
    exact += routes.lower_bound_ms(0, store, n) == routes.trip(0, store, n, 0).duration_ms;
  }
  // The store's table holds the customers within its 1,200 m: about 450 of the 900 nodes.
  EXPECT_GT(exact, 350);
}
