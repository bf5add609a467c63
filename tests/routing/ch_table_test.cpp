// Distance tables of the contraction hierarchy (CHQuery::one_to_many, many_to_many) against
// Boost.Graph's Dijkstra, entry for entry: on grids where equal-length paths are everywhere, and
// on real maps with one-way streets and parts that cannot be reached.
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <vector>

#include "routing/ch_query.h"
#include "routing/contraction_hierarchy.h"
#include "routing/dimacs_import.h"
#include "routing/metric_dijkstra.h"
#include "routing/osm_import.h"
#include "routing/vehicle_profile.h"

namespace {

using routing::ContractionHierarchy;
using routing::kInfWeight;
using routing::MetricArc;
using routing::NodeId;
using routing::Weight;

const std::string kMaps = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/";

// A rows x cols grid of two-way arcs weighing weight(rng) each, then two extra nodes: `rows *
// cols` isolated, `rows * cols + 1` with a single arc into the grid (it reaches everything and
// nothing reaches it).
std::vector<MetricArc> grid_arcs(int rows, int cols, Weight max_weight, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<MetricArc> arcs;
  auto add = [&](NodeId a, NodeId b) {
    arcs.push_back({a, b, 1 + static_cast<Weight>(rng() % max_weight),
                    static_cast<std::uint32_t>(arcs.size())});
  };
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const auto v = static_cast<NodeId>(r * cols + c);
      if (c + 1 < cols) add(v, v + 1), add(v + 1, v);
      if (r + 1 < rows)
        add(v, v + static_cast<NodeId>(cols)), add(v + static_cast<NodeId>(cols), v);
    }
  add(static_cast<NodeId>(rows * cols + 1), static_cast<NodeId>(rows * cols / 2));
  return arcs;
}

// Checks one_to_many and many_to_many against Dijkstra for random sources and targets that
// include duplicates, the sources themselves and the given extra nodes. Returns how many entries
// were unreachable.
int expect_tables_match(std::size_t node_count, const std::vector<MetricArc>& arcs,
                        const std::vector<NodeId>& extra, std::uint32_t seed,
                        const std::string& name) {
  const auto ch = ContractionHierarchy::build(node_count, arcs, 2);
  routing::CHQuery query(ch);
  routing::MetricDijkstra dijkstra(node_count, arcs);
  std::mt19937 rng(seed);
  auto random_node = [&] { return static_cast<NodeId>(rng() % node_count); };

  std::vector<NodeId> sources;
  for (int k = 0; k < 20; ++k) sources.push_back(random_node());
  sources.insert(sources.end(), extra.begin(), extra.end());
  std::vector<NodeId> targets;
  for (int k = 0; k < 60; ++k) targets.push_back(random_node());
  targets.push_back(targets[3]);  // duplicates
  targets.push_back(targets[3]);
  targets.push_back(sources[0]);  // a source among the targets
  targets.push_back(sources[1]);
  targets.insert(targets.end(), extra.begin(), extra.end());

  std::vector<Weight> table, row;
  query.many_to_many(sources, targets, table);
  EXPECT_EQ(table.size(), sources.size() * targets.size());
  int unreachable = 0;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const std::vector<Weight> expected = dijkstra.distances_from(sources[i]);
    query.one_to_many(sources[i], targets, row);
    EXPECT_EQ(row.size(), targets.size());
    for (std::size_t j = 0; j < targets.size(); ++j) {
      const Weight want = expected[targets[j]];
      EXPECT_EQ(row[j], want) << name << " one_to_many " << sources[i] << " -> " << targets[j];
      EXPECT_EQ(table[i * targets.size() + j], want)
          << name << " many_to_many " << sources[i] << " -> " << targets[j];
      unreachable += want == kInfWeight;
    }
  }
  const std::size_t self_at = targets.size() - extra.size() - 2;  // sources[0], then sources[1]
  EXPECT_EQ(table[self_at], 0u);
  EXPECT_EQ(table[targets.size() + self_at + 1], 0u);
  // Point queries in between leave the tables' state alone, and the other way round.
  EXPECT_EQ(query.distance(sources[0], targets[0]), table[0]);
  query.many_to_many(sources, targets, row);
  EXPECT_EQ(row, table);
  return unreachable;
}

TEST(CHTable, EqualsDijkstraOnAGridOfEqualWeights) {
  // Every arc weighs 1: shortest paths tie almost everywhere, which stall-on-demand must survive.
  const int rows = 30, cols = 30;
  const auto arcs = grid_arcs(rows, cols, 1, 1);
  const NodeId isolated = rows * cols, entry_only = rows * cols + 1;
  const int unreachable =
      expect_tables_match(rows * cols + 2, arcs, {isolated, entry_only}, 5, "grid of ones");
  EXPECT_GT(unreachable, 0);
}

TEST(CHTable, EqualsDijkstraOnGridsOfFewWeights) {
  for (std::uint32_t seed = 1; seed <= 4; ++seed) {
    const int rows = 20 + static_cast<int>(seed), cols = 25;
    const auto arcs = grid_arcs(rows, cols, 3, seed);
    const auto n = static_cast<NodeId>(rows * cols);
    expect_tables_match(n + 2, arcs, {n, n + 1}, seed, "grid " + std::to_string(seed));
  }
}

std::vector<MetricArc> car_metric(const routing::RoadNetwork& net) {
  std::array<float, routing::kRoadClassCount> free_flow;
  free_flow.fill(1.0f);
  return routing::travel_time_metric(net, *routing::vehicle_profile("car", 1000), free_flow);
}

TEST(CHTable, EqualsDijkstraOnMonacoWithUnreachableTargets) {
  // Random nodes over the whole map, detached parts included: some pairs cannot be joined.
  const auto net = routing::import_osm(kMaps + "monaco.osm.pbf");
  ASSERT_LT(net.main_node_count(), net.node_count());
  const auto detached = static_cast<NodeId>(net.main_node_count());
  const int unreachable =
      expect_tables_match(net.node_count(), car_metric(net), {detached}, 11, "monaco");
  EXPECT_GT(unreachable, 0);
}

TEST(CHTable, EqualsDijkstraOnRome) {
  const auto net = routing::import_dimacs(kMaps + "rome99.gr");
  expect_tables_match(net.node_count(), car_metric(net), {0}, 13, "rome99");
}

TEST(CHTable, EmptyInputsGiveEmptyTables) {
  const auto arcs = grid_arcs(3, 3, 5, 1);
  const auto ch = ContractionHierarchy::build(11, arcs, 1);
  routing::CHQuery query(ch);
  std::vector<Weight> out = {1, 2, 3};
  query.one_to_many(0, {}, out);
  EXPECT_TRUE(out.empty());
  const std::vector<NodeId> some = {0, 4};
  query.many_to_many({}, some, out);
  EXPECT_TRUE(out.empty());
  query.many_to_many(some, {}, out);
  EXPECT_TRUE(out.empty());
}

}  // namespace
