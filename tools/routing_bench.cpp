#include "tools/routing_bench.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <regex>
#include <span>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "routing/ch_query.h"
#include "routing/grid.h"
#include "routing/map_import.h"
#include "routing/metric_dijkstra.h"
#include "routing/traffic.h"
#include "routing/vehicle_profile.h"

namespace {

double since_us(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
}

routing::RoadNetwork open_map(const std::string& spec) {
  std::smatch m;
  static const std::regex grid(R"(grid:(\d+)x(\d+))");
  if (std::regex_match(spec, m, grid)) {
    routing::GridSpec g;
    g.rows = std::stoi(m[1]);
    g.cols = std::stoi(m[2]);
    g.spacing_m = 100;
    g.speed_kmh = 30;
    try {
      return routing::make_grid(g);
    } catch (const std::invalid_argument& e) {
      throw routing::MapError(spec, e.what());
    }
  }
  return routing::import_map(spec);
}

}  // namespace

int run_routing_bench(const RoutingBenchOptions& opt) {
  const routing::RoadNetwork net = open_map(opt.map);
  // Road speeds only: a car with no cap of its own, at free flow.
  const auto profile = *routing::vehicle_profile("car", 1000);
  routing::CongestionProfile::Factors free_flow;
  free_flow.fill(1.0f);
  const auto arcs = routing::travel_time_metric(net, profile, free_flow);

  auto t0 = std::chrono::steady_clock::now();
  const auto ch = routing::ContractionHierarchy::build(net.node_count(), arcs, opt.threads);
  const double preprocessing_s = since_us(t0) / 1e6;

  std::mt19937_64 rng(opt.seed);
  std::uniform_int_distribution<routing::NodeId> node(
      0, static_cast<routing::NodeId>(net.main_node_count() - 1));  // pairs in the main part
  std::vector<std::pair<routing::NodeId, routing::NodeId>> pairs(opt.pairs);
  for (auto& p : pairs) p = {node(rng), node(rng)};
  const std::size_t dij_n = std::min<std::size_t>(opt.dijkstra_pairs, pairs.size());

  // Each CH figure is the median over `repeat` passes of the mean per query of one pass.
  auto median_us = [&](std::size_t n, auto&& one_pass) {
    std::vector<double> passes;
    for (int k = 0; k < opt.repeat; ++k) {
      const auto start = std::chrono::steady_clock::now();
      one_pass();
      passes.push_back(since_us(start) / static_cast<double>(n));
    }
    std::sort(passes.begin(), passes.end());
    return passes[passes.size() / 2];
  };
  routing::CHQuery query(ch);
  std::vector<routing::Weight> ch_dist(pairs.size());
  const double ch_us = median_us(pairs.size(), [&] {
    for (std::size_t i = 0; i < pairs.size(); ++i)
      ch_dist[i] = query.distance(pairs[i].first, pairs[i].second);
  });
  // The same pairs as Dijkstra, timed apart for a like-for-like ratio.
  const double ch_same_us = median_us(dij_n, [&] {
    for (std::size_t i = 0; i < dij_n; ++i) query.distance(pairs[i].first, pairs[i].second);
  });

  std::vector<std::uint32_t> path;
  double path_arcs = 0;
  const double ch_path_us = median_us(pairs.size(), [&] {
    path_arcs = 0;
    for (const auto& [s, t] : pairs) {
      query.path(s, t, path);
      path_arcs += static_cast<double>(path.size());
    }
  });

  const int tables = 100;
  std::vector<std::vector<routing::NodeId>> targets(tables, std::vector<routing::NodeId>(100));
  std::vector<routing::NodeId> sources(tables);
  for (int k = 0; k < tables; ++k) {
    for (auto& t : targets[k]) t = node(rng);
    sources[k] = node(rng);
  }
  std::vector<routing::Weight> row;
  const double table_us = median_us(tables, [&] {
    for (int k = 0; k < tables; ++k) query.one_to_many(sources[k], targets[k], row);
  });
  // The same rows from the bucket table, one source each: what one_to_many would cost with
  // buckets, whose targets' selection is paid per call.
  std::vector<routing::Weight> table;
  const double bucket_row_us = median_us(tables, [&] {
    for (int k = 0; k < tables; ++k)
      query.many_to_many(std::span(&sources[k], 1), targets[k], table);
  });
  // A 100 x 100 table at once (buckets), per table.
  const double table_100x100_us =
      median_us(1, [&] { query.many_to_many(sources, targets[0], table); });

  routing::MetricDijkstra dijkstra(net.node_count(), arcs);
  std::size_t mismatches = 0;
  t0 = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < dij_n; ++i)
    mismatches += dijkstra.distance(pairs[i].first, pairs[i].second) != ch_dist[i];
  const double dijkstra_us = since_us(t0) / static_cast<double>(dij_n);
  // Tables against Dijkstra's whole tree from a few sources.
  const std::size_t checked_tables = std::min<std::size_t>(3, dij_n);
  for (std::size_t k = 0; k < checked_tables; ++k) {
    const auto expected = dijkstra.distances_from(sources[k]);
    query.one_to_many(sources[k], targets[k], row);
    query.many_to_many(std::span(&sources[k], 1), targets[k], table);
    for (std::size_t j = 0; j < row.size(); ++j)
      mismatches += (row[j] != expected[targets[k][j]]) + (table[j] != expected[targets[k][j]]);
  }

  fmt::print(
      "{{\"benchmark\": \"routing\", \"map\": \"{}\", \"nodes\": {}, \"edges\": {}, "
      "\"threads\": {}, \"repeat\": {}, \"preprocessing_seconds\": {:.3f}, \"shortcuts\": {}, "
      "\"pairs\": {}, \"dijkstra_pairs\": {}, \"dijkstra_us\": {:.1f}, \"ch_distance_us\": {:.2f}, "
      "\"ch_path_us\": {:.2f}, \"mean_path_arcs\": {:.1f}, \"one_to_100_us\": {:.1f}, "
      "\"bucket_one_to_100_us\": {:.1f}, \"table_100x100_us\": {:.0f}, "
      "\"speedup_vs_dijkstra\": {:.0f}, \"mismatches\": {}}}\n",
      opt.map, net.node_count(), net.edge_count(),
      opt.threads > 0 ? opt.threads : static_cast<int>(std::thread::hardware_concurrency()),
      opt.repeat, preprocessing_s, ch.shortcut_count(), pairs.size(), dij_n, dijkstra_us, ch_us,
      ch_path_us, path_arcs / static_cast<double>(pairs.size()), table_us, bucket_row_us,
      table_100x100_us, dijkstra_us / ch_same_us, mismatches);
  return mismatches == 0 ? 0 : 1;
}
