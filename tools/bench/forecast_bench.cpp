// The live twin's look-ahead on the Monaco day with drones and cold chain, paused at 18:00 (its
// evening peak), every core:
//   ForecastRound: one forecast (sim/twin/forecast.h), R = 50 replications, H = 30 min
//     (issue 19's target: under 5 s on the 2-core machine).
//   ForecastRoundWhileIngesting: the same while another thread keeps a twin's world in step with
//     the demo feed (`halfhour feed --speed 60`: an hour of Monaco's messages, rider pings every
//     5 s, applied to a TwinSync at 60 simulated seconds per second), as `halfhour twin
//     --forecast` does; counter `ingest_lag_s`: how far the ingest thread fell behind its pace.
//   WhatIfThreeAlternatives: `model::run_whatif` with "as is" and three alternatives (add two
//     riders, move two riders, one more picker at the busiest store), R = 50, H = 30 min
//     (target: under 10 s).
//   LiveWhatIfThreeAlternatives: the same as a requester of the live twin sees it
//     (sim/twin/live_whatif.h): from the request's bytes to the reply's JSON through
//     twin::LiveWhatIf (parse, fork, the background run, the document); counter `run_s`:
//     model::run_whatif alone (the reply's `seconds`).
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "scenarios/scenario.h"
#include "sim/model/whatif.h"
#include "sim/twin/feed.h"
#include "sim/twin/forecast.h"
#include "sim/twin/live_whatif.h"
#include "sim/twin/messages.h"
#include "sim/twin/sync.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr twin::UnixMillis kStart = 1796108400000LL;  // 2026-12-01T07:00:00Z, the day's 07:00
constexpr sim::Time kFork = 11 * sim::kHour;          // 18:00
constexpr double kDemoSpeed = 60;                     // halfhour feed's --speed in the README

struct Setup {
  scenarios::Scenario scenario;
  std::shared_ptr<const routing::RoadNetwork> network;
  std::unique_ptr<model::World> paused;  // the model's own day at 18:00
  std::vector<twin::Message> feed;       // 17:00-18:00 of another seed's day
};

const Setup& setup() {
  static const Setup s = [] {
    Setup s;
    s.scenario = scenarios::load_scenario(std::string(HALFHOUR_SOURCE_DIR) +
                                          "/scenarios/monaco-drones-coldchain.yaml");
    s.network = scenarios::load_network(s.scenario);
    s.paused = std::make_unique<model::World>(s.scenario.world, s.network, 1);
    s.paused->run_until(kFork);
    model::WorldConfig c = s.scenario.world;
    c.seed += 4;
    twin::FeedOptions f;
    f.start = kStart;
    f.from = kFork - sim::kHour;
    f.to = kFork;
    s.feed = twin::make_feed(c, s.network, f).messages;
    return s;
  }();
  return s;
}

twin::ForecastOptions forecast_options() {
  twin::ForecastOptions o;
  o.replications = 50;
  o.horizon = 30 * sim::kMinute;
  o.threads = 0;
  return o;
}

void ForecastRound(benchmark::State& state) {
  const Setup& s = setup();
  std::size_t open = 0;
  for (auto _ : state) {
    const twin::Forecast f = twin::forecast(*s.paused, forecast_options());
    open = f.orders.size();
  }
  state.counters["open_orders"] = static_cast<double>(open);
}

void ForecastRoundWhileIngesting(benchmark::State& state) {
  const Setup& s = setup();
  double behind_s = 0;
  for (auto _ : state) {
    state.PauseTiming();
    twin::SyncOptions so;
    so.start = kStart;
    twin::TwinSync sync(s.scenario.world, s.network, so);
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> applied{0};
    std::thread ingest([&] {
      const auto t0 = Clock::now();
      const twin::UnixMillis first = s.feed.front().time;
      for (const auto& m : s.feed) {
        if (stop) break;
        const auto due = t0 + std::chrono::microseconds(static_cast<std::int64_t>(
                                  static_cast<double>(m.time - first) * 1000 / kDemoSpeed));
        std::this_thread::sleep_until(due);
        sync.apply(m);
        applied.fetch_add(1);
        behind_s = std::max(behind_s, std::chrono::duration<double>(Clock::now() - due).count());
      }
    });
    // Let the ingest thread reach its pace before the forecast starts.
    while (applied < 2000) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    state.ResumeTiming();
    const twin::Forecast f = twin::forecast(*s.paused, forecast_options());
    benchmark::DoNotOptimize(f.orders.data());
    state.PauseTiming();
    stop = true;
    ingest.join();
    state.ResumeTiming();
  }
  state.counters["ingest_lag_s"] = behind_s;
}

void WhatIfThreeAlternatives(benchmark::State& state) {
  const Setup& s = setup();
  using K = model::WhatIfAction::Kind;
  // Store 2 is Monte-Carlo, the busiest at the evening peak; store 1 Condamine.
  const std::vector<model::WhatIfAlternative> alts = {
      {"add 2 riders", {{K::add_riders, 2, 0, 2, ""}}},
      {"move 2 riders", {{K::move_riders, 1, 2, 2, ""}}},
      {"one more picker", {{K::set_pickers, 2, 0, s.scenario.world.stores[2].pickers + 1, ""}}},
  };
  for (auto _ : state) {
    const auto out =
        model::run_whatif(*s.paused, alts, 30 * sim::kMinute, 50, s.scenario.world.seed + 1, 0);
    benchmark::DoNotOptimize(out.data());
  }
}

void LiveWhatIfThreeAlternatives(benchmark::State& state) {
  const Setup& s = setup();
  // Monte-Carlo is the busiest store at the evening peak.
  const std::string pickers = std::to_string(s.scenario.world.stores[2].pickers + 1);
  const std::string request =
      R"({"version": 1, "id": "bench", "replications": 50, "horizon_min": 30, "alternatives": [)"
      R"({"name": "add 2 riders", "actions": ["add-riders:monte-carlo:2"]},)"
      R"({"name": "move 2 riders", "actions": ["move-riders:condamine:monte-carlo:2"]},)"
      R"({"name": "one more picker", "actions": ["pickers:monte-carlo:)" +
      pickers + R"("]}]})";
  std::mutex mutex;
  std::condition_variable replied;
  bool done = false;
  double run_s = 0;
  std::size_t bytes = 0;
  twin::LiveWhatIf whatifs(twin::whatif_rules(s.scenario.world), {},
                           [&](const twin::WhatIfReply& r) {
                             std::lock_guard lock(mutex);
                             if (const auto* x = std::get_if<twin::WhatIfResult>(&r.outcome))
                               run_s += x->seconds;
                             else
                               state.SkipWithError(r.json.c_str());
                             bytes = r.json.size();
                             done = true;
                             replied.notify_all();
                           });
  for (auto _ : state) {
    {
      std::lock_guard lock(mutex);
      done = false;
    }
    whatifs.request(request, *s.paused, kStart);
    std::unique_lock lock(mutex);
    replied.wait(lock, [&] { return done; });
  }
  state.counters["run_s"] = run_s / static_cast<double>(state.iterations());
  state.counters["reply_bytes"] = static_cast<double>(bytes);
}

}  // namespace

BENCHMARK(ForecastRound)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();
BENCHMARK(ForecastRoundWhileIngesting)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();
BENCHMARK(WhatIfThreeAlternatives)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();
BENCHMARK(LiveWhatIfThreeAlternatives)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();
BENCHMARK_MAIN();
