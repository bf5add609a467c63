#include "routing/grid.h"

#include <gtest/gtest.h>

#include <boost/range/iterator_range.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "routing/shortest_path_tree.h"

namespace {

using routing::GridSpec;
using routing::make_grid;
using routing::NodeId;
using routing::ShortestPathTree;

TEST(Grid, NumbersNodesRowByRowFromTheOrigin) {
  const auto net = make_grid({3, 4, 100, 25, {0, 0}});
  ASSERT_EQ(net.node_count(), 12u);
  // 100 m along a meridian or the equator is 100 / 6371008.8 rad = 8.9932036e-4 degrees.
  constexpr double kStepDeg = 8.9932036e-4;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) {
      const auto p = net.position(static_cast<NodeId>(r * 4 + c));
      EXPECT_NEAR(p.lat, r * kStepDeg, 1e-9) << r << "," << c;
      EXPECT_NEAR(p.lon, c * kStepDeg, 1e-9) << r << "," << c;
    }
  EXPECT_NEAR(routing::haversine_m(net.position(0), net.position(1)), 100, 1e-6);
  EXPECT_NEAR(routing::haversine_m(net.position(0), net.position(4)), 100, 1e-6);
}

TEST(Grid, NodesSitOnTheirRowAndColumnAwayFromTheEquator) {
  const auto net = make_grid({4, 5, 200, 20, {45, 7}});
  EXPECT_EQ(net.node_count(), 20u);
  const auto p = net.position(2 * 5 + 3);  // row 2, column 3
  EXPECT_NEAR(routing::haversine_m({45, 7}, {p.lat, 7}), 400, 0.5);
  EXPECT_NEAR(routing::haversine_m({p.lat, 7}, p), 600, 0.5);
}

TEST(Grid, LinksEachNodeToItsFourNeighboursBothWays) {
  const auto net = make_grid({3, 4, 50, 20, {45, 7}});
  // 3 rows of 3 horizontal links and 2 rows of 4 vertical links, each two arcs.
  EXPECT_EQ(net.edge_count(), 2u * (3 * 3 + 2 * 4));
  const auto& g = net.graph();
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const int u = static_cast<int>(boost::source(e, g));
    const int v = static_cast<int>(boost::target(e, g));
    EXPECT_EQ(std::abs(u / 4 - v / 4) + std::abs(u % 4 - v % 4), 1) << u << "->" << v;
    EXPECT_EQ(g[e].length_m, 50.0f);
    EXPECT_EQ(g[e].speed_kmh, 20.0f);
    EXPECT_EQ(g[e].road_class, routing::RoadClass::grid);
  }
  EXPECT_EQ(boost::out_degree(NodeId{0}, g), 2u);  // corner
  EXPECT_EQ(boost::out_degree(NodeId{1}, g), 3u);  // border
  EXPECT_EQ(boost::out_degree(NodeId{5}, g), 4u);  // inside
}

TEST(Grid, ShortestDistancesAreManhattanDistances) {
  const GridSpec spec{7, 5, 120, 25, {48.1, 11.5}};
  const auto net = make_grid(spec);
  for (const NodeId root : {0u, 17u, 34u}) {
    const ShortestPathTree tree(net, root, ShortestPathTree::Direction::from_root);
    const int r0 = static_cast<int>(root) / 5, c0 = static_cast<int>(root) % 5;
    for (NodeId n = 0; n < net.node_count(); ++n) {
      const int r = static_cast<int>(n) / 5, c = static_cast<int>(n) % 5;
      EXPECT_EQ(tree.distance_m(n), 120.0 * (std::abs(r - r0) + std::abs(c - c0)))
          << root << "->" << n;
    }
  }
}

TEST(Grid, ShortestPathsStepBetweenNeighboursTowardsTheTarget) {
  const auto net = make_grid({6, 6, 100, 25, {0, 0}});
  const ShortestPathTree tree(net, 0, ShortestPathTree::Direction::from_root);
  // From (0, 0) to (3, 5): 8 steps, each one row up or one column right.
  const auto path = tree.path(3 * 6 + 5);
  ASSERT_EQ(path.size(), 9u);
  EXPECT_EQ(path.front(), 0u);
  EXPECT_EQ(path.back(), 23u);
  for (std::size_t i = 1; i < path.size(); ++i) {
    const int step = static_cast<int>(path[i]) - static_cast<int>(path[i - 1]);
    EXPECT_TRUE(step == 1 || step == 6) << "step " << i << ": " << path[i - 1] << "->" << path[i];
  }
}

TEST(Grid, SingleNodeHasNoEdges) {
  const auto net = make_grid({1, 1, 100, 25, {10, 10}});
  EXPECT_EQ(net.node_count(), 1u);
  EXPECT_EQ(net.edge_count(), 0u);
}

TEST(Grid, RejectsInvalidSpecs) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const GridSpec bad[] = {
      {0, 5, 100, 25, {0, 0}},         {5, 0, 100, 25, {0, 0}},        {-1, 5, 100, 25, {0, 0}},
      {5, 5, 0, 25, {0, 0}},           {5, 5, -100, 25, {0, 0}},       {5, 5, nan, 25, {0, 0}},
      {5, 5, inf, 25, {0, 0}},         {5, 5, 100, 0, {0, 0}},         {5, 5, 100, -5, {0, 0}},
      {5, 5, 100, nan, {0, 0}},        {5, 5, 100, 25, {nan, 0}},      {5, 5, 100, 25, {90, 0}},
      {5, 5, 100, 25, {89.9999, 0}},   {5, 5, 100, 25, {0, 179.9999}},  // reaches a pole / 180
      {100000, 100000, 1, 25, {0, 0}},  // 4e10 arcs: more than 32-bit ids
  };
  for (const GridSpec& spec : bad)
    EXPECT_THROW(make_grid(spec), std::invalid_argument)
        << spec.rows << "x" << spec.cols << " spacing " << spec.spacing_m << " speed "
        << spec.speed_kmh << " at " << spec.origin.lat << "," << spec.origin.lon;
}

}  // namespace
