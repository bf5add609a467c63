#include "routing/road_network.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <boost/graph/strong_components.hpp>
#include <boost/range/iterator_range.hpp>

namespace routing {

const char* to_string(RoadClass c) {
  switch (c) {
    case RoadClass::motorway:
      return "motorway";
    case RoadClass::trunk:
      return "trunk";
    case RoadClass::primary:
      return "primary";
    case RoadClass::secondary:
      return "secondary";
    case RoadClass::tertiary:
      return "tertiary";
    case RoadClass::unclassified:
      return "unclassified";
    case RoadClass::residential:
      return "residential";
    case RoadClass::service:
      return "service";
    case RoadClass::living_street:
      return "living_street";
    case RoadClass::grid:
      return "grid";
  }
  return "unknown";
}

namespace {

constexpr double kRad = M_PI / 180.0;

void check_arcs(std::size_t node_count, const std::vector<Arc>& arcs) {
  if (arcs.size() >= std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("road network: more arcs than 32-bit edge ids can number");
  for (const Arc& a : arcs)
    if (a.from >= node_count || a.to >= node_count)
      throw std::invalid_argument("road network: an arc refers to a node that does not exist");
}

Graph build(std::size_t node_count, const std::vector<Arc>& arcs, bool reversed) {
  std::vector<std::pair<NodeId, NodeId>> ends;
  std::vector<EdgeProps> props;
  ends.reserve(arcs.size());
  props.reserve(arcs.size());
  for (const Arc& a : arcs) {
    ends.emplace_back(reversed ? a.to : a.from, reversed ? a.from : a.to);
    props.push_back({a.length_m, a.speed_kmh, a.road_class, a.modes});
  }
  return Graph(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), props.begin(),
               static_cast<NodeId>(node_count));
}

// floor(f) clamped to [0, n - 1]; NaN goes to 0.
int clamped_index(double f, int n) {
  if (!(f > 0)) return 0;
  if (f >= n - 1) return n - 1;
  return static_cast<int>(f);
}

}  // namespace

RoadNetwork::RoadNetwork(std::vector<LatLon> nodes, const std::vector<Arc>& arcs,
                         std::size_t main_node_count)
    : nodes_(std::move(nodes)), main_nodes_(std::min(main_node_count, nodes_.size())) {
  if (nodes_.size() >= kNoNode)
    throw std::invalid_argument("road network: more nodes than 32-bit node ids can number");
  check_arcs(nodes_.size(), arcs);
  for (const Arc& a : arcs)
    if ((a.from < main_nodes_) != (a.to < main_nodes_))
      throw std::invalid_argument("road network: an arc joins a detached part to the main part");
  forward_ = build(nodes_.size(), arcs, false);
  reverse_ = build(nodes_.size(), arcs, true);
  arc_tail_.resize(boost::num_edges(forward_));
  for (NodeId v = 0; v < nodes_.size(); ++v)
    for (const auto e : boost::make_iterator_range(boost::out_edges(v, forward_)))
      arc_tail_[boost::get(boost::edge_index, forward_, e)] = v;

  min_ = {90, 180};
  max_ = {-90, -180};
  for (const LatLon& p : nodes_) {
    min_ = {std::min(min_.lat, p.lat), std::min(min_.lon, p.lon)};
    max_ = {std::max(max_.lat, p.lat), std::max(max_.lon, p.lon)};
  }
  if (nodes_.empty()) return;

  // About two nodes per bucket, buckets roughly square on the ground.
  cell_lat_deg_ = std::max(max_.lat - min_.lat, 1e-9);
  cell_lon_deg_ = std::max(max_.lon - min_.lon, 1e-9);
  const double aspect =
      cell_lat_deg_ / (cell_lon_deg_ * std::max(std::cos((min_.lat + max_.lat) / 2 * kRad), 0.01));
  const double cells = std::max(1.0, static_cast<double>(nodes_.size()) / 2);
  bucket_rows_ = static_cast<int>(std::clamp(std::round(std::sqrt(cells * aspect)), 1.0, cells));
  bucket_cols_ = static_cast<int>(std::max(1.0, std::floor(cells / bucket_rows_)));
  cell_lat_deg_ /= bucket_rows_;
  cell_lon_deg_ /= bucket_cols_;

  std::vector<std::uint32_t> bucket_of(nodes_.size());
  bucket_start_.assign(static_cast<std::size_t>(bucket_rows_) * bucket_cols_ + 1, 0);
  for (NodeId i = 0; i < nodes_.size(); ++i) {
    const auto [r, c] = bucket(nodes_[i]);
    bucket_of[i] = static_cast<std::uint32_t>(r * bucket_cols_ + c);
    ++bucket_start_[bucket_of[i] + 1];
  }
  for (std::size_t b = 1; b < bucket_start_.size(); ++b) bucket_start_[b] += bucket_start_[b - 1];
  std::vector<std::uint32_t> next(bucket_start_.begin(), bucket_start_.end() - 1);
  bucket_nodes_.resize(nodes_.size());
  for (NodeId i = 0; i < nodes_.size(); ++i) bucket_nodes_[next[bucket_of[i]]++] = i;
}

std::pair<int, int> RoadNetwork::bucket(LatLon p) const {
  return {clamped_index((p.lat - min_.lat) / cell_lat_deg_, bucket_rows_),
          clamped_index((p.lon - min_.lon) / cell_lon_deg_, bucket_cols_)};
}

// Scans rings of buckets outwards from p's bucket. After ring k, every node not yet seen lies
// beyond one of the four sides of the scanned block, so its distance is at least p's distance to
// the nearest such side: R * dlat for a latitude gap, and for a longitude gap dlon, from the
// haversine formula with the latitude term dropped, 2R asin(sqrt(cos(lat_p) cos(lat_q))
// sin(dlon/2)) with cos(lat_q) at its smallest over the box. The search stops when that bound
// exceeds the best distance found, so the answer is exact, and among equally near nodes the lowest
// id wins.
NodeId RoadNetwork::nearest_node(LatLon p, double* distance_m) const {
  NodeId best = kNoNode;
  double best_d = std::numeric_limits<double>::infinity();
  if (nodes_.empty() || !std::isfinite(p.lat) || !std::isfinite(p.lon)) {
    if (distance_m) *distance_m = best_d;
    return best;
  }
  const auto [r0, c0] = bucket(p);
  const auto scan = [&](int r, int c) {
    const std::size_t b = static_cast<std::size_t>(r) * bucket_cols_ + c;
    for (std::uint32_t i = bucket_start_[b]; i < bucket_start_[b + 1]; ++i) {
      const NodeId n = bucket_nodes_[i];
      const double d = haversine_m(p, nodes_[n]);
      if (d < best_d || (d == best_d && n < best)) {
        best_d = d;
        best = n;
      }
    }
  };

  const double cos_box =
      std::max(0.0, std::min(std::cos(min_.lat * kRad), std::cos(max_.lat * kRad)));
  const double lon_factor = std::sqrt(std::max(0.0, std::cos(p.lat * kRad)) * cos_box);
  // sin(x / 2) is concave on [0, 2 pi], so over the longitude differences a node beyond the side
  // can have, [gap, farthest], it is smallest at one of the ends.
  const double farthest_lon =
      std::max(std::abs(p.lon - min_.lon), std::abs(p.lon - max_.lon)) * kRad;
  const double sin_farthest = farthest_lon < 2 * M_PI ? std::sin(farthest_lon / 2) : 0.0;
  constexpr double kSlackDeg = 1e-9;  // bucket() rounds; about 0.1 mm
  const auto lat_bound = [&](double gap_deg) {
    return kEarthRadiusM * std::max(0.0, gap_deg - kSlackDeg) * kRad;
  };
  const auto lon_bound = [&](double gap_deg) {
    const double gap = std::max(0.0, gap_deg - kSlackDeg) * kRad;
    const double s = std::min(std::sin(gap / 2), sin_farthest);
    return 2 * kEarthRadiusM * std::asin(std::clamp(lon_factor * s, 0.0, 1.0));
  };

  for (int k = 0;; ++k) {
    const int top = r0 + k, bottom = r0 - k, left = c0 - k, right = c0 + k;
    for (int c = std::max(left, 0); c <= std::min(right, bucket_cols_ - 1); ++c) {
      if (bottom >= 0) scan(bottom, c);
      if (k > 0 && top < bucket_rows_) scan(top, c);
    }
    for (int r = std::max(bottom + 1, 0); r <= std::min(top - 1, bucket_rows_ - 1); ++r) {
      if (k > 0 && left >= 0) scan(r, left);
      if (k > 0 && right < bucket_cols_) scan(r, right);
    }

    // The lowest bound over the sides that still have buckets beyond them.
    double bound = std::numeric_limits<double>::infinity();
    bool open = false;
    const auto beyond = [&](bool side_has_buckets, double side_bound_m) {
      if (!side_has_buckets) return;
      open = true;
      bound = std::min(bound, side_bound_m);
    };
    beyond(bottom > 0, lat_bound(p.lat - (min_.lat + bottom * cell_lat_deg_)));
    beyond(top < bucket_rows_ - 1, lat_bound(min_.lat + (top + 1) * cell_lat_deg_ - p.lat));
    beyond(left > 0, lon_bound(p.lon - (min_.lon + left * cell_lon_deg_)));
    beyond(right < bucket_cols_ - 1, lon_bound(min_.lon + (right + 1) * cell_lon_deg_ - p.lon));
    if (!open || bound > best_d) break;
  }
  if (distance_m) *distance_m = best_d;
  return best;
}

std::size_t NetworkReport::detached_nodes() const {
  std::size_t n = 0;
  for (const Part& p : detached) n += p.nodes;
  return n;
}

std::string NetworkReport::summary() const {
  std::string out = fmt::format(
      "map: kept {} of {} street nodes ({:.1f} km of directed road) as the routable network",
      main_nodes, nodes_read, main_km);
  if (ways_used > 0) out += fmt::format(", from {} ways", ways_used);
  out += "\n";
  if (fringe_nodes > 0)
    out += fmt::format(
        "map: dropped {} nodes ({:.1f} km) joined to it by one-way roads only (not reachable both "
        "ways)\n",
        fringe_nodes, fringe_km);
  if (!detached.empty()) {
    double km = 0;
    for (const Part& p : detached) km += p.km;
    out += fmt::format("map: parts with no road to it: {} ({} nodes, {:.1f} km){}. Largest:",
                       detached.size(), detached_nodes(), km,
                       detached_kept ? "; customers there are unreachable, stores there refused"
                                     : " and were dropped");
    for (std::size_t i = 0; i < std::min<std::size_t>(detached.size(), 3); ++i)
      out +=
          fmt::format("{} {} nodes, {:.1f} km near {:.6f},{:.6f}", i ? ";" : "", detached[i].nodes,
                      detached[i].km, detached[i].where.lat, detached[i].where.lon);
    out += "\n";
  }
  for (const std::string& s : skipped) out += "map: skipped " + s + "\n";
  return out;
}

RoadNetwork largest_strong_component(const std::vector<LatLon>& nodes, const std::vector<Arc>& arcs,
                                     bool keep_detached) {
  check_arcs(nodes.size(), arcs);
  // Connected means connected for vehicles: the walkers' way back along a one-way street must not
  // pull a one-way stub into the main part.
  std::vector<Arc> vehicle_arcs;
  for (const Arc& a : arcs)
    if (a.modes & ~kModeFoot) vehicle_arcs.push_back(a);
  const Graph g = build(nodes.size(), vehicle_arcs, false);
  vehicle_arcs = {};
  std::vector<std::uint32_t> component(nodes.size());
  const auto count = boost::strong_components(
      g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
  std::vector<std::uint32_t> size(count, 0);
  for (const std::uint32_t c : component) ++size[c];
  std::uint32_t keep = 0, keep_size = 0;
  for (NodeId v = 0; v < nodes.size(); ++v)  // strictly larger: the lowest node id wins ties
    if (size[component[v]] > keep_size) keep = component[v], keep_size = size[component[v]];

  // Weak components (union-find over the arcs, ignoring direction): which nodes share no road at
  // all with the main part.
  std::vector<std::uint32_t> weak(nodes.size());
  for (NodeId v = 0; v < nodes.size(); ++v) weak[v] = v;
  const auto root = [&weak](std::uint32_t v) {
    while (weak[v] != v) v = weak[v] = weak[weak[v]];
    return v;
  };
  for (const Arc& a : arcs) {
    const std::uint32_t x = root(a.from), y = root(a.to);
    if (x != y) weak[std::max(x, y)] = std::min(x, y);
  }
  for (NodeId v = 0; v < nodes.size(); ++v) weak[v] = root(v);
  std::uint32_t main_weak_id = 0;
  for (NodeId v = 0; v < nodes.size(); ++v)
    if (component[v] == keep) {
      main_weak_id = weak[v];
      break;
    }

  NetworkReport report;
  report.nodes_read = nodes.size();
  std::vector<NodeId> renumber(nodes.size(), kNoNode);
  std::vector<LatLon> kept_nodes;
  kept_nodes.reserve(keep_size);
  for (NodeId v = 0; v < nodes.size(); ++v)
    if (component[v] == keep) {
      renumber[v] = static_cast<NodeId>(kept_nodes.size());
      kept_nodes.push_back(nodes[v]);
    }
  const std::size_t main_count = kept_nodes.size();
  std::vector<NetworkReport::Part> parts(nodes.size());
  for (NodeId v = 0; v < nodes.size(); ++v) {
    if (component[v] == keep) continue;
    if (weak[v] == main_weak_id) {
      ++report.fringe_nodes;
      continue;
    }
    if (parts[weak[v]].nodes++ == 0) parts[weak[v]].where = nodes[v];
    if (keep_detached) {
      renumber[v] = static_cast<NodeId>(kept_nodes.size());
      kept_nodes.push_back(nodes[v]);
    }
  }
  std::vector<Arc> kept_arcs;
  for (Arc a : arcs) {
    const double km = a.length_m / 1000.0;
    if (component[a.from] == keep && component[a.to] == keep)
      report.main_km += km;
    else if (weak[a.from] == main_weak_id)
      report.fringe_km += km;
    else
      parts[weak[a.from]].km += km;
    if (renumber[a.from] != kNoNode && renumber[a.to] != kNoNode) {
      a.from = renumber[a.from];
      a.to = renumber[a.to];
      kept_arcs.push_back(a);
    }
  }
  report.main_nodes = main_count;
  report.detached_kept = keep_detached;
  for (const auto& p : parts)
    if (p.nodes > 0) report.detached.push_back(p);
  std::stable_sort(report.detached.begin(), report.detached.end(),
                   [](const auto& a, const auto& b) { return a.nodes > b.nodes; });
  RoadNetwork net(std::move(kept_nodes), kept_arcs, main_count);
  net.report() = std::move(report);
  return net;
}

}  // namespace routing
