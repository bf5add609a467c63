// PHOLD: the parallel engine against a plain single-threaded binary-heap loop, in one binary.
// Counter `events_per_second` is the figure the README quotes.
//   build/tools/bench/phold_bench --benchmark_format=json
#include <benchmark/benchmark.h>

#include "sim/engine/phold.h"

namespace {

sim::PholdConfig config(std::int64_t lps) {
  sim::PholdConfig c;
  c.lps = static_cast<std::uint32_t>(lps);
  c.population = 1;
  c.remote = 0.1;
  c.lookahead = 1000;
  c.mean_delay_ms = 1000;
  c.end = lps >= 1'000'000 ? 10 * sim::kSecond : 40 * sim::kSecond;
  return c;
}

void BM_PholdReferenceHeap(benchmark::State& state) {
  const auto c = config(state.range(0));
  std::uint64_t events = 0;
  for (auto _ : state) events += sim::run_phold_reference(c).events;
  state.counters["events_per_second"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

void BM_PholdEngine(benchmark::State& state) {
  const auto c = config(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  std::uint64_t events = 0;
  for (auto _ : state) events += sim::run_phold_engine(c, threads).events;
  state.counters["events_per_second"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["threads"] = threads;
}

BENCHMARK(BM_PholdReferenceHeap)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_PholdEngine)
    ->ArgsProduct({{100'000, 1'000'000}, {1, 2, 4, 8, 16}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
