#include "sim/model/world.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/model/kpis.h"
#include "world_fixtures.h"

namespace {

using model::OrderStatus;
using model::testing::grid;
using model::testing::grid_point;

constexpr double kSpacing = 100;
constexpr int kSide = 30;

// Two stores on a 30 x 30 grid with a busy lunch, riders whose shifts end before the demand
// does at one store (so some orders find no rider) and radii that leave corners uncovered.
model::WorldConfig busy_city(std::uint64_t seed) {
  model::WorldConfig w;
  w.seed = seed;
  w.start_tod = 11 * sim::kHour;
  w.duration = 4 * sim::kHour;
  model::StoreConfig a;
  a.id = "west";
  a.location = grid_point(15, 7, kSpacing);
  a.radius_m = 1200;
  a.pickers = 3;
  model::StoreConfig b = a;
  b.id = "east";
  b.location = grid_point(15, 22, kSpacing);
  b.pickers = 2;
  w.stores = {a, b};
  w.riders = {{0, 8, model::Vehicle::ebike, 18, 1, -1, -1, ""},
              {1, 5, model::Vehicle::scooter, 25, 1, 11 * sim::kHour, 13 * sim::kHour, ""}};
  w.demand.orders_per_day = 24 * 60;  // one a minute on a flat profile
  w.demand.hotspots = {{grid_point(15, 7, kSpacing), 300, 2}};
  w.demand.area = model::DemandArea::network;  // orders in the uncovered corners too
  return w;
}

model::RunResult run(const model::WorldConfig& w, int threads = 1) {
  model::World world(w, grid(kSide, kSide, kSpacing), threads);
  return world.run();
}

TEST(World, EveryOrderEndsDeliveredRejectedWithAReasonOrOpen) {
  const auto r = run(busy_city(1));
  const auto k = model::compute_kpis(r);
  ASSERT_GT(k.orders_placed, 150u);
  EXPECT_EQ(k.orders_placed, k.orders_delivered + k.orders_rejected + k.orders_open);
  EXPECT_GT(k.rejected_by_reason.at("out_of_radius"), 0u);
  // The east store's riders leave at 13:00: orders it gets after that are turned away.
  EXPECT_GT(k.rejected_by_reason.at("store_closed"), 0u);
  EXPECT_GT(k.orders_delivered, k.orders_placed / 2);
  for (const auto& o : r.orders) {
    switch (o.status) {
      case OrderStatus::delivered:
        EXPECT_GE(o.rider, 0);
        EXPECT_EQ(o.reason, model::RejectReason::none);
        break;
      case OrderStatus::rejected:
        EXPECT_NE(o.reason, model::RejectReason::none);
        EXPECT_NE(o.rejected, sim::kNever);
        break;
      case OrderStatus::open:
        ADD_FAILURE() << "order " << o.id << " still open";
        break;
    }
  }
}

TEST(World, EveryDeliveredOrderHasEveryPhaseInOrder) {
  const auto r = run(busy_city(2));
  sim::Time last_placed = 0;
  int delivered = 0;
  for (const auto& o : r.orders) {
    EXPECT_GE(o.placed, last_placed);
    last_placed = o.placed;
    if (o.status != OrderStatus::delivered) continue;
    ++delivered;
    const sim::Time phases[] = {o.placed,    o.pick_started, o.picked,   o.packed,
                                o.picked_up, o.at_door,      o.delivered};
    for (std::size_t k = 0; k < std::size(phases); ++k) {
      ASSERT_NE(phases[k], sim::kNever) << "order " << o.id << " phase " << k;
      if (k > 0) {
        EXPECT_LE(phases[k - 1], phases[k]) << "order " << o.id << " phase " << k;
      }
    }
    EXPECT_LE(o.placed, o.assigned);
    EXPECT_LE(o.assigned, o.picked_up);
    // The default phases take time: the pick start is fixed at 30 s, the others are drawn.
    EXPECT_GE(o.pick_started - o.placed, 30 * sim::kSecond) << "order " << o.id;
    EXPECT_GT(o.picked, o.pick_started);
    EXPECT_GT(o.packed, o.picked);
    EXPECT_GT(o.delivered, o.at_door);
  }
  EXPECT_GT(delivered, 100);
}

TEST(World, NoRiderIsInTwoPlaces) {
  const auto r = run(busy_city(3));
  std::map<int, std::vector<const model::OrderRecord*>> by_rider;
  for (const auto& o : r.orders)
    if (o.status == OrderStatus::delivered) by_rider[o.rider].push_back(&o);
  ASSERT_GT(by_rider.size(), 5u);
  for (auto& [rider, trips] : by_rider) {
    std::sort(trips.begin(), trips.end(),
              [](auto* x, auto* y) { return x->picked_up < y->picked_up; });
    for (std::size_t i = 1; i < trips.size(); ++i) {
      // The rider must have delivered the previous order and ridden back to the store.
      EXPECT_GT(trips[i]->picked_up, trips[i - 1]->delivered) << "rider " << rider;
      EXPECT_GE(trips[i]->assigned, trips[i - 1]->delivered) << "rider " << rider;
    }
  }
}

TEST(World, RidesTakeTheManhattanDistanceAtTheRidersSpeed) {
  const auto w = busy_city(4);
  const auto r = run(w);
  int checked = 0;
  for (const auto& o : r.orders) {
    if (o.status != OrderStatus::delivered) continue;
    const auto store = r.stores[o.store].node;
    const int dr = std::abs(int(store / kSide) - int(o.customer / kSide));
    const int dc = std::abs(int(store % kSide) - int(o.customer % kSide));
    EXPECT_NEAR(o.distance_m, (dr + dc) * kSpacing, 0.5);
    const double speed_mps = (o.store == 0 ? 18 : 25) / 3.6;
    EXPECT_NEAR(static_cast<double>(o.at_door - o.picked_up), o.distance_m / speed_mps * 1000, 1);
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

TEST(World, CustomersOutsideEveryRadiusAreRejected) {
  const auto w = busy_city(5);
  const auto net = grid(kSide, kSide, kSpacing);
  const auto r = run(w);
  for (const auto& o : r.orders) {
    const auto where = net->position(o.customer);
    bool covered = false;
    for (const auto& s : w.stores) covered |= routing::haversine_m(s.location, where) <= s.radius_m;
    EXPECT_EQ(o.reason == model::RejectReason::out_of_radius, !covered) << "order " << o.id;
  }
}

TEST(World, SameSeedGivesTheSameRunAndAnotherSeedDiffers) {
  const auto a = run(busy_city(11));
  const auto b = run(busy_city(11));
  const auto c = run(busy_city(12));
  ASSERT_EQ(a.orders.size(), b.orders.size());
  for (std::size_t i = 0; i < a.orders.size(); ++i) {
    EXPECT_EQ(a.orders[i].customer, b.orders[i].customer);
    EXPECT_EQ(a.orders[i].placed, b.orders[i].placed);
    EXPECT_EQ(a.orders[i].delivered, b.orders[i].delivered);
    EXPECT_EQ(a.orders[i].rider, b.orders[i].rider);
  }
  EXPECT_EQ(a.events, b.events);
  bool differs = a.orders.size() != c.orders.size();
  for (std::size_t i = 0; !differs && i < a.orders.size(); ++i)
    differs = a.orders[i].placed != c.orders[i].placed;
  EXPECT_TRUE(differs);
}

TEST(World, ThreadCountDoesNotChangeTheRun) {
  auto w = busy_city(13);
  w.stores.push_back(w.stores[0]);
  w.stores.back().id = "centre";
  w.stores.back().location = grid_point(5, 15, kSpacing);
  w.riders.push_back({2, 4, model::Vehicle::car, 30, 1, -1, -1, ""});
  const auto one = run(w, 1);
  for (int threads : {2, 4}) {
    const auto many = run(w, threads);
    ASSERT_EQ(many.orders.size(), one.orders.size());
    for (std::size_t i = 0; i < one.orders.size(); ++i) {
      EXPECT_EQ(many.orders[i].delivered, one.orders[i].delivered) << i;
      EXPECT_EQ(many.orders[i].rider, one.orders[i].rider) << i;
      EXPECT_EQ(many.orders[i].pick_started, one.orders[i].pick_started) << i;
    }
    ASSERT_EQ(many.samples.size(), one.samples.size());
    for (std::size_t k = 0; k < one.samples.size(); ++k)
      EXPECT_EQ(many.samples[k].riders_busy, one.samples[k].riders_busy) << k;
    EXPECT_EQ(many.events, one.events);
    EXPECT_EQ(many.end_time, one.end_time);
  }
}

TEST(World, RiderUtilisationIsBusyOverOnShiftTime) {
  const auto r = run(busy_city(6));
  for (const auto& rider : r.riders) {
    EXPECT_LE(rider.busy, rider.on_shift);
    if (rider.store == 1) {
      EXPECT_LE(rider.on_shift, 3 * sim::kHour);
    }
  }
  double on_shift = 0, busy = 0;
  for (const auto& h : r.hours) on_shift += h.rider_on_shift_ms, busy += h.rider_busy_ms;
  double on_shift_riders = 0, busy_riders = 0;
  for (const auto& rider : r.riders) on_shift_riders += rider.on_shift, busy_riders += rider.busy;
  EXPECT_DOUBLE_EQ(on_shift, on_shift_riders);
  EXPECT_DOUBLE_EQ(busy, busy_riders);
}

TEST(World, OrdersArriveAtTheRateOfTheProfile) {
  auto w = busy_city(7);
  w.duration = 48 * sim::kHour;
  w.demand.profile.fill(0);
  w.demand.profile[12] = 3;  // 12:00-13:00 gets three quarters of the day
  w.demand.profile[18] = 1;
  w.demand.orders_per_day = 400;
  const auto r = run(w);
  int at_noon = 0, at_six = 0, other = 0;
  for (const auto& o : r.orders) {
    const auto hour = ((w.start_tod + o.placed) / sim::kHour) % 24;
    (hour == 12 ? at_noon : hour == 18 ? at_six : other)++;
  }
  EXPECT_EQ(other, 0);
  // Two days: Poisson counts with means 600 and 200; 5 standard deviations.
  EXPECT_NEAR(at_noon, 600, 5 * std::sqrt(600));
  EXPECT_NEAR(at_six, 200, 5 * std::sqrt(200));
}

}  // namespace

// A world paused at any time and forked: the fork and the original both continue to the run an
// uninterrupted world makes, with and without the barriers of cross-store dispatch.
TEST(World, AForkContinuesToTheSameRunAsTheOriginal) {
  for (bool barriers : {false, true}) {
    auto w = busy_city(17);
    w.dispatch.cross_store = barriers;
    const auto whole = run(w, 2);
    for (sim::Time at : {sim::Time{0}, 47 * sim::kMinute + 13 * sim::kSecond, 3 * sim::kHour}) {
      model::World world(w, grid(kSide, kSide, kSpacing), 2);
      world.run_until(at);
      EXPECT_GE(world.now(), at);
      const auto fork = world.fork();
      EXPECT_EQ(fork->now(), world.now());
      const auto forked = fork->run();
      const auto original = world.run();
      for (const auto* r : {&forked, &original}) {
        ASSERT_EQ(r->orders.size(), whole.orders.size());
        for (std::size_t i = 0; i < whole.orders.size(); ++i) {
          EXPECT_EQ(r->orders[i].delivered, whole.orders[i].delivered) << i;
          EXPECT_EQ(r->orders[i].rider, whole.orders[i].rider) << i;
          EXPECT_EQ(r->orders[i].status, whole.orders[i].status) << i;
          EXPECT_EQ(r->orders[i].distance_m, whole.orders[i].distance_m) << i;
        }
        ASSERT_EQ(r->samples.size(), whole.samples.size());
        for (std::size_t k = 0; k < whole.samples.size(); ++k)
          EXPECT_EQ(r->samples[k].riders_busy, whole.samples[k].riders_busy) << k;
        EXPECT_EQ(r->events, whole.events);
        EXPECT_EQ(r->end_time, whole.end_time);
      }
    }
  }
}
