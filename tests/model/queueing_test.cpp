// The store's pickers are an M/M/c queue when orders arrive as a Poisson process and picking is
// exponential with no packing time: the mean wait must match Erlang C, and the time-average
// queue length must match Little's law on the same run. With a million orders the estimate's
// standard error is about 1% (measured over ten seeds: at most 2.1% off), so 3% is a safe bound.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/model/kpis.h"
#include "sim/model/world.h"
#include "world_fixtures.h"

namespace {

// Erlang C: the mean wait in queue of an M/M/c queue (Kleinrock, Queueing Systems I, 3.40).
double erlang_c_mean_wait(double lambda, double mu, int c) {
  const double a = lambda / mu;
  const double rho = a / c;
  double term = 1, sum = 0;  // a^k / k!
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double tail = term / (1 - rho);
  const double p_wait = tail / (sum + tail);
  return p_wait / (c * mu - lambda);
}

struct QueueCase {
  double lambda_per_min;
  double mu_per_min;
  int pickers;
  int orders;
};

class ErlangC : public ::testing::TestWithParam<QueueCase> {};

TEST_P(ErlangC, MeanPickWaitMatchesTheoryAndLittlesLawHolds) {
  const QueueCase q = GetParam();
  model::WorldConfig w;
  w.seed = 20261124;
  w.start_tod = 0;
  w.duration = static_cast<sim::Time>(q.orders / q.lambda_per_min * sim::kMinute);
  w.drain = 6 * sim::kHour;
  w.dispatch.epoch = 0;
  model::StoreConfig store;
  store.id = "s";
  store.location = model::testing::grid_point(0, 0, 50);
  store.radius_m = 10'000;
  store.pickers = q.pickers;
  store.pick_time = {model::Distribution::Kind::exponential,
                     static_cast<sim::Time>(sim::kMinute / q.mu_per_min), 0};
  store.pack_time = {model::Distribution::Kind::fixed, 0, 0};
  store.pick_start = {model::Distribution::Kind::fixed, 0, 0};
  store.pick_per_item = {model::Distribution::Kind::fixed, 0, 0};
  w.stores = {store};
  // Riders fast enough never to hold orders back; they do not touch the pick queue anyway.
  w.riders = {{0, 4, model::Vehicle::car, 3600, 1, -1, -1, ""}};
  model::testing::no_counter_or_door(w);
  w.demand.orders_per_day = q.lambda_per_min * 24 * 60;
  w.demand.background_weight = 1;

  model::World world(w, model::testing::grid(2, 2, 50));
  const model::RunResult r = world.run();
  const model::Kpis k = model::compute_kpis(r);

  ASSERT_EQ(k.orders_open, 0u);
  ASSERT_EQ(k.orders_rejected, 0u);
  ASSERT_GT(k.pick_wait_min.count, static_cast<std::size_t>(q.orders * 0.97));
  const double theory = erlang_c_mean_wait(q.lambda_per_min, q.mu_per_min, q.pickers);
  EXPECT_NEAR(k.pick_wait_min.mean, theory, 0.03 * theory)
      << "lambda " << q.lambda_per_min << " mu " << q.mu_per_min << " c " << q.pickers;

  // Little: the time-average number waiting equals the arrival rate times the mean wait.
  const double horizon_min = sim::to_minutes(r.end_time);
  const double mean_queue = r.stores[0].queue_area_ms / sim::kMinute / horizon_min;
  const double arrival_rate = static_cast<double>(k.orders_placed) / horizon_min;
  EXPECT_NEAR(mean_queue, arrival_rate * k.pick_wait_min.mean, 0.005 * mean_queue);
}

INSTANTIATE_TEST_SUITE_P(Stores, ErlangC,
                         ::testing::Values(QueueCase{0.6, 1.0, 1, 1'000'000},
                                           QueueCase{2.1, 1.0, 3, 1'000'000},
                                           QueueCase{4.0, 1.0 / 1.2, 6, 1'000'000}));

}  // namespace
