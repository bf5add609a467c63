#include "routing/road_network.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/graph/strong_components.hpp>

namespace routing {

const char* to_string(RoadClass c) {
  switch (c) {
    case RoadClass::motorway: return "motorway";
    case RoadClass::trunk: return "trunk";
    case RoadClass::primary: return "primary";
    case RoadClass::secondary: return "secondary";
    case RoadClass::tertiary: return "tertiary";
    case RoadClass::unclassified: return "unclassified";
    case RoadClass::residential: return "residential";
    case RoadClass::service: return "service";
    case RoadClass::living_street: return "living_street";
    case RoadClass::grid: return "grid";
  }
  return "?";
}

namespace {

Graph build(std::size_t n, const std::vector<Arc>& arcs, bool reversed) {
  std::vector<std::pair<NodeId, NodeId>> ends;
  std::vector<EdgeProps> props;
  ends.reserve(arcs.size());
  props.reserve(arcs.size());
  for (const Arc& a : arcs) {
    ends.emplace_back(reversed ? a.to : a.from, reversed ? a.from : a.to);
    props.push_back({a.length_m, a.speed_kmh, a.road_class});
  }
  return Graph(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), props.begin(),
               static_cast<NodeId>(n));
}

}  // namespace

RoadNetwork::RoadNetwork(std::vector<LatLon> nodes, const std::vector<Arc>& arcs)
    : nodes_(std::move(nodes)) {
  for (const Arc& a : arcs)
    if (a.from >= nodes_.size() || a.to >= nodes_.size())
      throw std::invalid_argument("road network: an arc refers to a node that does not exist");
  forward_ = build(nodes_.size(), arcs, false);
  reverse_ = build(nodes_.size(), arcs, true);

  min_ = {90, 180};
  max_ = {-90, -180};
  for (const LatLon& p : nodes_) {
    min_ = {std::min(min_.lat, p.lat), std::min(min_.lon, p.lon)};
    max_ = {std::max(max_.lat, p.lat), std::max(max_.lon, p.lon)};
  }
  if (nodes_.empty()) return;
  // About two nodes per bucket.
  const double span_lat = std::max(max_.lat - min_.lat, 1e-9);
  const double span_lon = std::max(max_.lon - min_.lon, 1e-9);
  const double cells = std::max(1.0, nodes_.size() / 2.0);
  const double aspect = span_lat / span_lon;
  bucket_rows_ = std::clamp(static_cast<int>(std::sqrt(cells * aspect)), 1, 4096);
  bucket_cols_ = std::clamp(static_cast<int>(cells / bucket_rows_), 1, 4096);
  std::vector<std::uint32_t> count(static_cast<std::size_t>(bucket_rows_) * bucket_cols_ + 1, 0);
  std::vector<std::uint32_t> bucket_of(nodes_.size());
  for (NodeId i = 0; i < nodes_.size(); ++i) {
    const auto [r, c] = bucket(nodes_[i]);
    bucket_of[i] = static_cast<std::uint32_t>(r * bucket_cols_ + c);
    ++count[bucket_of[i] + 1];
  }
  for (std::size_t i = 1; i < count.size(); ++i) count[i] += count[i - 1];
  bucket_start_ = count;
  bucket_nodes_.resize(nodes_.size());
  for (NodeId i = 0; i < nodes_.size(); ++i) bucket_nodes_[count[bucket_of[i]]++] = i;
}

std::pair<int, int> RoadNetwork::bucket(LatLon p) const {
  const double fr = (p.lat - min_.lat) / std::max(max_.lat - min_.lat, 1e-9);
  const double fc = (p.lon - min_.lon) / std::max(max_.lon - min_.lon, 1e-9);
  return {std::clamp(static_cast<int>(fr * bucket_rows_), 0, bucket_rows_ - 1),
          std::clamp(static_cast<int>(fc * bucket_cols_), 0, bucket_cols_ - 1)};
}

NodeId RoadNetwork::nearest_node(LatLon p, double* distance_m) const {
  const auto [r0, c0] = bucket(p);
  // Metres per bucket step, lower bounds for the distance to any node in ring k + 1.
  const double cell_lat_m = (max_.lat - min_.lat) / bucket_rows_ * M_PI / 180 * kEarthRadiusM;
  const double cos_lat = std::max(std::cos(std::max(std::abs(min_.lat), std::abs(max_.lat)) * M_PI / 180), 0.01);
  const double cell_lon_m = (max_.lon - min_.lon) / bucket_cols_ * M_PI / 180 * kEarthRadiusM * cos_lat;
  const double step_m = std::min(cell_lat_m, cell_lon_m);
  NodeId best = kNoNode;
  double best_d = std::numeric_limits<double>::infinity();
  const int max_ring = std::max(bucket_rows_, bucket_cols_);
  for (int k = 0; k <= max_ring; ++k) {
    // Points outside the grid's box are at least their distance to the box away; ring k holds
    // only nodes at least (k - 1) * step_m from p when p is inside.
    if (best != kNoNode && (k - 1) * step_m > best_d) break;
    for (int r = r0 - k; r <= r0 + k; ++r) {
      if (r < 0 || r >= bucket_rows_) continue;
      for (int c = c0 - k; c <= c0 + k; ++c) {
        if (c < 0 || c >= bucket_cols_) continue;
        if (std::max(std::abs(r - r0), std::abs(c - c0)) != k) continue;
        const std::size_t b = static_cast<std::size_t>(r) * bucket_cols_ + c;
        for (std::uint32_t i = bucket_start_[b]; i < bucket_start_[b + 1]; ++i) {
          const double d = haversine_m(p, nodes_[bucket_nodes_[i]]);
          if (d < best_d || (d == best_d && bucket_nodes_[i] < best)) {
            best_d = d;
            best = bucket_nodes_[i];
          }
        }
      }
    }
  }
  if (distance_m) *distance_m = best_d;
  return best;
}

RoadNetwork largest_strong_component(const std::vector<LatLon>& nodes, const std::vector<Arc>& arcs) {
  RoadNetwork all(nodes, arcs);
  std::vector<std::uint32_t> component(nodes.size());
  const auto n = boost::strong_components(
      all.graph(), boost::make_iterator_property_map(component.begin(),
                                                     boost::get(boost::vertex_index, all.graph())));
  std::vector<std::uint32_t> size(n, 0);
  for (auto c : component) ++size[c];
  std::uint32_t keep = 0, keep_size = 0;
  for (NodeId v = 0; v < nodes.size(); ++v)  // the first node seen wins ties
    if (size[component[v]] > keep_size) keep = component[v], keep_size = size[component[v]];
  std::vector<NodeId> renumber(nodes.size(), kNoNode);
  std::vector<LatLon> kept_nodes;
  for (NodeId v = 0; v < nodes.size(); ++v)
    if (component[v] == keep) {
      renumber[v] = static_cast<NodeId>(kept_nodes.size());
      kept_nodes.push_back(nodes[v]);
    }
  std::vector<Arc> kept_arcs;
  for (Arc a : arcs)
    if (renumber[a.from] != kNoNode && renumber[a.to] != kNoNode) {
      a.from = renumber[a.from];
      a.to = renumber[a.to];
      kept_arcs.push_back(a);
    }
  return RoadNetwork(std::move(kept_nodes), kept_arcs);
}

}  // namespace routing
