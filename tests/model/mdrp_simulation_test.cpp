// The MDRP day and its measures on a three-order instance traced by hand.
#include "sim/model/mdrp_simulation.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "sim/model/mdrp_metrics.h"

namespace {

constexpr std::int64_t kMin = 60'000;

// Travel at 100 m per minute; 4 minutes at the restaurant, 2 at the door. One restaurant at the
// origin; courier c1 on duty 0-60 three minutes away, c2 on duty 100-160 ten minutes away.
// o1 (placed 0, ready 10) is 5 minutes from the restaurant, o2 (5, 20) 4 minutes, o3 (50, 70) 1.
model::MdrpInstance hand_instance(int c1_off = 60) {
  model::MdrpInstance in;
  in.name = "hand";
  in.rules.metres_per_minute = 100;
  in.rules.pickup_service_ms = 4 * kMin;
  in.rules.dropoff_service_ms = 2 * kMin;
  in.restaurants.push_back({"r", {0, 0}});
  in.couriers.push_back({"c1", {300, 0}, 0, c1_off * kMin});
  in.couriers.push_back({"c2", {0, 1000}, 100 * kMin, 160 * kMin});
  in.orders.push_back({"o1", {0, 500}, 0, 10 * kMin, 0});
  in.orders.push_back({"o2", {0, -400}, 5 * kMin, 20 * kMin, 0});
  in.orders.push_back({"o3", {100, 0}, 50 * kMin, 70 * kMin, 0});
  return in;
}

TEST(MdrpSimulation, NearestIdleFollowsTheHandTrace) {
  const model::MdrpInstance in = hand_instance();
  routing::MdrpNearestIdle policy;
  const model::MdrpRun run = model::simulate_mdrp(in, policy);
  // o1: c1 leaves at 0, arrives 3, the food is ready at 10, leaves 12, arrives 17, drops 18.
  // o2: c1 is free at 19 at o1's door, arrives 24, picks up at 26, drops at 28 + 4 + 1 = 33.
  // o3: c1 could pick it up at 70 at the earliest, after its off time 60; c2 comes on at 100,
  //     arrives 110, picks up 112, drops 116.
  ASSERT_EQ(run.deliveries.size(), 3u);
  const std::int64_t pickup[] = {10, 26, 112}, drop[] = {18, 33, 116}, assigned[] = {0, 19, 100};
  const std::size_t courier[] = {0, 0, 1};
  ASSERT_EQ(run.instructions.size(), 3u);
  for (int o = 0; o < 3; ++o) {
    SCOPED_TRACE(o);
    EXPECT_EQ(run.instructions[o].time_ms, assigned[o] * kMin);
    EXPECT_EQ(run.instructions[o].orders, std::vector<std::size_t>{static_cast<std::size_t>(o)});
    EXPECT_TRUE(run.deliveries[o].delivered);
    EXPECT_EQ(run.deliveries[o].pickup_ms, pickup[o] * kMin);
    EXPECT_EQ(run.deliveries[o].drop_ms, drop[o] * kMin);
    EXPECT_EQ(run.deliveries[o].courier, courier[o]);
  }
  // Riding and service: c1 0-5, 10-19, 19-26, 26-34 = 29 minutes; c2 100-112, 112-117 = 17.
  EXPECT_EQ(run.couriers[0].busy_ms, 29 * kMin);
  EXPECT_EQ(run.couriers[1].busy_ms, 17 * kMin);
  using K = model::MdrpPlace::Kind;
  ASSERT_EQ(run.moves.size(), 6u);
  EXPECT_EQ(run.moves[1].depart_ms, 12 * kMin);
  EXPECT_EQ(run.moves[1].from.kind, K::restaurant);
  EXPECT_EQ(run.moves[2].from.kind, K::order);
  EXPECT_EQ(run.moves[2].depart_ms, 19 * kMin);
  EXPECT_EQ(run.moves[4].courier, 1u);
  EXPECT_EQ(run.moves[4].from.kind, K::start);

  const model::MdrpMetrics m = model::mdrp_metrics(in, run);
  EXPECT_EQ(m.delivered, 3u);
  EXPECT_DOUBLE_EQ(m.click_to_door.mean, (18 + 28 + 66) / 3.0);
  EXPECT_DOUBLE_EQ(m.click_to_door.max, 66);
  EXPECT_DOUBLE_EQ(m.ready_to_door.mean, (8 + 13 + 46) / 3.0);
  EXPECT_DOUBLE_EQ(m.ready_to_pickup.max, 42);
  EXPECT_DOUBLE_EQ(m.overage.mean, 26 / 3.0);
  EXPECT_DOUBLE_EQ(m.within_target, 2 / 3.0);
  EXPECT_DOUBLE_EQ(m.over_maximum, 0);
  EXPECT_DOUBLE_EQ(m.orders_per_courier_hour, 1.5);
  EXPECT_DOUBLE_EQ(m.utilisation.mean, (29 + 17) / 120.0);
  // Pay 10 an order with 15 an hour guaranteed: c1 earns 20 in its hour, c2 is topped up to 15.
  EXPECT_DOUBLE_EQ(m.total_earnings, 30);
  EXPECT_DOUBLE_EQ(m.total_compensation, 35);
  EXPECT_DOUBLE_EQ(m.on_guaranteed_minimum, 0.5);
}

TEST(MdrpSimulation, DropsAfterTheOffTimeAreAllowedAndCountAsBusy) {
  // c1 goes off at 30: it still picks o2 up at 26 and drops it at 33.
  const model::MdrpInstance in = hand_instance(30);
  routing::MdrpNearestIdle policy;
  const model::MdrpRun run = model::simulate_mdrp(in, policy);
  EXPECT_EQ(run.deliveries[1].courier, 0u);
  EXPECT_EQ(run.deliveries[1].drop_ms, 33 * kMin);
  // As the library's evaluator counts it: riding and service, after the off time too.
  EXPECT_EQ(run.couriers[0].busy_ms, 29 * kMin);
  const model::MdrpMetrics m = model::mdrp_metrics(in, run);
  // c1's guarantee is 7.50 for half an hour, below its 20.
  EXPECT_DOUBLE_EQ(m.total_compensation, 20 + 15);
}

TEST(MdrpSimulation, RollingHorizonSendsTheCourierAtTheLastEpochThatKeepsTheEarliestPickup) {
  const model::MdrpInstance in = hand_instance();
  routing::MdrpRollingHorizon policy;  // epochs every 2 minutes
  const model::MdrpRun run = model::simulate_mdrp(in, policy);
  // Sent at 0, 2 or 4, c1 picks o1 up at 10; sent at 6 it would be 11.
  ASSERT_FALSE(run.instructions.empty());
  EXPECT_EQ(run.instructions.front().time_ms, 4 * kMin);
  EXPECT_EQ(run.deliveries[0].pickup_ms, 10 * kMin);
  EXPECT_EQ(run.deliveries[0].drop_ms, 18 * kMin);
  // o3 waits for c2 as under nearest_idle: sent at 100, it picks up at 112 and drops at 116.
  EXPECT_TRUE(run.deliveries[2].delivered);
  EXPECT_EQ(run.deliveries[2].courier, 1u);
  EXPECT_EQ(run.deliveries[2].pickup_ms, 112 * kMin);
  EXPECT_EQ(run.deliveries[2].drop_ms, 116 * kMin);
}

TEST(MdrpSimulation, AnOrderNoCourierCanReachStaysUndelivered) {
  model::MdrpInstance in = hand_instance();
  in.couriers.pop_back();  // without c2, nobody can pick o3 up before going off
  for (const std::string& name : routing::mdrp_policy_names()) {
    SCOPED_TRACE(name);
    const auto policy = routing::make_mdrp_policy(name);
    const model::MdrpRun run = model::simulate_mdrp(in, *policy);
    EXPECT_TRUE(run.deliveries[0].delivered);
    EXPECT_TRUE(run.deliveries[1].delivered);
    EXPECT_FALSE(run.deliveries[2].delivered);
    EXPECT_EQ(model::mdrp_metrics(in, run).delivered, 2u);
  }
}

TEST(MdrpSimulation, ACourierFreeAtTheMomentItWasSentTakesTheNextOrderAtOnce) {
  // No service time and everything at one point: o1's trip ends the moment it starts, and o2,
  // placed at the same time, must go to the same courier then, not wait for another event.
  model::MdrpInstance in;
  in.rules.pickup_service_ms = in.rules.dropoff_service_ms = 0;
  in.restaurants.push_back({"r", {0, 0}});
  in.couriers.push_back({"c1", {0, 0}, 0, 60 * kMin});
  in.orders.push_back({"o1", {0, 0}, 0, 0, 0});
  in.orders.push_back({"o2", {0, 0}, 0, 0, 0});
  routing::MdrpNearestIdle policy;
  const model::MdrpRun run = model::simulate_mdrp(in, policy);
  ASSERT_EQ(run.instructions.size(), 2u);
  EXPECT_EQ(run.instructions[1].time_ms, 0);
  EXPECT_TRUE(run.deliveries[1].delivered);
  EXPECT_EQ(run.deliveries[1].drop_ms, 0);
}

// Hands the first open order to two couriers at once.
class TwiceThePolicy : public routing::MdrpPolicy {
 public:
  std::vector<routing::MdrpAssignment> assign(const routing::MdrpProblem& p) override {
    if (p.open.empty() || p.idle.size() < 2) return {};
    return {{0, {0}}, {1, {0}}};
  }
};

TEST(MdrpSimulation, APolicyThatBreaksTheContractIsStopped) {
  model::MdrpInstance in = hand_instance();
  in.couriers[1].on_ms = 0;
  TwiceThePolicy policy;
  EXPECT_THROW(model::simulate_mdrp(in, policy), std::logic_error);
}

}  // namespace
