// One dark store as an M/M/c picking queue with R riders (issue 17): orders simulated per second
// of wall time, at 4, 20, 100 and 1,000 riders. The store's cost per order must not grow with
// its idle riders. Orders arrive as a Poisson process (60 per minute), 12 pickers pick in an
// exponential 10 s on average (offered load 10 of 12), riders on a 2 m grid are never the
// bottleneck (an order takes them about a second), and there is no counter, door or packing time:
// the same model as tests/model/queueing_test.cpp, whose answers the Erlang C formula checks.
//   build/tools/bench/store_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "routing/dispatch.h"
#include "routing/grid.h"
#include "sim/model/kpis.h"
#include "sim/model/world.h"

namespace {

constexpr int kOrders = 100'000;
constexpr double kPerMinute = 60;

// nearest_idle as it was before the model offered only as many equal idle riders as there are
// open orders: the same decisions (tests/model/dispatch_policies_test.cpp, Thinning), every idle
// rider timed for every order.
class UnthinnedNearestIdle : public routing::NearestIdleDispatch {
 public:
  bool takes_earliest_of_equal_vehicles() const override { return false; }
  bool plans_only_empty_routes() const override { return false; }
};

model::WorldConfig store_config(int riders, const std::string& policy) {
  model::WorldConfig w;
  w.seed = 20261130;
  w.start_tod = 0;
  w.duration = static_cast<sim::Time>(kOrders / kPerMinute * sim::kMinute);
  w.drain = 6 * sim::kHour;
  w.dispatch.epoch = 0;
  w.dispatch.policy = policy;
  const model::Distribution none{model::Distribution::Kind::fixed, 0, 0};
  model::StoreConfig store;
  store.id = "s";
  store.location = {48.85, 2.35};
  store.radius_m = 10'000;
  store.pickers = 12;
  store.pick_time = {model::Distribution::Kind::exponential, 10 * sim::kSecond, 0};
  store.pack_time = none;
  store.pick_start = none;
  store.pick_per_item = none;
  store.handover = none;
  w.stores = {store};
  w.door.handover = none;
  w.door.walk_back = none;
  w.riders = {{0, riders, model::Vehicle::car, 3600, 1, -1, -1, "fleet"}};
  w.demand.orders_per_day = kPerMinute * 24 * 60;
  w.demand.background_weight = 1;
  return w;
}

void store_orders(benchmark::State& state, const std::string& policy) {
  const auto network =
      std::make_shared<routing::RoadNetwork>(routing::make_grid({2, 2, 2, 25, {48.85, 2.35}}));
  const model::WorldConfig w = store_config(static_cast<int>(state.range(0)), policy);
  std::uint64_t orders = 0;
  std::uint64_t events = 0;
  double on_time = 0;
  for (auto _ : state) {
    state.PauseTiming();
    model::World world(w, network, 1);
    state.ResumeTiming();
    const model::RunResult r = world.run();
    state.PauseTiming();
    const model::Kpis k = model::compute_kpis(r);
    orders += k.orders_placed;
    events += r.events;
    on_time = k.on_time_share;
    state.ResumeTiming();
  }
  state.counters["orders_per_s"] =
      benchmark::Counter(static_cast<double>(orders), benchmark::Counter::kIsRate);
  state.counters["on_time"] = on_time;
  // The engine's events each order costs: with the engine's own rate (phold_bench) it bounds
  // orders/s from above.
  state.counters["events_per_order"] =
      orders ? static_cast<double>(events) / static_cast<double>(orders) : 0;
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
void BM_StoreOrders(benchmark::State& state) { store_orders(state, "nearest_idle"); }
void BM_StoreOrdersUnthinned(benchmark::State& state) {
  routing::register_dispatch_policy("nearest_idle_unthinned",
                                    [] { return std::make_unique<UnthinnedNearestIdle>(); });
  store_orders(state, "nearest_idle_unthinned");
}
BENCHMARK(BM_StoreOrders)->Arg(4)->Arg(20)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StoreOrdersUnthinned)->Arg(4)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
