// The twin's forecast from a paused world: the Wilson interval against hand-computed values, an
// order already past its promise never on time, the forecast calibrated against how the world
// really went on, and the same forecast at any thread count.
#include "sim/twin/forecast.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "tests/model/world_fixtures.h"

namespace {

using model::testing::grid;
using model::testing::grid_point;
constexpr double kSpacing = 100;

TEST(TwinForecast, WilsonIntervalAsComputedByHand) {
  // p = 1/2, n = 50, z = 1.95996: centre 1/2, half-width z/(1 + z^2/n) sqrt(1/200 + z^2/(4 n^2)).
  auto [lo, hi] = twin::wilson_interval(25, 50);
  EXPECT_NEAR(lo, 0.36636, 1e-4);
  EXPECT_NEAR(hi, 0.63364, 1e-4);
  // None of 50: [0, z^2 / (n + z^2)].
  std::tie(lo, hi) = twin::wilson_interval(0, 50);
  EXPECT_EQ(lo, 0);
  EXPECT_NEAR(hi, 3.8415 / 53.8415, 1e-4);
  std::tie(lo, hi) = twin::wilson_interval(50, 50);
  EXPECT_NEAR(lo, 1 - 3.8415 / 53.8415, 1e-4);
  EXPECT_EQ(hi, 1);
}

// A store short of riders at a busy hour: many orders open, some already late.
model::WorldConfig busy() {
  model::WorldConfig w;
  w.seed = 21;
  w.start_tod = 12 * sim::kHour;
  w.duration = 3 * sim::kHour;
  model::StoreConfig a;
  a.id = "mid";
  a.location = grid_point(10, 10, kSpacing);
  a.radius_m = 900;
  a.pickers = 4;
  w.stores = {a};
  w.riders = {{0, 5, model::Vehicle::ebike, 18, 1, -1, -1, ""}};
  w.demand.orders_per_day = 24 * 36;
  return w;
}

// Forecasts at three times of a busy afternoon: every order already past its promise gets 0; the
// share of open orders predicted on time matches what really happened to them as the world went
// on (its own future, a draw the forecasts did not see) within 0.15.
TEST(TwinForecast, PastItsPromiseIsNeverOnTimeAndTheForecastIsCalibrated) {
  const auto net = grid(21, 21, kSpacing);
  const sim::Time promise = busy().promise;
  double predicted = 0, happened = 0, n = 0;
  int past = 0;
  for (const sim::Time at : {60 * sim::kMinute, 90 * sim::kMinute, 120 * sim::kMinute}) {
    model::World world(busy(), net, 1);
    world.run_until(at);
    const std::uint64_t events = world.state().engine.events;
    twin::ForecastOptions opt;
    opt.replications = 40;
    opt.seed = 100;
    const twin::Forecast f = twin::forecast(world, opt);
    EXPECT_EQ(world.state().engine.events, events);  // the paused world is only read
    for (const auto& o : f.orders) {
      EXPECT_LE(o.lo, o.p_on_time);
      EXPECT_GE(o.hi, o.p_on_time);
      if (o.placed + promise < f.at) {
        ++past;
        EXPECT_EQ(o.p_on_time, 0) << o.order;
      }
    }
    for (std::size_t i = 1; i < f.orders.size(); ++i)
      EXPECT_LE(f.orders[i - 1].p_on_time, f.orders[i].p_on_time);
    ASSERT_EQ(f.stores.size(), 1u);
    EXPECT_GT(f.stores[0].placed, 10);  // about 18 orders in 30 min at 36 an hour
    EXPECT_LT(f.stores[0].placed, 30);
    const model::RunResult truth = world.run();
    for (const auto& o : f.orders) {
      predicted += o.p_on_time;
      const auto& t = truth.orders[o.order];
      happened += t.status == model::OrderStatus::delivered && t.delivered <= o.promise_end;
      ++n;
    }
  }
  std::printf("%.0f open orders: %.2f predicted on time, %.2f were\n", n, predicted / n,
              happened / n);
  EXPECT_GT(n, 30);
  EXPECT_GT(past, 0);
  EXPECT_NEAR(predicted / n, happened / n, 0.15);
}

TEST(TwinForecast, TheSameAtAnyThreadCount) {
  const auto net = grid(21, 21, kSpacing);
  model::World world(busy(), net, 1);
  world.run_until(60 * sim::kMinute);
  twin::ForecastOptions opt;
  opt.replications = 8;
  opt.threads = 1;
  const twin::Forecast one = twin::forecast(world, opt);
  opt.threads = 2;
  const twin::Forecast two = twin::forecast(world, opt);
  ASSERT_EQ(one.orders.size(), two.orders.size());
  for (std::size_t i = 0; i < one.orders.size(); ++i) {
    EXPECT_EQ(one.orders[i].order, two.orders[i].order);
    EXPECT_EQ(one.orders[i].p_on_time, two.orders[i].p_on_time);
    EXPECT_EQ(one.orders[i].predicted_delivery, two.orders[i].predicted_delivery);
  }
  EXPECT_EQ(one.stores[0].on_time_share, two.stores[0].on_time_share);
}

}  // namespace
