#include "routing/metric_dijkstra.h"

#include <boost/graph/dijkstra_shortest_paths.hpp>

namespace routing {

namespace {

struct Found {};

class StopAt : public boost::default_dijkstra_visitor {
 public:
  explicit StopAt(NodeId target) : target_(target) {}
  template <typename G>
  void finish_vertex(NodeId v, const G&) const {
    if (v == target_) throw Found{};
  }

 private:
  NodeId target_;
};

}  // namespace

MetricDijkstra::MetricDijkstra(std::size_t node_count, const std::vector<MetricArc>& arcs) {
  std::vector<std::pair<NodeId, NodeId>> ends;
  std::vector<Props> props;
  ends.reserve(arcs.size());
  props.reserve(arcs.size());
  for (const auto& a : arcs) {
    ends.emplace_back(a.from, a.to);
    props.push_back({a.weight});
  }
  graph_ = Csr(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), props.begin(),
               static_cast<NodeId>(node_count));
  dist_.resize(node_count);
  pred_.resize(node_count);
}

template <class Visitor>
void MetricDijkstra::run(NodeId s, Visitor visitor) {
  const auto index = boost::get(boost::vertex_index, graph_);
  boost::dijkstra_shortest_paths(
      graph_, s,
      boost::weight_map(boost::get(&Props::weight, graph_))
          .distance_map(boost::make_iterator_property_map(dist_.begin(), index))
          .predecessor_map(boost::make_iterator_property_map(pred_.begin(), index))
          .distance_inf(kInfWeight)
          .visitor(visitor));
}

Weight MetricDijkstra::distance(NodeId s, NodeId t) {
  try {
    run(s, StopAt(t));
  } catch (const Found&) {
  }
  return dist_[t];
}

std::vector<Weight> MetricDijkstra::distances_from(NodeId s) {
  run(s, boost::default_dijkstra_visitor());
  return dist_;
}

}  // namespace routing
