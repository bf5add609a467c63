#include "routing/zone_tree.h"

#include <algorithm>
#include <queue>

#include <boost/range/iterator_range.hpp>

namespace routing {

// Dijkstra with a binary heap and lazy deletion, stopping at the zone's edge. Labels live in
// per-thread arrays by node, reset in O(1) by a round number; only the settled zone is kept.
ZoneTree::ZoneTree(const RoadNetwork& net, NodeId root, Direction dir, double max_distance_m,
                   const Classes& allowed, ModeMask modes)
    : root_(root), dir_(dir) {
  struct Labels {
    std::vector<double> dist;
    std::vector<NodeId> parent;
    std::vector<std::uint32_t> reached, settled;  // the round of the last label / settling
    std::uint32_t round = 0;
  };
  thread_local Labels l;
  const std::size_t n = net.node_count();
  if (l.dist.size() != n) {
    l.dist.assign(n, 0);
    l.parent.assign(n, 0);
    l.reached.assign(n, 0);
    l.settled.assign(n, 0);
    l.round = 0;
  }
  if (++l.round == 0) {
    std::fill(l.reached.begin(), l.reached.end(), 0);
    std::fill(l.settled.begin(), l.settled.end(), 0);
    l.round = 1;
  }
  const Graph& g = dir == Direction::from_root ? net.graph() : net.reverse_graph();
  using Item = std::pair<double, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  l.reached[root] = l.round;
  l.dist[root] = 0.0;
  l.parent[root] = root;
  heap.push({0.0, root});
  while (!heap.empty()) {
    const auto [d, v] = heap.top();
    heap.pop();
    if (l.settled[v] == l.round || d > l.dist[v]) continue;
    if (d > max_distance_m) break;
    l.settled[v] = l.round;
    dist_.push_back(d);
    parent_.push_back(l.parent[v]);
    nodes_.push_back(v);
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
      const NodeId w = boost::target(e, g);
      if (l.settled[w] == l.round || !allowed[static_cast<std::size_t>(g[e].road_class)] ||
          (g[e].modes & modes) != modes)
        continue;
      const double nd = d + g[e].length_m;
      if (l.reached[w] == l.round && nd >= l.dist[w]) continue;
      l.reached[w] = l.round;
      l.dist[w] = nd;
      l.parent[w] = v;
      heap.push({nd, w});
    }
  }
  by_node_.reserve(nodes_.size());
  for (std::uint32_t i = 0; i < nodes_.size(); ++i) by_node_.emplace_back(nodes_[i], i);
  std::sort(by_node_.begin(), by_node_.end());
}

std::vector<NodeId> ZoneTree::path(NodeId n) const {
  std::vector<NodeId> nodes;
  if (!reachable(n)) return nodes;
  for (NodeId v = n;; v = parent_[slot(v)]) {
    nodes.push_back(v);
    if (v == root_) break;
  }
  if (dir_ == Direction::from_root) std::reverse(nodes.begin(), nodes.end());
  return nodes;
}

}  // namespace routing
