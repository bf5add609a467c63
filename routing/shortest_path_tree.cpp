#include "routing/shortest_path_tree.h"

#include <algorithm>
#include <cassert>

#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/graph/filtered_graph.hpp>

namespace routing {

namespace {

// The edges open to every mode of a set.
struct OpenTo {
  const Graph* g = nullptr;
  ModeMask modes = 0;
  bool operator()(const Graph::edge_descriptor& e) const {
    return ((*g)[e].modes & modes) == modes;
  }
};

}  // namespace

ShortestPathTree::ShortestPathTree(const RoadNetwork& net, NodeId root, Direction dir,
                                   ModeMask modes)
    : root_(root), dir_(dir), dist_(net.node_count(), kUnreachable), parent_(net.node_count()) {
  assert(root < net.node_count() && "shortest-path tree rooted outside the network");
  const Graph& g = dir == Direction::from_root ? net.graph() : net.reverse_graph();
  const boost::filtered_graph<Graph, OpenTo> open(g, OpenTo{&g, modes});
  // A node is its own predecessor until reached; path() walks predecessors up to the root.
  for (NodeId i = 0; i < parent_.size(); ++i) parent_[i] = i;
  boost::dijkstra_shortest_paths_no_color_map(open, root,
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
