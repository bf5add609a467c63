#include "routing/synthetic_pings.h"

#include <random>
#include <stdexcept>

#include <boost/range/iterator_range.hpp>

#include "routing/shortest_path_tree.h"

namespace routing {

std::uint32_t bicycle_arc(const RoadNetwork& net, NodeId u, NodeId v) {
  const Graph& g = net.graph();
  std::uint32_t best = UINT32_MAX;
  for (auto e : boost::make_iterator_range(boost::out_edges(u, g)))
    if (boost::target(e, g) == v && (g[e].modes & kModeBicycle) &&
        (best == UINT32_MAX || g[e].length_m < net.arc_props(best).length_m))
      best = static_cast<std::uint32_t>(boost::get(boost::edge_index, g, e));
  return best;
}

std::vector<SyntheticRide> synthetic_rides(const RoadNetwork& net, const SyntheticPingSpec& spec) {
  if (net.main_node_count() < 2) throw std::invalid_argument("synthetic pings: no road network");
  std::mt19937_64 rng(spec.seed);
  std::uniform_int_distribution<NodeId> node(0, static_cast<NodeId>(net.main_node_count() - 1));
  std::uniform_real_distribution<double> speed(spec.min_speed_mps, spec.max_speed_mps);
  std::uniform_int_distribution<int> gap(spec.min_gap_s, spec.max_gap_s);
  std::normal_distribution<double> noise(0, spec.sigma_m);
  std::vector<SyntheticRide> out;
  int tries = 0;
  while (static_cast<int>(out.size()) < spec.rides) {
    if (++tries > 1000 * spec.rides)
      throw std::invalid_argument("synthetic pings: no ride of the minimum length");
    const NodeId from = node(rng), to = node(rng);
    const ShortestPathTree tree(net, from, ShortestPathTree::Direction::from_root, kModeBicycle);
    if (!tree.reachable(to) || tree.distance_m(to) < spec.min_length_m) continue;
    const std::vector<NodeId> path = tree.path(to);
    SyntheticRide ride;
    const double v = speed(rng);
    double t = 0, along = 0, arc_start = 0;  // seconds, metres from the start
    std::size_t first = SIZE_MAX, last = 0;  // path indices of the first and last pings' edges
    for (std::size_t k = 0; k + 1 < path.size();) {
      const std::uint32_t arc = bicycle_arc(net, path[k], path[k + 1]);
      const double len = net.arc_props(arc).length_m;
      if (along > arc_start + len) {
        arc_start += len;
        ++k;
        continue;
      }
      const double f = len > 0 ? (along - arc_start) / len : 0;
      const LatLon a = net.position(path[k]), b = net.position(path[k + 1]);
      const LatLon truth{a.lat + f * (b.lat - a.lat), a.lon + f * (b.lon - a.lon)};
      const double north = noise(rng), east = noise(rng);
      ride.pings.push_back({t, arc, truth, offset(truth, north, east)});
      if (first == SIZE_MAX) first = k;
      last = k;
      const int dt = gap(rng);
      t += dt;
      along += v * dt;
    }
    for (std::size_t i = first; i <= last; ++i)
      ride.path.push_back(bicycle_arc(net, path[i], path[i + 1]));
    out.push_back(std::move(ride));
  }
  return out;
}

}  // namespace routing
