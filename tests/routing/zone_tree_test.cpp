#include "routing/zone_tree.h"

#include <gtest/gtest.h>

#include "routing/grid.h"

namespace {

TEST(ZoneTree, MatchesTheFullTreeInsideTheZoneAndStopsAtItsEdge) {
  const auto net = routing::make_grid({25, 25, 100, 25, {45, 7}});
  const routing::NodeId root = 12 * 25 + 12;
  for (auto dir : {routing::ShortestPathTree::Direction::from_root,
                   routing::ShortestPathTree::Direction::to_root}) {
    const routing::ShortestPathTree full(net, root, dir);
    const routing::ZoneTree zone(net, root, dir, 650);
    for (routing::NodeId n = 0; n < net.node_count(); ++n) {
      if (full.distance_m(n) <= 650) {
        ASSERT_TRUE(zone.reachable(n)) << n;
        EXPECT_NEAR(zone.distance_m(n), full.distance_m(n), 1e-6);
        EXPECT_EQ(zone.path(n).size(), full.path(n).size());
      } else {
        EXPECT_FALSE(zone.reachable(n)) << n;
        EXPECT_TRUE(zone.path(n).empty());
      }
    }
    // A diamond of Manhattan radius 6 around the root: 2 * 6 * 7 + 1 nodes.
    EXPECT_EQ(zone.size(), 85u);
  }
}

TEST(ZoneTree, PathRunsFromRootOutOrFromNodeBack) {
  const auto net = routing::make_grid({3, 3, 100, 25, {45, 7}});
  const routing::ZoneTree out(net, 0, routing::ShortestPathTree::Direction::from_root, 1000);
  const routing::ZoneTree back(net, 0, routing::ShortestPathTree::Direction::to_root, 1000);
  EXPECT_EQ(out.path(8).front(), 0u);
  EXPECT_EQ(out.path(8).back(), 8u);
  EXPECT_EQ(back.path(8).front(), 8u);
  EXPECT_EQ(back.path(8).back(), 0u);
  EXPECT_DOUBLE_EQ(out.distance_m(8), 400);
}

}  // namespace
