// Online map matching (routing/map_matching.h): time per GPS ping on Monaco, synthetic e-bike
// rides pinged every 1-5 s with 10 m noise (routing/synthetic_pings.h). Counter
// `us_per_ping` is the figure the README quotes (issue 18's target: under 1 ms).
//   build/tools/bench/map_matching_bench
#include <benchmark/benchmark.h>

#include <string>

#include "routing/edge_index.h"
#include "routing/map_matching.h"
#include "routing/osm_import.h"
#include "routing/synthetic_pings.h"

namespace {

void BM_MapMatchPing(benchmark::State& state) {
  const auto net =
      routing::import_osm(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/monaco.osm.pbf");
  const routing::EdgeIndex index(net, routing::kModeBicycle);
  routing::SyntheticPingSpec spec;
  spec.rides = 40;
  spec.seed = 11;
  const auto rides = routing::synthetic_rides(net, spec);
  std::size_t pings = 0;
  for (auto _ : state) {
    for (const auto& ride : rides) {
      routing::OnlineMapMatcher matcher(index);
      for (const auto& p : ride.pings) benchmark::DoNotOptimize(matcher.add(p.reported, p.time_s));
      matcher.flush();
      benchmark::DoNotOptimize(matcher.take_matched());
      pings += ride.pings.size();
    }
  }
  state.counters["us_per_ping"] = benchmark::Counter(
      static_cast<double>(pings) * 1e-6, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_MapMatchPing)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
