#include "routing/airspace.h"

#include <algorithm>
#include <functional>
#include <queue>

namespace routing {

namespace {

constexpr double kRad = M_PI / 180.0;
constexpr double kOnEdgeM = 1e-6;

double cross(double ax, double ay, double bx, double by) { return ax * by - ay * bx; }

}  // namespace

Airspace::Airspace(std::vector<NoFlyZone> zones) : zones_(std::move(zones)) {
  double lat = 0, lon = 0;
  std::size_t n = 0;
  for (const auto& z : zones_)
    for (const auto& c : z.corners) lat += c.lat, lon += c.lon, ++n;
  if (n > 0) lat0_ = lat / static_cast<double>(n), lon0_ = lon / static_cast<double>(n);
  cos0_ = std::cos(lat0_ * kRad);
  for (const auto& z : zones_) {
    std::vector<Point> ring;
    for (const auto& c : z.corners) ring.push_back(project(c));
    rings_.push_back(std::move(ring));
  }
}

Airspace::Point Airspace::project(LatLon p) const {
  return {(p.lon - lon0_) * kRad * kEarthRadiusM * cos0_, (p.lat - lat0_) * kRad * kEarthRadiusM};
}

// Strictly inside some ring (even-odd rule); points on an edge are outside.
bool Airspace::inside(Point p) const {
  for (const auto& ring : rings_) {
    bool in = false, on_edge = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const Point a = ring[j], b = ring[i];
      const double len = std::hypot(b.x - a.x, b.y - a.y);
      const double t =
          len > 0
              ? std::clamp(((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / (len * len),
                           0.0, 1.0)
              : 0.0;
      if (std::hypot(a.x + t * (b.x - a.x) - p.x, a.y + t * (b.y - a.y) - p.y) < kOnEdgeM)
        on_edge = true;
      if ((a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y))
        in = !in;
    }
    if (in && !on_edge) return true;
  }
  return false;
}

// The segment stays out of every zone's interior: cut it where it meets any edge, and test the
// middle of every piece.
bool Airspace::clear(Point a, Point b) const {
  std::vector<double> cuts = {0.0, 1.0};
  const double dx = b.x - a.x, dy = b.y - a.y;
  for (const auto& ring : rings_)
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const Point p = ring[j], q = ring[i];
      const double ex = q.x - p.x, ey = q.y - p.y;
      const double denom = cross(dx, dy, ex, ey);
      if (std::abs(denom) < 1e-12) {
        // Parallel: the ends of the overlap, if the lines coincide, are cuts.
        if (std::abs(cross(p.x - a.x, p.y - a.y, dx, dy)) > 1e-9) continue;
        const double len2 = dx * dx + dy * dy;
        if (len2 == 0) continue;
        for (const Point& r : {p, q})
          cuts.push_back(std::clamp(((r.x - a.x) * dx + (r.y - a.y) * dy) / len2, 0.0, 1.0));
        continue;
      }
      const double t = cross(p.x - a.x, p.y - a.y, ex, ey) / denom;
      const double u = cross(p.x - a.x, p.y - a.y, dx, dy) / denom;
      if (t >= 0 && t <= 1 && u >= -1e-12 && u <= 1 + 1e-12) cuts.push_back(t);
    }
  std::sort(cuts.begin(), cuts.end());
  for (std::size_t k = 1; k < cuts.size(); ++k) {
    const double mid = (cuts[k - 1] + cuts[k]) / 2;
    if (cuts[k] - cuts[k - 1] < 1e-12) continue;
    if (inside({a.x + mid * dx, a.y + mid * dy})) return false;
  }
  return true;
}

bool Airspace::inside_zone(LatLon p) const { return inside(project(p)); }

bool Airspace::clear(LatLon a, LatLon b) const { return clear(project(a), project(b)); }

double Airspace::flight_m(LatLon a, LatLon b, std::vector<LatLon>* path) const {
  if (path) path->clear();
  if (inside_zone(a) || inside_zone(b)) return kNoFlight;
  if (clear(a, b)) {
    if (path) *path = {a, b};
    return haversine_m(a, b);
  }
  // Nodes: a, b, then every corner. Dijkstra over the pairs that see each other.
  std::vector<LatLon> nodes = {a, b};
  for (const auto& z : zones_) nodes.insert(nodes.end(), z.corners.begin(), z.corners.end());
  std::vector<Point> pts;
  for (const auto& n : nodes) pts.push_back(project(n));
  const std::size_t n = nodes.size();
  std::vector<double> dist(n, kNoFlight);
  std::vector<std::size_t> parent(n, 0);
  std::vector<bool> done(n, false);
  using Item = std::pair<double, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  dist[0] = 0;
  heap.push({0, 0});
  while (!heap.empty()) {
    const auto [d, u] = heap.top();
    heap.pop();
    if (done[u]) continue;
    done[u] = true;
    if (u == 1) break;
    for (std::size_t v = 1; v < n; ++v) {
      if (done[v] || !clear(pts[u], pts[v])) continue;
      const double nd = d + std::hypot(pts[v].x - pts[u].x, pts[v].y - pts[u].y);
      if (nd < dist[v]) dist[v] = nd, parent[v] = u, heap.push({nd, v});
    }
  }
  if (path && dist[1] != kNoFlight) {
    for (std::size_t v = 1; v != 0; v = parent[v]) path->push_back(nodes[v]);
    path->push_back(a);
    std::reverse(path->begin(), path->end());
  }
  return dist[1];
}

}  // namespace routing
