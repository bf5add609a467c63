#include "routing/edge_index.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/range/iterator_range.hpp>

namespace routing {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Segment = bg::model::segment<Point>;
using Entry = std::pair<Segment, std::uint32_t>;

constexpr double kRad = M_PI / 180.0;

}  // namespace

struct EdgeIndex::Impl {
  LatLon origin;
  double metres_per_lon = 0, metres_per_lat = 0;
  bgi::rtree<Entry, bgi::rstar<16>> tree;
  std::vector<Segment> segments;  // by arc; zero-length for arcs not indexed

  Point project(LatLon p) const {
    return {(p.lon - origin.lon) * metres_per_lon, (p.lat - origin.lat) * metres_per_lat};
  }
  LatLon unproject(const Point& q) const {
    return {origin.lat + bg::get<1>(q) / metres_per_lat,
            origin.lon + bg::get<0>(q) / metres_per_lon};
  }
};

EdgeIndex::EdgeIndex(const RoadNetwork& net, ModeMask modes)
    : net_(&net), impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  const LatLon lo = net.min_corner(), hi = net.max_corner();
  m.origin = {(lo.lat + hi.lat) / 2, (lo.lon + hi.lon) / 2};
  m.metres_per_lat = kEarthRadiusM * kRad;
  m.metres_per_lon = kEarthRadiusM * kRad * std::cos(m.origin.lat * kRad);
  const std::uint32_t arcs = static_cast<std::uint32_t>(net.edge_count());
  m.segments.resize(arcs);
  std::vector<Entry> entries;
  entries.reserve(arcs);
  for (std::uint32_t a = 0; a < arcs; ++a) {
    if (!(net.arc_props(a).modes & modes)) continue;
    m.segments[a] = {m.project(net.position(net.arc_tail(a))),
                     m.project(net.position(net.arc_head(a)))};
    entries.emplace_back(m.segments[a], a);
  }
  m.tree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());  // packed
  segment_length_.resize(arcs);
  arc_tail_.resize(arcs);
  arc_head_.resize(arcs);
  heading_.resize(arcs);
  for (std::uint32_t a = 0; a < arcs; ++a) {
    segment_length_[a] = bg::length(m.segments[a]);
    arc_tail_[a] = net.arc_tail(a);
    arc_head_[a] = net.arc_head(a);
    const LatLon t = net.position(arc_tail_[a]), h = net.position(arc_head_[a]);
    heading_[a] = std::atan2((h.lon - t.lon) * std::cos(t.lat * kRad), h.lat - t.lat);
  }
  const Graph& g = net.graph();
  const std::size_t nodes = boost::num_vertices(g);
  first_out_.reserve(nodes + 1);
  out_arcs_.reserve(arcs);
  for (NodeId v = 0; v < nodes; ++v) {
    first_out_.push_back(static_cast<std::uint32_t>(out_arcs_.size()));
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
      const EdgeProps& p = g[e];
      out_arcs_.push_back({static_cast<NodeId>(boost::target(e, g)),
                           static_cast<std::uint32_t>(boost::get(boost::edge_index, g, e)),
                           p.length_m, p.modes});
    }
  }
  first_out_.push_back(static_cast<std::uint32_t>(out_arcs_.size()));
}

EdgeIndex::~EdgeIndex() = default;
EdgeIndex::EdgeIndex(EdgeIndex&&) noexcept = default;

std::vector<EdgePoint> EdgeIndex::near(LatLon p, double radius_m, std::size_t max_edges) const {
  std::vector<EdgePoint> out;
  if (!std::isfinite(p.lat) || !std::isfinite(p.lon) || max_edges == 0) return out;
  const Impl& m = *impl_;
  const Point q = m.project(p);
  const Box box({bg::get<0>(q) - radius_m, bg::get<1>(q) - radius_m},
                {bg::get<0>(q) + radius_m, bg::get<1>(q) + radius_m});
  for (auto it = m.tree.qbegin(bgi::intersects(box)); it != m.tree.qend(); ++it) {
    const Segment& s = it->first;
    const double ax = bg::get<0, 0>(s), ay = bg::get<0, 1>(s);
    const double dx = bg::get<1, 0>(s) - ax, dy = bg::get<1, 1>(s) - ay;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((bg::get<0>(q) - ax) * dx + (bg::get<1>(q) - ay) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const Point foot(ax + t * dx, ay + t * dy);
    const double d = bg::distance(q, foot);
    if (d > radius_m) continue;
    out.push_back({it->second, t * std::sqrt(len2), d, m.unproject(foot)});
  }
  std::sort(out.begin(), out.end(), [](const EdgePoint& a, const EdgePoint& b) {
    return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.arc < b.arc;
  });
  if (out.size() > max_edges) out.resize(max_edges);
  return out;
}

}  // namespace routing
