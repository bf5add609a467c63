#include "routing/shortest_path_tree.h"

#include <gtest/gtest.h>

#include <boost/range/iterator_range.hpp>

#include <queue>
#include <random>

#include "routing/grid.h"
#include "routing/osm_import.h"

namespace {

// A plain reference: Dijkstra on an adjacency list copied out of the graph's edges open to cars
// (what a ShortestPathTree follows by default).
std::vector<double> reference(const routing::RoadNetwork& net, routing::NodeId root, bool reverse) {
  std::vector<std::vector<std::pair<routing::NodeId, double>>> adj(net.node_count());
  const auto& g = net.graph();
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    if (!(g[e].modes & routing::kModeCar)) continue;
    const auto u = boost::source(e, g), v = boost::target(e, g);
    if (reverse)
      adj[v].push_back({u, g[e].length_m});
    else
      adj[u].push_back({v, g[e].length_m});
  }
  std::vector<double> dist(net.node_count(), routing::ShortestPathTree::kUnreachable);
  using Item = std::pair<double, routing::NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
  dist[root] = 0;
  pq.push({0, root});
  while (!pq.empty()) {
    auto [d, v] = pq.top();
    pq.pop();
    if (d > dist[v]) continue;
    for (auto [w, l] : adj[v])
      if (d + l < dist[w]) dist[w] = d + l, pq.push({dist[w], w});
  }
  return dist;
}

using Direction = routing::ShortestPathTree::Direction;

// 0 -> 1 -> 2 and 0 -> 2 directly but longer; 3 -> 0 only; 4 apart.
routing::RoadNetwork small_network() {
  std::vector<routing::LatLon> nodes;
  for (int i = 0; i < 5; ++i) nodes.push_back({45, 7 + i * 0.001});
  const auto arc = [](routing::NodeId a, routing::NodeId b, float len) {
    return routing::Arc{a, b, len, 30, routing::RoadClass::residential};
  };
  return routing::RoadNetwork(nodes, {arc(0, 1, 10), arc(1, 2, 15), arc(0, 2, 30), arc(3, 0, 7)});
}

TEST(ShortestPathTree, FromRootFollowsArcsForwards) {
  const routing::ShortestPathTree tree(small_network(), 0, Direction::from_root);
  EXPECT_EQ(tree.root(), 0u);
  EXPECT_EQ(tree.direction(), Direction::from_root);
  EXPECT_EQ(tree.distance_m(0), 0);
  EXPECT_EQ(tree.distance_m(1), 10);
  EXPECT_EQ(tree.distance_m(2), 25);
  EXPECT_EQ(tree.path(0), (std::vector<routing::NodeId>{0}));
  EXPECT_EQ(tree.path(2), (std::vector<routing::NodeId>{0, 1, 2}));
  for (routing::NodeId n : {3u, 4u}) {
    EXPECT_FALSE(tree.reachable(n));
    EXPECT_EQ(tree.distance_m(n), routing::ShortestPathTree::kUnreachable);
    EXPECT_TRUE(tree.path(n).empty());
  }
}

TEST(ShortestPathTree, ToRootFollowsArcsBackwardsAndListsPathsInTravelOrder) {
  const routing::ShortestPathTree tree(small_network(), 2, Direction::to_root);
  EXPECT_EQ(tree.distance_m(1), 15);
  EXPECT_EQ(tree.distance_m(0), 25);
  EXPECT_EQ(tree.distance_m(3), 32);
  EXPECT_EQ(tree.path(3), (std::vector<routing::NodeId>{3, 0, 1, 2}));
  EXPECT_EQ(tree.path(2), (std::vector<routing::NodeId>{2}));
  EXPECT_FALSE(tree.reachable(4));
  EXPECT_TRUE(tree.path(4).empty());
}

TEST(ShortestPathTree, GridDistancesAreManhattan) {
  const auto net = routing::make_grid({6, 7, 150, 25, {45, 7}});
  const routing::ShortestPathTree tree(net, 8, routing::ShortestPathTree::Direction::from_root);
  for (routing::NodeId n = 0; n < net.node_count(); ++n) {
    const int dr = std::abs(int(n / 7) - 1), dc = std::abs(int(n % 7) - 1);
    EXPECT_DOUBLE_EQ(tree.distance_m(n), (dr + dc) * 150.0) << n;
    EXPECT_EQ(tree.path(n).size(), static_cast<std::size_t>(dr + dc + 1));
  }
  EXPECT_EQ(tree.path(8), std::vector<routing::NodeId>{8});
}

TEST(ShortestPathTree, MatchesAPlainDijkstraOnMonacoBothWays) {
  const auto net =
      routing::import_osm(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/monaco.osm.pbf");
  // The last node of the main part, and one of a detached part.
  for (routing::NodeId root : {0u, 4321u, static_cast<routing::NodeId>(net.main_node_count() - 1),
                               static_cast<routing::NodeId>(net.node_count() - 1)}) {
    for (bool reverse : {false, true}) {
      const routing::ShortestPathTree tree(net, root,
                                           reverse
                                               ? routing::ShortestPathTree::Direction::to_root
                                               : routing::ShortestPathTree::Direction::from_root);
      const auto ref = reference(net, root, reverse);
      for (routing::NodeId n = 0; n < net.node_count(); n += 7) {
        if (ref[n] == routing::ShortestPathTree::kUnreachable) {
          ASSERT_FALSE(tree.reachable(n)) << root << " " << n;
          continue;
        }
        ASSERT_NEAR(tree.distance_m(n), ref[n], 1e-6) << root << " " << n;
        // The path's edges, in travel order, add up to the distance.
        const auto path = tree.path(n);
        ASSERT_EQ(reverse ? path.back() : path.front(), root);
        ASSERT_EQ(reverse ? path.front() : path.back(), n);
        double sum = 0;
        const auto& g = net.graph();
        for (std::size_t i = 1; i < path.size(); ++i) {
          double best = 1e18;
          for (auto e : boost::make_iterator_range(boost::out_edges(path[i - 1], g)))
            if (boost::target(e, g) == path[i] && (g[e].modes & routing::kModeCar))
              best = std::min<double>(best, g[e].length_m);
          ASSERT_LT(best, 1e18) << "no arc " << path[i - 1] << " -> " << path[i];
          sum += best;
        }
        EXPECT_NEAR(sum, tree.distance_m(n), 1e-3);
      }
    }
  }
}

TEST(ShortestPathTree, ToRootDistancesAreFromRootDistancesTheOtherWay) {
  const auto net =
      routing::import_osm(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/monaco.osm.pbf");
  std::mt19937 rng(11);
  std::uniform_int_distribution<routing::NodeId> node(
      0, static_cast<routing::NodeId>(net.main_node_count() - 1));
  for (int i = 0; i < 5; ++i) {
    const routing::NodeId target = node(rng);
    const routing::ShortestPathTree back(net, target, Direction::to_root);
    const auto ref = reference(net, target, true);
    for (int j = 0; j < 5; ++j) {
      const routing::NodeId source = node(rng);
      const routing::ShortestPathTree out(net, source, Direction::from_root);
      if (ref[source] == routing::ShortestPathTree::kUnreachable) {  // a bicycle-only street
        EXPECT_FALSE(back.reachable(source)) << source << "->" << target;
        EXPECT_FALSE(out.reachable(target)) << source << "->" << target;
        continue;
      }
      EXPECT_NEAR(back.distance_m(source), out.distance_m(target), 1e-6)
          << source << "->" << target;
      EXPECT_NEAR(back.distance_m(source), ref[source], 1e-6) << source << "->" << target;
      EXPECT_EQ(back.path(source).size(), out.path(target).size()) << source << "->" << target;
    }
  }
}

}  // namespace
