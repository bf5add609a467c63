#include "routing/road_network.h"

#include <gtest/gtest.h>

#include <boost/range/iterator_range.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <tuple>

#include "routing/grid.h"
#include "routing/osm_import.h"

namespace {

using routing::Arc;
using routing::LatLon;
using routing::NodeId;
using routing::RoadClass;
using routing::RoadNetwork;

// The nearest node by scanning them all; the lowest id among equally near ones.
NodeId brute_force_nearest(const RoadNetwork& net, LatLon p, double* distance_m) {
  NodeId best = routing::kNoNode;
  double best_d = std::numeric_limits<double>::infinity();
  for (NodeId n = 0; n < net.node_count(); ++n) {
    const double d = routing::haversine_m(p, net.position(n));
    if (d < best_d) best = n, best_d = d;
  }
  *distance_m = best_d;
  return best;
}

void expect_nearest_matches_brute_force(const RoadNetwork& net, LatLon lo, LatLon hi, int queries,
                                        std::mt19937& rng) {
  std::uniform_real_distribution<double> lat(lo.lat, hi.lat), lon(lo.lon, hi.lon);
  for (int i = 0; i < queries; ++i) {
    const LatLon p{lat(rng), lon(rng)};
    double want_d = 0, got_d = 0;
    const NodeId want = brute_force_nearest(net, p, &want_d);
    const NodeId got = net.nearest_node(p, &got_d);
    ASSERT_EQ(got, want) << "query " << i << " at " << p.lat << "," << p.lon << ": got " << got_d
                         << " m, brute force " << want_d << " m";
    ASSERT_EQ(got_d, want_d);
  }
}

std::set<std::tuple<NodeId, NodeId, float>> arcs_of(const routing::Graph& g) {
  std::set<std::tuple<NodeId, NodeId, float>> arcs;
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    arcs.emplace(boost::source(e, g), boost::target(e, g), g[e].length_m);
  return arcs;
}

TEST(RoadNetwork, HoldsNodesArcsAndTheReverseGraph) {
  const std::vector<LatLon> nodes = {{43.70, 7.40}, {43.72, 7.41}, {43.71, 7.43}};
  const std::vector<Arc> arcs = {{0, 1, 10, 30, RoadClass::residential},
                                 {1, 2, 20, 50, RoadClass::primary},
                                 {2, 0, 30, 15, RoadClass::service},
                                 {0, 2, 40, 15, RoadClass::service}};
  const RoadNetwork net(nodes, arcs);
  EXPECT_EQ(net.node_count(), 3u);
  EXPECT_EQ(net.edge_count(), 4u);
  EXPECT_EQ(net.position(1).lat, 43.72);
  EXPECT_EQ(net.min_corner().lat, 43.70);
  EXPECT_EQ(net.min_corner().lon, 7.40);
  EXPECT_EQ(net.max_corner().lat, 43.72);
  EXPECT_EQ(net.max_corner().lon, 7.43);

  using Set = std::set<std::tuple<NodeId, NodeId, float>>;
  EXPECT_EQ(arcs_of(net.graph()), (Set{{0, 1, 10}, {1, 2, 20}, {2, 0, 30}, {0, 2, 40}}));
  EXPECT_EQ(arcs_of(net.reverse_graph()), (Set{{1, 0, 10}, {2, 1, 20}, {0, 2, 30}, {2, 0, 40}}));
  const auto& g = net.graph();
  for (const auto e : boost::make_iterator_range(boost::out_edges(NodeId{1}, g))) {
    EXPECT_EQ(g[e].speed_kmh, 50.0f);
    EXPECT_EQ(g[e].road_class, RoadClass::primary);
  }
}

TEST(RoadNetwork, RejectsArcsToMissingNodes) {
  const std::vector<LatLon> nodes = {{0, 0}, {0, 0.001}};
  EXPECT_THROW(RoadNetwork(nodes, {{0, 2, 1, 1, RoadClass::grid}}), std::invalid_argument);
  EXPECT_THROW(RoadNetwork(nodes, {{5, 1, 1, 1, RoadClass::grid}}), std::invalid_argument);
}

TEST(RoadNetwork, NamesEveryRoadClass) {
  EXPECT_STREQ(to_string(RoadClass::motorway), "motorway");
  EXPECT_STREQ(to_string(RoadClass::trunk), "trunk");
  EXPECT_STREQ(to_string(RoadClass::primary), "primary");
  EXPECT_STREQ(to_string(RoadClass::secondary), "secondary");
  EXPECT_STREQ(to_string(RoadClass::tertiary), "tertiary");
  EXPECT_STREQ(to_string(RoadClass::unclassified), "unclassified");
  EXPECT_STREQ(to_string(RoadClass::residential), "residential");
  EXPECT_STREQ(to_string(RoadClass::service), "service");
  EXPECT_STREQ(to_string(RoadClass::living_street), "living_street");
  EXPECT_STREQ(to_string(RoadClass::grid), "grid");
}

TEST(NearestNode, MatchesBruteForceOnScatteredNodes) {
  std::mt19937 rng(20261124);
  // A city-sized box around Monaco: a uniform scatter plus dense clusters, so buckets range
  // from empty to crowded.
  std::vector<LatLon> nodes;
  std::uniform_real_distribution<double> lat(43.72, 43.76), lon(7.38, 7.46), jitter(-2e-4, 2e-4);
  for (int i = 0; i < 2000; ++i) nodes.push_back({lat(rng), lon(rng)});
  for (int cluster = 0; cluster < 5; ++cluster) {
    const LatLon c{lat(rng), lon(rng)};
    for (int i = 0; i < 400; ++i) nodes.push_back({c.lat + jitter(rng), c.lon + jitter(rng)});
  }
  const RoadNetwork net(nodes, {});
  expect_nearest_matches_brute_force(net, {43.72, 7.38}, {43.76, 7.46}, 2000, rng);
  // Around the box and far from it.
  expect_nearest_matches_brute_force(net, {43.6, 7.2}, {43.9, 7.6}, 1000, rng);
  expect_nearest_matches_brute_force(net, {-60, -170}, {80, 170}, 300, rng);
}

TEST(NearestNode, MatchesBruteForceOnMonaco) {
  const auto net =
      routing::import_osm(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/monaco.osm.pbf");
  std::mt19937 rng(3);
  const LatLon lo = net.min_corner(), hi = net.max_corner();
  const double h = hi.lat - lo.lat, w = hi.lon - lo.lon;
  // Inside the box and up to a box-width around it.
  expect_nearest_matches_brute_force(net, {lo.lat - h, lo.lon - w}, {hi.lat + h, hi.lon + w}, 600,
                                     rng);
}

TEST(NearestNode, MatchesBruteForceOnAGridWithManyTies) {
  // Queries on the grid's own lattice of half steps fall exactly between 2 or 4 nodes.
  const auto net = routing::make_grid({20, 30, 100, 25, {51.19, 14.40}});
  std::mt19937 rng(7);
  expect_nearest_matches_brute_force(net, {51.188, 14.398}, {51.21, 14.45}, 3000, rng);
  const LatLon a = net.position(0), b = net.position(31);
  const LatLon mid{(a.lat + b.lat) / 2, (a.lon + b.lon) / 2};
  double want_d = 0;
  EXPECT_EQ(net.nearest_node(mid), brute_force_nearest(net, mid, &want_d));
}

TEST(NearestNode, HandlesDegenerateLayouts) {
  std::mt19937 rng(3);
  // All on one parallel, all on one meridian, all on one spot.
  std::vector<LatLon> row, column, spot;
  for (int i = 0; i < 200; ++i) {
    row.push_back({45, 7 + i * 1e-4});
    column.push_back({45 + i * 1e-4, 7});
    spot.push_back({45, 7});
  }
  expect_nearest_matches_brute_force(RoadNetwork(row, {}), {44.99, 6.99}, {45.01, 7.03}, 500, rng);
  expect_nearest_matches_brute_force(RoadNetwork(column, {}), {44.99, 6.99}, {45.03, 7.01}, 500,
                                     rng);
  const RoadNetwork same(spot, {});
  EXPECT_EQ(same.nearest_node({45.1, 7.1}), 0u);  // all tie: the lowest id
  const RoadNetwork single({{10, 20}}, {});
  double d = -1;
  EXPECT_EQ(single.nearest_node({10, 20}, &d), 0u);
  EXPECT_EQ(d, 0);
}

TEST(NearestNode, ReturnsNoNodeWhenThereIsNoAnswer) {
  const RoadNetwork empty({}, {});
  double d = 0;
  EXPECT_EQ(empty.nearest_node({45, 7}, &d), routing::kNoNode);
  EXPECT_TRUE(std::isinf(d));
  const RoadNetwork one({{45, 7}}, {});
  EXPECT_EQ(one.nearest_node({std::numeric_limits<double>::quiet_NaN(), 7}), routing::kNoNode);
  EXPECT_EQ(one.nearest_node({45, std::numeric_limits<double>::infinity()}), routing::kNoNode);
}

// 0 -> 1 <-> 2 <-> 3 -> 4 (a one-way dead end), 5 <-> 6 apart; 1, 2, 3 also form a loop.
//   kept: 1, 2, 3, renumbered 0, 1, 2; node 0 (only leaves), 4 (only entered), 5 and 6 dropped.
TEST(LargestStrongComponent, DropsDeadEndsSourcesAndSmallerIslands) {
  std::vector<LatLon> nodes;
  for (int i = 0; i < 7; ++i) nodes.push_back({45, 7 + i * 0.001});
  const auto arc = [](NodeId a, NodeId b, float len) {
    return Arc{a, b, len, 30, RoadClass::residential};
  };
  const std::vector<Arc> arcs = {arc(0, 1, 1), arc(1, 2, 2), arc(2, 1, 3),
                                 arc(2, 3, 4), arc(3, 2, 5), arc(3, 1, 6),
                                 arc(3, 4, 7), arc(5, 6, 8), arc(6, 5, 9)};
  const RoadNetwork net = routing::largest_strong_component(nodes, arcs);
  ASSERT_EQ(net.node_count(), 3u);
  for (NodeId n = 0; n < 3; ++n) EXPECT_EQ(net.position(n).lon, nodes[n + 1].lon);
  using Set = std::set<std::tuple<NodeId, NodeId, float>>;
  EXPECT_EQ(arcs_of(net.graph()), (Set{{0, 1, 2}, {1, 0, 3}, {1, 2, 4}, {2, 1, 5}, {2, 0, 6}}));
}

TEST(LargestStrongComponent, DropsADeadEndAndRenumbers) {
  // 0 <-> 1 <-> 2 is strongly connected; 3 is reached from 2 but cannot get back.
  const std::vector<LatLon> nodes = {{0, 0}, {0, 0.001}, {0, 0.002}, {0, 0.003}};
  std::vector<Arc> arcs;
  for (auto [a, b] : std::vector<std::pair<int, int>>{{0, 1}, {1, 0}, {1, 2}, {2, 1}, {2, 3}})
    arcs.push_back({NodeId(a), NodeId(b), 100, 30, RoadClass::residential});
  const auto net = routing::largest_strong_component(nodes, arcs);
  EXPECT_EQ(net.node_count(), 3u);
  EXPECT_EQ(net.edge_count(), 4u);
  EXPECT_DOUBLE_EQ(net.position(2).lon, 0.002);
}

TEST(LargestStrongComponent, BreaksTiesTowardsTheLowestNodeId) {
  // Two loops of two nodes, {1, 3} and {0, 2}, joined by a one-way arc 0 -> 1.
  std::vector<LatLon> nodes;
  for (int i = 0; i < 4; ++i) nodes.push_back({45, 7 + i * 0.001});
  const auto arc = [](NodeId a, NodeId b) { return Arc{a, b, 1, 30, RoadClass::residential}; };
  const RoadNetwork net = routing::largest_strong_component(
      nodes, {arc(1, 3), arc(3, 1), arc(0, 2), arc(2, 0), arc(0, 1)});
  ASSERT_EQ(net.node_count(), 2u);
  EXPECT_EQ(net.position(0).lon, nodes[0].lon);
  EXPECT_EQ(net.position(1).lon, nodes[2].lon);
  EXPECT_EQ(net.edge_count(), 2u);
}

TEST(LargestStrongComponent, KeepsAStronglyConnectedGraphWhole) {
  const auto grid = routing::make_grid({4, 5, 100, 25, {0, 0}});
  std::vector<LatLon> nodes;
  for (NodeId n = 0; n < grid.node_count(); ++n) nodes.push_back(grid.position(n));
  std::vector<Arc> arcs;
  const auto& g = grid.graph();
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    arcs.push_back(
        {boost::source(e, g), boost::target(e, g), g[e].length_m, g[e].speed_kmh, g[e].road_class});
  const RoadNetwork net = routing::largest_strong_component(nodes, arcs);
  EXPECT_EQ(net.node_count(), grid.node_count());
  EXPECT_EQ(arcs_of(net.graph()), arcs_of(grid.graph()));
  EXPECT_THROW(routing::largest_strong_component(nodes, {{0, 99, 1, 1, RoadClass::grid}}),
               std::invalid_argument);
}

}  // namespace
