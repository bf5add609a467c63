#include "routing/shortest_path_tree.h"

#include <algorithm>
#include <cassert>

#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>

namespace routing {

ShortestPathTree::ShortestPathTree(const RoadNetwork& net, NodeId root, Direction dir)
    : root_(root), dir_(dir), dist_(net.node_count(), kUnreachable), parent_(net.node_count()) {
  assert(root < net.node_count() && "shortest-path tree rooted outside the network");
  const Graph& g = dir == Direction::from_root ? net.graph() : net.reverse_graph();
  // A node is its own predecessor until reached; path() walks predecessors up to the root.
  for (NodeId i = 0; i < parent_.size(); ++i) parent_[i] = i;
  boost::dijkstra_shortest_paths_no_color_map(g, root,
                                              boost::predecessor_map(parent_.data())
                                                  .distance_map(dist_.data())
                                                  .weight_map(boost::get(&EdgeProps::length_m, g))
                                                  .distance_inf(kUnreachable));
}

std::vector<NodeId> ShortestPathTree::path(NodeId n) const {
  std::vector<NodeId> nodes;
  if (!reachable(n)) return nodes;
  for (NodeId v = n;; v = parent_[v]) {
    nodes.push_back(v);
    if (v == root_) break;
  }
  if (dir_ == Direction::from_root) std::reverse(nodes.begin(), nodes.end());
  return nodes;
}

}  // namespace routing
