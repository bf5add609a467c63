// MDRP timing and policies on hand-built problems whose answers are worked out by hand or by
// enumerating every alternative.
#include "routing/mdrp_dispatch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <numeric>

namespace {

using routing::MdrpAssignment;
using routing::MdrpProblem;
using routing::PlanePoint;

constexpr std::int64_t kMin = 60'000;

MdrpProblem problem_at(std::int64_t now_min) {
  MdrpProblem p;
  p.now = now_min * kMin;
  p.rules.metres_per_minute = 320;
  return p;
}

routing::MdrpOpenOrder order(std::uint32_t restaurant, PlanePoint at, PlanePoint to,
                             std::int64_t placed_min, std::int64_t ready_min) {
  return {restaurant, at, to, placed_min * kMin, ready_min * kMin};
}

TEST(MdrpTiming, FollowsTheLibrarysRulesStepByStep) {
  routing::MdrpRules rules;  // 320 m/min, 4 min at each end
  // 640 m is exactly 2 minutes; 960 m is 3; 320.5 m rounds up to 2.
  const auto late =
      routing::time_assignment(rules, {0, 0}, 0, {640, 0}, 10 * kMin, {{640, 960}, {960.5, 960}});
  EXPECT_EQ(late.arrive_restaurant, 2 * kMin);
  EXPECT_EQ(late.pickup, 10 * kMin);  // the food is ready after arrival + 2
  EXPECT_EQ(late.leave_restaurant, 12 * kMin);
  EXPECT_EQ(late.arrive, (std::vector<std::int64_t>{15 * kMin, 21 * kMin}));
  EXPECT_EQ(late.drop, (std::vector<std::int64_t>{17 * kMin, 23 * kMin}));
  EXPECT_EQ(late.free, 25 * kMin);
  const auto early = routing::time_assignment(rules, {0, 0}, 5 * kMin, {640, 0}, 0, {{640, 960}});
  EXPECT_EQ(early.pickup, 9 * kMin);  // arrival 7 + half the service
  EXPECT_EQ(early.drop.front(), 16 * kMin);
}

TEST(MdrpNearestIdle, TakesTheFirstCourierToArriveThatCanPickUpBeforeItsOffTime) {
  MdrpProblem p = problem_at(0);
  p.open.push_back(order(0, {0, 0}, {0, 1000}, 0, 5));
  p.open.push_back(order(1, {5000, 0}, {5000, 1000}, 1, 5));
  p.idle.push_back({{320, 0}, 3 * kMin});    // 1 minute away, but off before a pickup at 5
  p.idle.push_back({{4000, 0}, 60 * kMin});  // 13 minutes from the first, 4 from the second
  p.idle.push_back({{0, 960}, 60 * kMin});   // 3 minutes from the first
  routing::MdrpNearestIdle policy;
  const auto got = policy.assign(p);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].courier, 2u);
  EXPECT_EQ(got[0].orders, std::vector<std::size_t>{0});
  EXPECT_EQ(got[1].courier, 1u);
  EXPECT_EQ(got[1].orders, std::vector<std::size_t>{1});
}

// The sum over orders of (drop-off - placement) for a sequence from this courier.
std::int64_t click_to_door_sum(const MdrpProblem& p, PlanePoint from,
                               const std::vector<std::size_t>& seq) {
  std::vector<PlanePoint> drops;
  std::int64_t ready = 0;
  for (auto o : seq) {
    drops.push_back(p.open[o].dropoff);
    ready = std::max(ready, p.open[o].ready);
  }
  const auto t =
      routing::time_assignment(p.rules, from, p.now, p.open[seq.front()].pickup, ready, drops);
  std::int64_t sum = 0;
  for (std::size_t k = 0; k < seq.size(); ++k) sum += t.drop[k] - p.open[seq[k]].placement;
  return sum;
}

TEST(MdrpRollingHorizon, BundlesOneRestaurantsOrdersWhenCouriersAreScarceInTheBestOrder) {
  MdrpProblem p = problem_at(20);
  const PlanePoint r{0, 0};
  p.open.push_back(order(7, r, {0, 3000}, 5, 20));
  p.open.push_back(order(7, r, {0, 1000}, 6, 21));
  p.open.push_back(order(7, r, {0, 2000}, 7, 19));
  p.idle.push_back({{0, -640}, 200 * kMin});
  routing::MdrpRollingHorizon policy;
  const auto got = policy.assign(p);
  ASSERT_EQ(got.size(), 1u);
  std::array<std::size_t, 3> perm = {0, 1, 2}, best = perm;
  std::int64_t best_sum = -1;
  do {
    const std::int64_t s = click_to_door_sum(p, p.idle[0].at, {perm.begin(), perm.end()});
    if (best_sum < 0 || s < best_sum) best_sum = s, best = perm;
  } while (std::next_permutation(perm.begin(), perm.end()));
  EXPECT_EQ(got[0].orders, std::vector<std::size_t>(best.begin(), best.end()));
  EXPECT_EQ(got[0].orders, (std::vector<std::size_t>{1, 2, 0}));  // nearest first, on a line
}

TEST(MdrpRollingHorizon, SendsOneCourierPerOrderWhenCouriersAreEnough) {
  MdrpProblem p = problem_at(20);
  for (int k = 0; k < 3; ++k) p.open.push_back(order(7, {0, 0}, {0, 1000.0 * (k + 1)}, 5, 20));
  for (int k = 0; k < 3; ++k) p.idle.push_back({{0, -640.0 * (k + 1)}, 200 * kMin});
  routing::MdrpRollingHorizon policy;
  const auto got = policy.assign(p);
  ASSERT_EQ(got.size(), 3u);
  for (const auto& a : got) EXPECT_EQ(a.orders.size(), 1u);
}

TEST(MdrpRollingHorizon, NeverBundlesTwoRestaurantsOrOrdersReadyFarApart) {
  MdrpProblem p = problem_at(20);
  p.open.push_back(order(1, {0, 0}, {0, 1000}, 5, 20));
  p.open.push_back(order(2, {320, 0}, {0, 1000}, 5, 20));  // another restaurant
  p.open.push_back(order(1, {0, 0}, {0, 1000}, 5, 27));    // 7 minutes later than the first
  p.idle.push_back({{0, 0}, 200 * kMin});
  routing::MdrpRollingHorizonParams params;
  params.ready_gap_ms = 5 * kMin;
  routing::MdrpRollingHorizon policy(params);
  const auto got = policy.assign(p);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].orders.size(), 1u);
}

TEST(MdrpRollingHorizon, MatchesBundlesToCouriersAtTheLeastTotalClickToDoor) {
  MdrpProblem p = problem_at(30);
  p.open.push_back(order(1, {0, 0}, {0, 2000}, 10, 30));
  p.open.push_back(order(2, {6400, 0}, {6400, 2000}, 10, 30));
  // Courier 0 is nearer both restaurants; sending it to restaurant 2 and courier 1 to 1 is
  // cheaper in total than the greedy choice of courier 0 for the oldest order.
  p.idle.push_back({{3000, 0}, 200 * kMin});
  p.idle.push_back({{-4000, 0}, 200 * kMin});
  routing::MdrpRollingHorizon policy;
  const auto got = policy.assign(p);
  ASSERT_EQ(got.size(), 2u);
  std::int64_t got_sum = 0;
  for (const auto& a : got) got_sum += click_to_door_sum(p, p.idle[a.courier].at, a.orders);
  const std::int64_t straight =
      click_to_door_sum(p, p.idle[0].at, {0}) + click_to_door_sum(p, p.idle[1].at, {1});
  const std::int64_t crossed =
      click_to_door_sum(p, p.idle[0].at, {1}) + click_to_door_sum(p, p.idle[1].at, {0});
  EXPECT_EQ(got_sum, std::min(straight, crossed));
  EXPECT_LT(crossed, straight);
}

TEST(MdrpRollingHorizon, WaitsWhileWaitingCostsNothingAndNeverPicksUpAfterTheOffTime) {
  routing::MdrpRollingHorizon policy;  // 2-minute epochs
  // 640 m away: arrival + half the service is 4 minutes after the decision; ready at 10.
  auto at = [&](std::int64_t now_min, std::int64_t off_min) {
    MdrpProblem p = problem_at(now_min);
    p.open.push_back(order(1, {0, 0}, {0, 1000}, 0, 10));
    p.idle.push_back({{640, 0}, off_min * kMin});
    return policy.assign(p);
  };
  EXPECT_TRUE(at(2, 100).empty());   // pickup at 10 from now, and still from 4
  EXPECT_TRUE(at(4, 100).empty());   // and still from 6
  EXPECT_EQ(at(6, 100).size(), 1u);  // from 8 the pickup would slip to 12
  EXPECT_EQ(at(8, 100).size(), 1u);
  EXPECT_TRUE(at(8, 11).empty());  // a pickup at 12 is after the off time
}

}  // namespace
