// The order's phases and the stores' rules of operation (WorldConfig::door, operations) inside
// whole runs: per-item picking, hand-overs and the door as configured, overtime after the last
// shift, the busy rule and customers' patience.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/model/checkpoint.h"
#include "sim/model/kpis.h"
#include "sim/model/world.h"
#include "world_fixtures.h"

namespace {

using model::Distribution;
using model::OrderStatus;
using model::RejectReason;
using model::testing::grid;
using model::testing::grid_point;
using sim::kHour;
using sim::kMinute;
using sim::kSecond;

constexpr double kSpacing = 100;
constexpr int kSide = 20;

Distribution fixed(sim::Time t) { return {Distribution::Kind::fixed, t, 0}; }

// One store in the middle of a 20 x 20 grid, one order a minute for 3 hours from 17:00, every
// phase fixed: 10 s to pick start, 40 s + 5 s per item picking, 20 s packing, 30 s hand-over,
// 90 s at the door and 45 s back to the bike.
model::WorldConfig store_day(std::uint64_t seed) {
  model::WorldConfig w;
  w.seed = seed;
  w.start_tod = 17 * kHour;
  w.duration = 3 * kHour;
  w.drain = 2 * kHour;
  model::StoreConfig s;
  s.id = "only";
  s.location = grid_point(10, 10, kSpacing);
  s.radius_m = 5000;
  s.pickers = 3;
  s.pick_start = fixed(10 * kSecond);
  s.pick_time = fixed(40 * kSecond);
  s.pick_per_item = fixed(5 * kSecond);
  s.pack_time = fixed(20 * kSecond);
  s.handover = fixed(30 * kSecond);
  w.stores = {s};
  w.riders = {{0, 6, model::Vehicle::ebike, 18, 1, -1, -1, ""}};
  w.demand.orders_per_day = 24 * 60;
  w.door.handover = fixed(90 * kSecond);
  w.door.walk_back = fixed(45 * kSecond);
  return w;
}

model::RunResult run(const model::WorldConfig& w) {
  model::World world(w, grid(kSide, kSide, kSpacing), 1);
  return world.run();
}

std::size_t count(const model::RunResult& r, RejectReason reason) {
  return static_cast<std::size_t>(std::count_if(r.orders.begin(), r.orders.end(), [&](auto& o) {
    return o.status == OrderStatus::rejected && o.reason == reason;
  }));
}

TEST(OrderPhases, EachPhaseTakesItsConfiguredTime) {
  const auto r = run(store_day(1));
  int delivered = 0;
  for (const auto& o : r.orders) {
    if (o.status != OrderStatus::delivered) continue;
    ++delivered;
    EXPECT_EQ(o.picked - o.pick_started, 40 * kSecond + 5 * kSecond * o.items) << o.id;
    EXPECT_EQ(o.packed - o.picked, 20 * kSecond) << o.id;
    EXPECT_EQ(o.delivered - o.at_door, 90 * kSecond) << o.id;
    // Hand-over: at least 30 s after the goods were packed (the rider may arrive later).
    EXPECT_GE(o.picked_up - o.packed, 30 * kSecond) << o.id;
  }
  ASSERT_GT(delivered, 150);
  // Baskets of 1 + Poisson(3) items: picking differs with the basket.
  std::vector<sim::Time> picks;
  for (const auto& o : r.orders)
    if (o.picked != sim::kNever) picks.push_back(o.picked - o.pick_started);
  EXPECT_NE(*std::min_element(picks.begin(), picks.end()),
            *std::max_element(picks.begin(), picks.end()));
}

TEST(OrderPhases, ARiderRidesOnOnlyAfterTheDoorAndTheWalkBack) {
  const auto r = run(store_day(2));
  std::vector<std::vector<const model::OrderRecord*>> by_rider(r.riders.size());
  for (const auto& o : r.orders)
    if (o.status == OrderStatus::delivered) by_rider[o.rider].push_back(&o);
  int checked = 0;
  for (auto& trips : by_rider) {
    std::sort(trips.begin(), trips.end(),
              [](auto* a, auto* b) { return a->picked_up < b->picked_up; });
    for (std::size_t i = 1; i < trips.size(); ++i) {
      // Back at the store no earlier than the walk back plus the ride home (as long as the ride
      // out), then 30 s at the counter.
      const sim::Time ride = trips[i - 1]->at_door - trips[i - 1]->picked_up;
      EXPECT_GE(trips[i]->picked_up, trips[i - 1]->delivered + 45 * kSecond + ride + 30 * kSecond);
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

// Every rider's shift ends at 19:00 while orders keep coming until 20:00; three riders for 18
// orders an hour have orders waiting at 19:00.
model::WorldConfig early_close(bool overtime) {
  auto w = store_day(3);
  w.riders = {{0, 3, model::Vehicle::ebike, 18, 1, 17 * kHour, 19 * kHour, ""}};
  w.demand.orders_per_day = 24 * 18;
  w.operations.overtime = overtime;
  return w;
}

TEST(Overtime, NoAcceptedOrderIsRejectedBecauseTheLastShiftEnded) {
  const auto r = run(early_close(true));
  std::size_t accepted = 0;
  for (const auto& o : r.orders) {
    if (o.status == OrderStatus::rejected && o.reason == RejectReason::store_closed) {
      EXPECT_GE(o.placed, 2 * kHour) << o.id;  // 19:00
      continue;
    }
    ++accepted;
    EXPECT_LT(o.placed, 2 * kHour) << o.id;
    EXPECT_EQ(o.status, OrderStatus::delivered) << o.id;
  }
  EXPECT_EQ(count(r, RejectReason::no_rider), 0u);
  EXPECT_GT(count(r, RejectReason::store_closed), 5u);
  // Riders stay on to deliver what was open at 19:00.
  sim::Time last = 0;
  for (const auto& o : r.orders)
    if (o.status == OrderStatus::delivered) last = std::max(last, o.delivered);
  EXPECT_GT(last, 2 * kHour);
  sim::Time overtime = 0;
  for (const auto& rider : r.riders) overtime += rider.overtime;
  EXPECT_GT(overtime, 0);
  EXPECT_GT(accepted, 20u);
}

TEST(Overtime, WithoutItTheOrdersNoRiderTookAreRejected) {
  const auto r = run(early_close(false));
  EXPECT_GT(count(r, RejectReason::no_rider), 0u);
  for (const auto& rider : r.riders) EXPECT_EQ(rider.overtime, 0);
}

TEST(BusyRule, TheStoreTakesNoOrderWhileTheQueueIsFull) {
  auto w = store_day(4);
  w.stores[0].pickers = 1;
  w.stores[0].pick_start = fixed(0);
  w.stores[0].pick_time = fixed(2 * kMinute);
  w.operations.busy_max_queue = 3;
  const auto r = run(w);
  // The queue at t from the timestamps: accepted orders placed before t not yet started.
  auto queue_at = [&](sim::Time t, std::uint32_t self) {
    int n = 0;
    for (const auto& o : r.orders)
      if (o.id != self && o.placed <= t && o.pick_started != sim::kNever && o.pick_started > t) ++n;
    return n;
  };
  int busy = 0;
  for (const auto& o : r.orders) {
    if (o.status == OrderStatus::rejected && o.reason == RejectReason::store_busy) {
      ++busy;
      EXPECT_GE(queue_at(o.placed, o.id), 3) << o.id;
    } else if (o.pick_started != sim::kNever) {
      EXPECT_LT(queue_at(o.placed, o.id), 3) << o.id;
    }
  }
  EXPECT_GT(busy, 20);
}

// Every order's predicted click-to-door is at least its fixed phases: 10 s + 40 s + 5 s per item
// + 20 s at the store, 30 s at the counter and 90 s at the door, over 3 minutes.
TEST(BusyRule, APredictedClickToDoorAboveTheLimitTurnsOrdersAway) {
  auto w = store_day(6);
  w.operations.busy_click_to_door = 3 * kMinute;
  const auto r = run(w);
  EXPECT_EQ(count(r, RejectReason::store_busy),
            r.orders.size() - count(r, RejectReason::out_of_radius));
  w.operations.busy_click_to_door = 10 * kHour;
  EXPECT_EQ(count(run(w), RejectReason::store_busy), 0u);
}

TEST(BusyRule, OffByDefault) {
  auto w = store_day(4);
  w.stores[0].pickers = 1;
  w.stores[0].pick_time = fixed(2 * kMinute);
  EXPECT_EQ(count(run(w), RejectReason::store_busy), 0u);
}

TEST(Patience, OrdersNotPickedUpInTimeAreCancelledAndLeaveTheQueue) {
  auto w = store_day(5);
  w.riders = {{0, 2, model::Vehicle::ebike, 18, 1, -1, -1, ""}};
  w.operations.patience_on = true;
  w.operations.patience = fixed(15 * kMinute);
  const auto r = run(w);
  const auto k = model::compute_kpis(r);
  EXPECT_EQ(k.orders_open, 0u);
  std::size_t cancelled = 0;
  for (const auto& o : r.orders) {
    if (o.status == OrderStatus::rejected && o.reason == RejectReason::cancelled) {
      ++cancelled;
      EXPECT_EQ(o.rejected - o.placed, 15 * kMinute) << o.id;
      EXPECT_EQ(o.picked_up, sim::kNever) << o.id;
    } else if (o.status == OrderStatus::delivered) {
      // A rider already at the counter when the patience runs out takes the order (30 s).
      EXPECT_LE(o.picked_up - 30 * kSecond - o.placed, 15 * kMinute) << o.id;
    }
  }
  EXPECT_GT(cancelled, 20u);
  EXPECT_EQ(k.rejected_by_reason.at("cancelled"), cancelled);
}

// A world with overtime, patience and the busy rule written to a checkpoint and read back at
// several times continues to the run an uninterrupted world makes.
TEST(StoreOperations, ACheckpointMidRunResumesToTheSameRun) {
  auto w = early_close(true);
  w.riders = {{0, 2, model::Vehicle::ebike, 18, 1, 17 * kHour, 19 * kHour, ""}};
  w.operations.patience_on = true;
  w.operations.patience = {Distribution::Kind::exponential, 20 * kMinute, 0};
  w.operations.busy_max_queue = 4;
  const auto whole = run(w);
  EXPECT_GT(count(whole, RejectReason::cancelled), 0u);
  const auto net = grid(kSide, kSide, kSpacing);
  for (sim::Time at : {37 * kMinute, 2 * kHour + 1, 2 * kHour + 20 * kMinute}) {
    model::World world(w, net, 1);
    world.run_until(at);
    model::Checkpoint c;
    c.at = world.now();
    c.state = world.state();
    const model::Checkpoint back = model::parse_checkpoint(model::checkpoint_bytes(c));
    model::World resumed(w, net, 1);
    resumed.restore(back.state);
    const auto r = resumed.run();
    ASSERT_EQ(r.orders.size(), whole.orders.size());
    for (std::size_t i = 0; i < r.orders.size(); ++i) {
      EXPECT_EQ(r.orders[i].status, whole.orders[i].status) << at << " " << i;
      EXPECT_EQ(r.orders[i].delivered, whole.orders[i].delivered) << at << " " << i;
      EXPECT_EQ(r.orders[i].rejected, whole.orders[i].rejected) << at << " " << i;
    }
    for (std::size_t k = 0; k < r.riders.size(); ++k)
      EXPECT_EQ(r.riders[k].overtime, whole.riders[k].overtime) << at << " " << k;
    EXPECT_EQ(r.events, whole.events);
  }
}

}  // namespace
