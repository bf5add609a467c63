// What-if actions and runs on small grid cities, each against what the action must mean.
#include "sim/model/whatif.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "sim/model/demand.h"
#include "tests/model/world_fixtures.h"

namespace {

using model::testing::grid;
using model::testing::two_store_city;
constexpr double kSpacing = 100;
constexpr sim::Time kFork = 2 * sim::kHour;

struct Paused {
  std::shared_ptr<const routing::RoadNetwork> net = grid(21, 21, kSpacing);
  std::unique_ptr<model::World> world;
  explicit Paused(const model::WorldConfig& w) {
    world = std::make_unique<model::World>(w, net, 1);
    world->run_until(kFork);
  }
};

TEST(WhatIf, AForkRunsAsTheWorldItCameFrom) {
  Paused p(two_store_city(3));
  const auto fork = p.world->fork();
  const auto a = p.world->run(), b = fork->run();
  ASSERT_EQ(a.orders.size(), b.orders.size());
  for (std::size_t i = 0; i < a.orders.size(); ++i) {
    EXPECT_EQ(a.orders[i].delivered, b.orders[i].delivered) << i;
    EXPECT_EQ(a.orders[i].rider, b.orders[i].rider) << i;
  }
  EXPECT_EQ(a.events, b.events);
}

// The future after the fork is the demand a world seeded with the new seed would place then.
TEST(WhatIf, RedrawKeepsThePastAndDrawsTheFutureFromTheNewSeed) {
  Paused p(two_store_city(3));
  const auto before = p.world->state().orders;
  auto fork = p.world->fork();
  model::redraw_future(*fork, 99);
  const auto& after = fork->state().orders;
  std::size_t past = 0;
  while (past < before.size() && before[past].placed < kFork) ++past;
  for (std::size_t i = 0; i < past; ++i) EXPECT_EQ(after[i].placed, before[i].placed);
  auto config = two_store_city(3);
  config.seed = 99;
  model::DemandGenerator demand(config, *p.net);
  std::vector<sim::Time> expected;
  while (auto r = demand.next())
    if (r->time >= kFork) expected.push_back(r->time);
  ASSERT_EQ(after.size() - past, expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(after[past + i].placed, expected[i]);
  EXPECT_GT(expected.size(), 50u);
}

TEST(WhatIf, NoPickersMeansNoOrderArrivingAfterTheForkIsPicked) {
  Paused p(two_store_city(3));
  auto fork = p.world->fork();
  model::apply(*fork, {model::WhatIfAction::Kind::set_pickers, 0, 0, 0, {}});
  const auto r = fork->run();
  int after = 0;
  for (const auto& o : r.orders)
    if (o.store == 0 && o.placed >= kFork) {
      ++after;
      EXPECT_EQ(o.pick_started, sim::kNever) << o.id;
    }
  EXPECT_GT(after, 20);
}

TEST(WhatIf, AClosedStoreTakesNoOrderAfterTheForkAndOpensAgain) {
  Paused p(two_store_city(3));
  auto fork = p.world->fork();
  model::apply(*fork, {model::WhatIfAction::Kind::close_store, 1, 0, 0, {}});
  model::redraw_future(*fork, 5);
  for (const auto& o : fork->state().orders)
    if (o.placed >= kFork) {
      EXPECT_NE(o.store, 1) << o.id;
    }
  auto reopened = p.world->fork();
  model::apply(*reopened, {model::WhatIfAction::Kind::close_store, 1, 0, 0, {}});
  model::apply(*reopened, {model::WhatIfAction::Kind::open_store, 1, 0, 0, {}});
  model::redraw_future(*reopened, 5);
  int east = 0;
  for (const auto& o : reopened->state().orders) east += o.placed >= kFork && o.store == 1;
  EXPECT_GT(east, 20);
}

TEST(WhatIf, MovedRidersWorkAtTheirNewStore) {
  Paused p(two_store_city(4));
  auto fork = p.world->fork();
  const auto before_west = fork->state().stores[0].fleet.riders;
  const std::string did =
      model::apply(*fork, {model::WhatIfAction::Kind::move_riders, 0, 1, 2, {}});
  EXPECT_NE(did.find("moved 2 of 2"), std::string::npos) << did;
  const auto& st = fork->state();
  EXPECT_EQ(st.stores[0].fleet.riders.size(), before_west.size() - 2);
  EXPECT_EQ(st.stores[1].fleet.riders.size(), 6u);
  std::set<std::int32_t> moved;
  for (auto id : before_west)
    if (st.riders[id].store == 1) moved.insert(static_cast<std::int32_t>(id));
  ASSERT_EQ(moved.size(), 2u);
  const auto r = fork->run();
  int by_moved = 0;
  for (const auto& o : r.orders)
    if (moved.count(o.rider)) {
      if (o.assigned >= kFork) {
        EXPECT_EQ(o.store, 1) << o.id;
      }
      by_moved += o.assigned >= kFork;
    }
  EXPECT_GT(by_moved, 0);
}

TEST(WhatIf, RemovingEveryRiderOfAStoreMakesAllItsNewOrdersLate) {
  Paused p(two_store_city(3));
  model::WhatIfAlternative none{"none", {{model::WhatIfAction::Kind::remove_riders, 0, 0, 3, {}}}};
  const auto out = model::run_whatif(*p.world, {none}, sim::kHour, 4, 1, 1);
  ASSERT_EQ(out.size(), 2u);
  for (std::size_t r = 0; r < 4; ++r) {
    // Common random numbers: the same orders in both.
    EXPECT_EQ(out[1].runs[r].orders, out[0].runs[r].orders);
    EXPECT_GT(out[1].runs[r].late, out[0].runs[r].late);
  }
  // West's orders (about half) can no longer be delivered at all.
  EXPECT_GT(out[1].kpis[3].mean, 0.3 * out[1].kpis[1].mean);
}

TEST(WhatIf, MoreRidersForAnUnderstaffedCityCutLateOrders) {
  Paused p(two_store_city(1, 90));
  model::WhatIfAlternative more{"more",
                                {{model::WhatIfAction::Kind::add_riders, 0, 0, 10, {}},
                                 {model::WhatIfAction::Kind::add_riders, 1, 0, 10, {}}}};
  const auto out = model::run_whatif(*p.world, {more}, sim::kHour, 5, 3, 2);
  const auto& late = out[1].difference[3];
  ASSERT_EQ(late.name, "late");
  EXPECT_LT(late.mean + late.half_width, 0) << late.mean;
  // The same at 1 thread: replications do not depend on the thread count.
  const auto again = model::run_whatif(*p.world, {more}, sim::kHour, 5, 3, 1);
  for (std::size_t r = 0; r < 5; ++r) EXPECT_EQ(again[1].runs[r].late, out[1].runs[r].late);
}

TEST(WhatIf, UnknownStoresAndPoliciesAreRejected) {
  Paused p(two_store_city(1));
  auto fork = p.world->fork();
  EXPECT_THROW(model::apply(*fork, {model::WhatIfAction::Kind::add_riders, 7, 0, 1, {}}),
               std::invalid_argument);
  EXPECT_THROW(model::apply(*fork, {model::WhatIfAction::Kind::set_policy, 0, 0, 0, "nope"}),
               std::invalid_argument);
  model::apply(*fork, {model::WhatIfAction::Kind::set_policy, 0, 0, 0, "batch_insertion"});
  EXPECT_EQ(fork->state().policy, "batch_insertion");
  EXPECT_GT(fork->run().orders.size(), 0u);
}

}  // namespace
