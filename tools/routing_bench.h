// `halfhour bench routing MAP`: preprocessing time and query times of the contraction hierarchy
// against Boost.Graph's Dijkstra on the same random pairs, as one JSON line.
#pragma once

#include <string>

struct RoutingBenchOptions {
  std::string map;  // a map file, or grid:ROWSxCOLS
  int pairs = 1000;
  int dijkstra_pairs = 100;  // the first pairs, also timed with Dijkstra
  int threads = 0;
  int repeat = 5;  // passes over the pairs; each CH figure is the median pass
  std::uint64_t seed = 1;
};

int run_routing_bench(const RoutingBenchOptions& opt);
