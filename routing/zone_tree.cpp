#include "routing/zone_tree.h"

#include <algorithm>
#include <queue>

#include <boost/range/iterator_range.hpp>

namespace routing {

// Dijkstra with a binary heap and lazy deletion, stopping at the zone's edge.
ZoneTree::ZoneTree(const RoadNetwork& net, NodeId root, Direction dir, double max_distance_m,
                   const Classes& allowed, ModeMask modes)
    : root_(root), dir_(dir) {
  const Graph& g = dir == Direction::from_root ? net.graph() : net.reverse_graph();
  using Item = std::pair<double, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  std::unordered_map<NodeId, std::pair<double, NodeId>> tentative;  // node -> (distance, parent)
  tentative[root] = {0.0, root};
  heap.push({0.0, root});
  while (!heap.empty()) {
    const auto [d, v] = heap.top();
    heap.pop();
    if (slot_.count(v) || d > tentative[v].first) continue;
    if (d > max_distance_m) break;
    slot_[v] = static_cast<std::uint32_t>(dist_.size());
    dist_.push_back(d);
    nodes_.push_back(v);
    parent_.push_back(tentative[v].second);
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
      const NodeId w = boost::target(e, g);
      if (slot_.count(w) || !allowed[static_cast<std::size_t>(g[e].road_class)] ||
          (g[e].modes & modes) != modes)
        continue;
      const double nd = d + g[e].length_m;
      auto [it, inserted] = tentative.try_emplace(w, nd, v);
      if (!inserted && nd >= it->second.first) continue;
      it->second = {nd, v};
      heap.push({nd, w});
    }
  }
}

std::vector<NodeId> ZoneTree::path(NodeId n) const {
  std::vector<NodeId> nodes;
  if (!reachable(n)) return nodes;
  for (NodeId v = n;; v = parent_[slot_.at(v)]) {
    nodes.push_back(v);
    if (v == root_) break;
  }
  if (dir_ == Direction::from_root) std::reverse(nodes.begin(), nodes.end());
  return nodes;
}

}  // namespace routing
