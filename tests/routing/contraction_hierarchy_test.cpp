#include "routing/contraction_hierarchy.h"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "routing/ch_query.h"
#include "routing/dimacs_import.h"
#include "routing/grid.h"
#include "routing/metric_dijkstra.h"
#include "routing/osm_import.h"
#include "routing/vehicle_profile.h"

namespace {

using routing::ContractionHierarchy;
using routing::MetricArc;
using routing::NodeId;
using routing::Weight;

const std::string kMaps = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/";

struct Case {
  std::string name;
  std::shared_ptr<routing::RoadNetwork> net;
  std::vector<MetricArc> arcs;
};

std::vector<MetricArc> car_metric(const routing::RoadNetwork& net) {
  std::array<float, routing::kRoadClassCount> free_flow;
  free_flow.fill(1.0f);
  return routing::travel_time_metric(net, *routing::vehicle_profile("car", 1000), free_flow);
}

Case grid_case() {
  // Random weights on a grid: many near-ties, no hierarchy to lean on.
  routing::GridSpec spec;
  spec.rows = 30;
  spec.cols = 40;
  auto net = std::make_shared<routing::RoadNetwork>(routing::make_grid(spec));
  auto arcs = car_metric(*net);
  std::mt19937 rng(7);
  for (auto& a : arcs) a.weight = 1 + rng() % 1000;
  return {"grid", net, arcs};
}

Case map_case(const std::string& name, routing::RoadNetwork net) {
  auto shared = std::make_shared<routing::RoadNetwork>(std::move(net));
  auto arcs = car_metric(*shared);
  return {name, shared, arcs};
}

class CHOnMaps : public ::testing::TestWithParam<std::string> {
 protected:
  static const Case& get(const std::string& name) {
    static std::map<std::string, Case> cases;
    if (!cases.count(name)) {
      if (name == "grid")
        cases[name] = grid_case();
      else if (name == "monaco")
        cases[name] = map_case(name, routing::import_osm(kMaps + "monaco.osm.pbf"));
      else
        cases[name] = map_case(name, routing::import_dimacs(kMaps + "rome99.gr"));
    }
    return cases[name];
  }
  static const ContractionHierarchy& hierarchy(const std::string& name) {
    static std::map<std::string, ContractionHierarchy> built;
    if (!built.count(name))
      built[name] = ContractionHierarchy::build(get(name).net->node_count(), get(name).arcs, 2);
    return built[name];
  }
};

TEST_P(CHOnMaps, DistancesEqualDijkstraOnThousandsOfRandomPairs) {
  const Case& c = get(GetParam());
  routing::CHQuery query(hierarchy(GetParam()));
  routing::MetricDijkstra dijkstra(c.net->node_count(), c.arcs);
  std::mt19937 rng(42);
  const auto n = static_cast<NodeId>(c.net->node_count());
  int compared = 0;
  for (int s = 0; s < 25; ++s) {
    const NodeId source = rng() % n;
    const std::vector<Weight> expected = dijkstra.distances_from(source);
    for (int k = 0; k < 100; ++k) {
      const NodeId target = rng() % n;
      ASSERT_EQ(query.distance(source, target), expected[target])
          << c.name << " " << source << " -> " << target;
      ++compared;
    }
    // The source itself and a one-to-many table over the same tree.
    EXPECT_EQ(query.distance(source, source), 0u);
    std::vector<NodeId> targets;
    for (int k = 0; k < 50; ++k) targets.push_back(rng() % n);
    std::vector<Weight> table;
    query.one_to_many(source, targets, table);
    for (std::size_t k = 0; k < targets.size(); ++k) ASSERT_EQ(table[k], expected[targets[k]]);
  }
  EXPECT_EQ(compared, 2500);
}

TEST_P(CHOnMaps, UnpackedPathsAreEdgeChainsAsLongAsTheDistance) {
  const Case& c = get(GetParam());
  routing::CHQuery query(hierarchy(GetParam()));
  std::map<std::uint32_t, const MetricArc*> by_id;
  for (const auto& a : c.arcs) by_id[a.arc] = &a;
  std::mt19937 rng(3);
  const auto n = static_cast<NodeId>(c.net->node_count());
  std::vector<std::uint32_t> path;
  for (int k = 0; k < 500; ++k) {
    const NodeId s = rng() % n, t = rng() % n;
    const Weight d = query.path(s, t, path);
    if (d == routing::kInfWeight) continue;
    std::uint64_t sum = 0;
    NodeId at = s;
    for (std::uint32_t id : path) {
      ASSERT_TRUE(by_id.count(id));
      const MetricArc& a = *by_id[id];
      ASSERT_EQ(a.from, at) << "path breaks at arc " << id;
      ASSERT_EQ(c.net->arc_tail(id), a.from);
      ASSERT_EQ(c.net->arc_head(id), a.to);
      sum += a.weight;
      at = a.to;
    }
    EXPECT_EQ(at, t);
    EXPECT_EQ(sum, d);
    EXPECT_EQ(query.distance(s, t), d);
  }
}

INSTANTIATE_TEST_SUITE_P(Maps, CHOnMaps, ::testing::Values("grid", "monaco", "rome99"));

TEST(ContractionHierarchy, SameHierarchyForAnyThreadCount) {
  const Case c = map_case("rome99", routing::import_dimacs(kMaps + "rome99.gr"));
  const auto one = ContractionHierarchy::build(c.net->node_count(), c.arcs, 1);
  const auto two = ContractionHierarchy::build(c.net->node_count(), c.arcs, 2);
  ASSERT_EQ(one.edge_count(), two.edge_count());
  for (NodeId v = 0; v < c.net->node_count(); ++v) {
    ASSERT_EQ(one.rank(v), two.rank(v));
    const auto r = one.rank(v);
    ASSERT_EQ(one.up_end(r) - one.up_begin(r), two.up_end(r) - two.up_begin(r));
    for (auto *a = one.up_begin(r), *b = two.up_begin(r); a != one.up_end(r); ++a, ++b) {
      EXPECT_EQ(a->head, b->head);
      EXPECT_EQ(a->weight, b->weight);
      EXPECT_EQ(one.via(a), two.via(b));
    }
  }
}

TEST(ContractionHierarchy, UnreachableAndOneWay) {
  // 0 -> 1 -> 2 one way, 3 isolated.
  const std::vector<MetricArc> arcs = {{0, 1, 5, 0}, {1, 2, 7, 1}};
  const auto ch = ContractionHierarchy::build(4, arcs, 1);
  routing::CHQuery q(ch);
  EXPECT_EQ(q.distance(0, 2), 12u);
  EXPECT_EQ(q.distance(2, 0), routing::kInfWeight);
  EXPECT_EQ(q.distance(0, 3), routing::kInfWeight);
  std::vector<std::uint32_t> path;
  EXPECT_EQ(q.path(0, 2, path), 12u);
  EXPECT_EQ(path, (std::vector<std::uint32_t>{0, 1}));
}

TEST(ContractionHierarchy, ParallelArcsKeepTheCheapest) {
  const std::vector<MetricArc> arcs = {{0, 1, 9, 0}, {0, 1, 4, 1}, {1, 0, 6, 2}};
  const auto ch = ContractionHierarchy::build(2, arcs, 1);
  routing::CHQuery q(ch);
  std::vector<std::uint32_t> path;
  EXPECT_EQ(q.path(0, 1, path), 4u);
  EXPECT_EQ(path, (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(q.distance(1, 0), 6u);
}

}  // namespace
