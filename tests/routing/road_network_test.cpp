#include "routing/road_network.h"

#include <gtest/gtest.h>

#include "routing/grid.h"
#include "routing/osm_import.h"
#include "sim/engine/random.h"

namespace {

TEST(Grid, NodesSitOnTheirRowAndColumn) {
  const auto net = routing::make_grid({4, 5, 200, 20, {45, 7}});
  EXPECT_EQ(net.node_count(), 20u);
  EXPECT_EQ(net.edge_count(), 2u * (4 * 4 + 3 * 5));
  const auto p = net.position(2 * 5 + 3);  // row 2, column 3
  EXPECT_NEAR(routing::haversine_m({45, 7}, {p.lat, 7}), 400, 0.5);
  EXPECT_NEAR(routing::haversine_m({p.lat, 7}, p), 600, 0.5);
}

TEST(Grid, RejectsNonsense) {
  EXPECT_THROW(routing::make_grid({0, 5, 100, 20, {}}), std::invalid_argument);
  EXPECT_THROW(routing::make_grid({5, 5, -1, 20, {}}), std::invalid_argument);
  EXPECT_THROW(routing::make_grid({5, 5, 100, 0, {}}), std::invalid_argument);
}

TEST(RoadNetwork, ArcToAMissingNodeIsRejected) {
  EXPECT_THROW(routing::RoadNetwork({{0, 0}}, {{0, 3, 1, 1, routing::RoadClass::grid}}),
               std::invalid_argument);
}

TEST(RoadNetwork, NearestNodeMatchesBruteForce) {
  const auto net =
      routing::import_osm(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/monaco.osm.pbf");
  sim::RandomStream rng(3, 3);
  const auto lo = net.min_corner(), hi = net.max_corner();
  for (int i = 0; i < 600; ++i) {
    // Inside the box and up to a box-width around it.
    const routing::LatLon p{lo.lat + (rng.uniform() * 3 - 1) * (hi.lat - lo.lat),
                            lo.lon + (rng.uniform() * 3 - 1) * (hi.lon - lo.lon)};
    double best = 1e18;
    routing::NodeId best_node = 0;
    for (routing::NodeId n = 0; n < net.node_count(); ++n) {
      const double d = routing::haversine_m(p, net.position(n));
      if (d < best) best = d, best_node = n;
    }
    double got = 0;
    const auto node = net.nearest_node(p, &got);
    ASSERT_NEAR(got, best, 1e-9) << i;
    EXPECT_DOUBLE_EQ(routing::haversine_m(p, net.position(node)),
                     routing::haversine_m(p, net.position(best_node)));
  }
}

TEST(RoadNetwork, LargestStrongComponentDropsADeadEndAndRenumbers) {
  // 0 <-> 1 <-> 2 is strongly connected; 3 is reached from 2 but cannot get back.
  const std::vector<routing::LatLon> nodes = {{0, 0}, {0, 0.001}, {0, 0.002}, {0, 0.003}};
  std::vector<routing::Arc> arcs;
  for (auto [a, b] : std::vector<std::pair<int, int>>{{0, 1}, {1, 0}, {1, 2}, {2, 1}, {2, 3}})
    arcs.push_back(
        {routing::NodeId(a), routing::NodeId(b), 100, 30, routing::RoadClass::residential});
  const auto net = routing::largest_strong_component(nodes, arcs);
  EXPECT_EQ(net.node_count(), 3u);
  EXPECT_EQ(net.edge_count(), 4u);
  EXPECT_DOUBLE_EQ(net.position(2).lon, 0.002);
}

}  // namespace
