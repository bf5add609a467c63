// A what-if on the live state as a requester sees it (sim/twin/live_whatif.h): from the request's
// bytes to the reply's JSON through twin::LiveWhatIf (parse, fork of the twin's world, the
// background run of "as is" and three alternatives, the document), on the Monaco day with drones
// and cold chain paused at 18:00 (its evening peak), R = 50, H = 30 min, every core. Issue 19's
// target: under 10 s on the 2-core machine. Counter `run_s`: model::run_whatif alone (the
// reply's `seconds`); the rest is parsing, forking and writing the reply.
#include <benchmark/benchmark.h>

#include <condition_variable>
#include <mutex>

#include "scenarios/scenario.h"
#include "sim/model/world.h"
#include "sim/twin/live_whatif.h"

namespace {

constexpr std::int64_t kStart = 1796108400000LL;  // 2026-12-01T07:00:00Z, the day's 07:00
constexpr sim::Time kFork = 11 * sim::kHour;      // 18:00

struct Setup {
  scenarios::Scenario scenario;
  std::shared_ptr<const routing::RoadNetwork> network;
  std::unique_ptr<model::World> paused;
};

const Setup& setup() {
  static const Setup s = [] {
    Setup s;
    s.scenario = scenarios::load_scenario(std::string(HALFHOUR_SOURCE_DIR) +
                                          "/scenarios/monaco-drones-coldchain.yaml");
    s.network = scenarios::load_network(s.scenario);
    s.paused = std::make_unique<model::World>(s.scenario.world, s.network, 1);
    s.paused->run_until(kFork);
    return s;
  }();
  return s;
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

BENCHMARK(LiveWhatIfThreeAlternatives)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();
BENCHMARK_MAIN();
