// A unit-capacity min-cost flow network on Boost.Graph, for assignment problems: add arcs with
// costs, solve from source to sink (successive shortest paths, costs >= 0), read which arcs the
// flow uses.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <cstdint>

namespace routing {

class UnitFlowNetwork {
  using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using Graph = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS, boost::no_property,
      boost::property<
          boost::edge_capacity_t, std::int64_t,
          boost::property<boost::edge_residual_capacity_t, std::int64_t,
                          boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                          boost::property<boost::edge_weight_t, std::int64_t>>>>>;

 public:
  using Arc = Traits::edge_descriptor;

  explicit UnitFlowNetwork(std::size_t vertices) : graph_(vertices) {}

  // An arc of capacity 1; `cost` must be >= 0.
  Arc add(std::size_t from, std::size_t to, std::int64_t cost) {
    const auto forward = boost::add_edge(from, to, graph_).first;
    const auto backward = boost::add_edge(to, from, graph_).first;
    boost::put(boost::edge_capacity, graph_, forward, 1);
    boost::put(boost::edge_capacity, graph_, backward, 0);
    boost::put(boost::edge_weight, graph_, forward, cost);
    boost::put(boost::edge_weight, graph_, backward, -cost);
    boost::put(boost::edge_reverse, graph_, forward, backward);
    boost::put(boost::edge_reverse, graph_, backward, forward);
    return forward;
  }

  bool used(Arc e) const { return boost::get(boost::edge_residual_capacity, graph_, e) == 0; }

  // A maximum flow of least cost. Every vertex must be reachable from `source` while any flow
  // remains (give every row a bypass arc to the sink).
  void solve(std::size_t source, std::size_t sink) {
    boost::successive_shortest_path_nonnegative_weights(graph_, source, sink);
  }

 private:
  Graph graph_;
};

}  // namespace routing
