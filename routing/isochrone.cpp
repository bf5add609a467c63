#include "routing/isochrone.h"

#include <cmath>
#include <functional>
#include <queue>
#include <stdexcept>
#include <unordered_map>
#include <utility>

// GCC 12 sees a maybe-uninitialised point in Boost.Geometry 1.74's round join (buffer_join_round
// .hpp:153), set on every path that reads it.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/geometry.hpp>

namespace routing {
namespace bg = boost::geometry;

namespace {

using Point = bg::model::d2::point_xy<double>;
using Line = bg::model::linestring<Point>;
using Lines = bg::model::multi_linestring<Line>;
using Polygon = bg::model::polygon<Point>;  // clockwise outer rings, as Boost.Geometry's default
using Area = bg::model::multi_polygon<Polygon>;

// Metres east and north of an origin (equirectangular; exact enough across a city).
struct LocalFrame {
  LatLon origin;
  double m_per_lon, m_per_lat;
  explicit LocalFrame(LatLon o)
      : origin(o),
        m_per_lon(kEarthRadiusM * M_PI / 180.0 * std::cos(o.lat * M_PI / 180.0)),
        m_per_lat(kEarthRadiusM * M_PI / 180.0) {}
  Point project(LatLon p) const {
    return {(p.lon - origin.lon) * m_per_lon, (p.lat - origin.lat) * m_per_lat};
  }
  LatLon unproject(const Point& q) const {
    return {origin.lat + q.y() / m_per_lat, origin.lon + q.x() / m_per_lon};
  }
};

// A Boost ring (clockwise when `outer`) as RFC 7946 wants it: outer counter-clockwise.
std::vector<LatLon> ring_of(const bg::model::ring<Point>& ring, const LocalFrame& frame) {
  std::vector<LatLon> out;
  out.reserve(ring.size());
  for (auto it = ring.rbegin(); it != ring.rend(); ++it) out.push_back(frame.unproject(*it));
  return out;
}

// The union of the lines' buffers, merged pairwise as a balanced tree. Each line is buffered on
// its own: Boost.Geometry 1.74 returns an empty area for a multi-linestring whose lines touch
// end to end in a straight line, as consecutive pieces of a street do.
Area merge(std::vector<Area>& parts, std::size_t begin, std::size_t end) {
  if (end - begin == 1) return std::move(parts[begin]);
  const std::size_t mid = begin + (end - begin) / 2;
  const Area left = merge(parts, begin, mid), right = merge(parts, mid, end);
  Area both;
  bg::union_(left, right, both);
  return both;
}

Area widen(const Lines& lines, double buffer_m) {
  const bg::strategy::buffer::distance_symmetric<double> distance(buffer_m);
  const bg::strategy::buffer::side_straight side;
  const bg::strategy::buffer::join_round join(12);
  const bg::strategy::buffer::end_round end(12);
  const bg::strategy::buffer::point_circle circle(12);
  std::vector<Area> parts(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (bg::equals(line.front(), line.back()) && line.size() == 2)
      bg::buffer(line.front(), parts[i], distance, side, join, end, circle);
    else
      bg::buffer(line, parts[i], distance, side, join, end, circle);
  }
  const Area area = merge(parts, 0, parts.size());
  if (area.empty()) throw std::logic_error("isochrone: the reached streets gave no area");
  // Douglas-Peucker does not keep a ring from crossing itself or a hole from crossing its
  // ring: take the coarsest of a few tolerances that leaves the area valid.
  for (double tolerance = buffer_m / 5; tolerance > buffer_m / 100; tolerance /= 2) {
    Area simple;
    bg::simplify(area, simple, tolerance);
    if (bg::is_valid(simple)) return simple;
  }
  return area;
}

}  // namespace

std::vector<Weight> one_to_all(const ContractionHierarchy& ch, NodeId origin) {
  const std::size_t n = ch.node_count();
  if (origin >= n) throw std::out_of_range("one_to_all: origin is not a node of the hierarchy");
  std::vector<Weight> by_rank(n, kInfWeight);
  // Upward search: Dijkstra over the edges to higher ranks.
  using Entry = std::pair<Weight, std::uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  const std::uint32_t root = ch.rank(origin);
  by_rank[root] = 0;
  heap.push({0, root});
  while (!heap.empty()) {
    const auto [d, r] = heap.top();
    heap.pop();
    if (d != by_rank[r]) continue;
    for (const auto* e = ch.up_begin(r); e != ch.up_end(r); ++e)
      if (d + e->weight < by_rank[e->head]) {
        by_rank[e->head] = d + e->weight;
        heap.push({d + e->weight, e->head});
      }
  }
  // Downward sweep: a node's higher-ranked neighbours are final before it is reached.
  for (std::uint32_t r = static_cast<std::uint32_t>(n); r-- > 0;)
    for (const auto* e = ch.down_begin(r); e != ch.down_end(r); ++e) {
      const Weight above = by_rank[e->head];
      if (above != kInfWeight && above + e->weight < by_rank[r]) by_rank[r] = above + e->weight;
    }
  std::vector<Weight> ms(n);
  for (std::uint32_t r = 0; r < n; ++r) ms[ch.node_at(r)] = by_rank[r];
  return ms;
}

std::vector<Isochrone> isochrones(const RoadNetwork& net, const std::vector<MetricArc>& arcs,
                                  const std::vector<Weight>& ms, NodeId origin,
                                  std::span<const std::int64_t> limits_ms, double buffer_m) {
  if (ms.size() != net.node_count())
    throw std::invalid_argument("isochrones: need one travel time per node of the network");
  if (!(buffer_m > 0)) throw std::invalid_argument("isochrones: buffer_m must be positive");
  const LocalFrame frame(net.position(origin));
  std::vector<Isochrone> out;
  for (const std::int64_t limit : limits_ms) {
    Isochrone iso;
    iso.limit_ms = limit;
    for (const Weight t : ms) iso.nodes += t != kInfWeight && t <= limit;
    // Each street once, with the parts reached from either end (a two-way street's arcs lie on
    // one another).
    std::unordered_map<std::uint64_t, std::pair<double, double>> reached;  // from low, from high
    for (const MetricArc& a : arcs) {
      if (ms[a.from] == kInfWeight || ms[a.from] >= limit || a.weight == 0) continue;
      const double share =
          std::min(1.0, static_cast<double>(limit - ms[a.from]) / static_cast<double>(a.weight));
      iso.road_km += net.arc_props(a.arc).length_m * share / 1000.0;
      const NodeId low = std::min(a.from, a.to), high = std::max(a.from, a.to);
      auto& [from_low, from_high] = reached[std::uint64_t{low} << 32 | high];
      (a.from == low ? from_low : from_high) =
          std::max(a.from == low ? from_low : from_high, share);
    }
    Lines lines;
    // The origin alone (no street from it within the limit) is still a place one can be.
    const Point at = frame.project(net.position(origin));
    lines.push_back(Line{at, at});
    auto along = [](const Point& p, const Point& q, double share) {
      return Point(p.x() + (q.x() - p.x()) * share, p.y() + (q.y() - p.y()) * share);
    };
    for (const auto& [key, part] : reached) {
      const Point p = frame.project(net.position(static_cast<NodeId>(key >> 32)));
      const Point q = frame.project(net.position(static_cast<NodeId>(key & 0xffffffffu)));
      if (part.first + part.second >= 1) {
        lines.push_back(Line{p, q});
        continue;
      }
      if (part.first > 0) lines.push_back(Line{p, along(p, q, part.first)});
      if (part.second > 0) lines.push_back(Line{along(q, p, part.second), q});
    }
    for (const Polygon& poly : widen(lines, buffer_m)) {
      IsoPolygon ip;
      ip.outer = ring_of(poly.outer(), frame);
      for (const auto& hole : poly.inners()) ip.holes.push_back(ring_of(hole, frame));
      iso.area.push_back(std::move(ip));
    }
    out.push_back(std::move(iso));
  }
  return out;
}

std::vector<Isochrone> isochrones(const TravelTimes& tt, NodeId origin, std::int64_t depart_tod_ms,
                                  std::span<const std::int64_t> limits_ms, double buffer_m) {
  const std::size_t level = tt.congestion().level_at(depart_tod_ms);
  const auto arcs = travel_time_metric(tt.network(), tt.profile(), tt.congestion().level(level));
  return isochrones(tt.network(), arcs, one_to_all(tt.hierarchy(level), origin), origin, limits_ms,
                    buffer_m);
}

}  // namespace routing
