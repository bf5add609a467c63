// The reference for contraction hierarchies: Boost.Graph's Dijkstra over the same metric, with
// an early exit once the target is settled. Slow (a search over much of the map per query) and
// simple enough to trust.
#pragma once

#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "routing/contraction_hierarchy.h"

namespace routing {

class MetricDijkstra {
 public:
  MetricDijkstra(std::size_t node_count, const std::vector<MetricArc>& arcs);
  // kInfWeight when unreachable.
  Weight distance(NodeId s, NodeId t);
  // Distances from s to every node.
  std::vector<Weight> distances_from(NodeId s);

 private:
  struct Props {
    Weight weight = 0;
  };
  template <class Visitor>
  void run(NodeId s, Visitor visitor);
  using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Props,
                                                 boost::no_property, NodeId, std::uint32_t>;
  Csr graph_;
  std::vector<Weight> dist_;
  std::vector<NodeId> pred_;
};

}  // namespace routing
