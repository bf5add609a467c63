#include "routing/isochrone.h"

#include <gtest/gtest.h>

#include <algorithm>

// GCC 12 false positives inside Boost.Geometry 1.74 (rescale_policy.hpp, buffer_join_round.hpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/geometry.hpp>

#include "routing/grid.h"
#include "routing/metric_dijkstra.h"
#include "routing/osm_import.h"
#include "routing/vehicle_profile.h"

namespace {

namespace bg = boost::geometry;
using routing::kInfWeight;
using routing::LatLon;
using routing::Weight;

const std::string kMaps = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/";

constexpr std::int64_t kSec = 1000;
constexpr std::int64_t kMin = 60 * kSec;

std::shared_ptr<const routing::RoadNetwork> monaco() {
  static const auto net =
      std::make_shared<const routing::RoadNetwork>(routing::import_osm(kMaps + "monaco.osm.pbf"));
  return net;
}

// Metres east and north of `o`, as the test's own flat frame.
std::pair<double, double> local(LatLon o, LatLon p) {
  const double k = routing::kEarthRadiusM * M_PI / 180.0;
  return {(p.lon - o.lon) * k * std::cos(o.lat * M_PI / 180.0), (p.lat - o.lat) * k};
}

bool inside(const std::vector<routing::IsoPolygon>& area, LatLon p) {
  using Pt = bg::model::d2::point_xy<double>;
  for (const auto& poly : area) {
    bg::model::polygon<Pt, false> g;  // counter-clockwise, as RFC 7946 writes it
    for (const LatLon& q : poly.outer) g.outer().push_back({q.lon, q.lat});
    for (const auto& hole : poly.holes) {
      g.inners().emplace_back();
      for (const LatLon& q : hole) g.inners().back().push_back({q.lon, q.lat});
    }
    EXPECT_TRUE(bg::is_valid(g));
    if (bg::covered_by(Pt{p.lon, p.lat}, g)) return true;
  }
  return false;
}

double distance_to_segment(std::pair<double, double> p, std::pair<double, double> a,
                           std::pair<double, double> b) {
  const double dx = b.first - a.first, dy = b.second - a.second;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.first - a.first) * dx + (p.second - a.second) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p.first - a.first - t * dx, p.second - a.second - t * dy);
}

TEST(OneToAll, GivesDijkstrasTimesOnMonacoAndOnAGridFullOfTies) {
  routing::GridSpec spec;
  spec.rows = 30;
  spec.cols = 30;
  const auto grid = std::make_shared<const routing::RoadNetwork>(routing::make_grid(spec));
  std::array<float, routing::kRoadClassCount> rush{};
  rush.fill(0.6f);
  for (const auto& net : {monaco(), grid}) {
    for (const char* vehicle : {"car", "ebike"}) {
      const auto profile = *routing::vehicle_profile(vehicle, 20);
      std::array<float, routing::kRoadClassCount> free{};
      free.fill(1.0f);
      for (const auto& factors : {free, rush}) {
        const auto arcs = routing::travel_time_metric(*net, profile, factors);
        const auto ch = routing::ContractionHierarchy::build(net->node_count(), arcs, 1);
        routing::MetricDijkstra dijkstra(net->node_count(), arcs);
        const auto main = static_cast<routing::NodeId>(net->main_node_count());
        for (routing::NodeId s : {routing::NodeId{0}, main / 2, main - 1}) {
          const auto expected = dijkstra.distances_from(s);
          const auto got = routing::one_to_all(ch, s);
          ASSERT_EQ(got.size(), expected.size());
          std::size_t reached = 0;
          for (std::size_t v = 0; v < got.size(); ++v) {
            ASSERT_EQ(got[v], expected[v]) << vehicle << " from " << s << " to " << v;
            reached += got[v] != kInfWeight;
          }
          EXPECT_GT(reached, net->main_node_count() / 2);
        }
      }
    }
  }
  EXPECT_THROW(routing::one_to_all(routing::ContractionHierarchy::build(2, {}, 1), 5),
               std::out_of_range);
}

// A street of 21 nodes 100 m apart at 30 km/h (12 s an edge), leaving from its middle: by hand,
// 60 s reach 5 edges each way (11 nodes; 1.0 km outward and 0.8 km back towards the middle, the
// last node's way back not started), 66 s also half of the sixth edge each way.
TEST(Isochrone, OnAStreetReachesWhatTheClockAllowsAndIsTheStreetWidened) {
  routing::GridSpec spec;
  spec.rows = 1;
  spec.cols = 21;
  spec.spacing_m = 100;
  spec.speed_kmh = 30;
  const auto net = routing::make_grid(spec);
  const auto profile = *routing::vehicle_profile("car", 30);
  std::array<float, routing::kRoadClassCount> free{};
  free.fill(1.0f);
  const auto arcs = routing::travel_time_metric(net, profile, free);
  const auto ch = routing::ContractionHierarchy::build(net.node_count(), arcs, 1);
  const routing::NodeId middle = 10;
  const std::vector<std::int64_t> limits = {66 * kSec, 60 * kSec, 0};
  const auto isos =
      routing::isochrones(net, arcs, routing::one_to_all(ch, middle), middle, limits, 40);
  ASSERT_EQ(isos.size(), 3u);
  EXPECT_EQ(isos[1].limit_ms, 60 * kSec);
  EXPECT_EQ(isos[1].nodes, 11u);
  EXPECT_NEAR(isos[1].road_km, 1.8, 1e-4);
  EXPECT_EQ(isos[0].nodes, 11u);
  EXPECT_NEAR(isos[0].road_km, 2.0, 1e-4);
  EXPECT_EQ(isos[2].nodes, 1u);
  EXPECT_NEAR(isos[2].road_km, 0.0, 1e-9);

  // The area of 66 s is one stadium: 1,100 m of street widened by 40 m each way.
  ASSERT_EQ(isos[0].area.size(), 1u);
  const LatLon o = net.position(middle);
  double west = 0, east = 0, south = 0, north = 0;
  for (const LatLon& p : isos[0].area[0].outer) {
    const auto [x, y] = local(o, p);
    west = std::min(west, x), east = std::max(east, x);
    south = std::min(south, y), north = std::max(north, y);
  }
  EXPECT_NEAR(west, -590, 9);
  EXPECT_NEAR(east, 590, 9);
  EXPECT_NEAR(south, -40, 9);
  EXPECT_NEAR(north, 40, 9);
  EXPECT_TRUE(isos[0].area[0].holes.empty());
  // Closed, counter-clockwise (a positive shoelace area in lon/lat).
  const auto& ring = isos[0].area[0].outer;
  EXPECT_EQ(ring.front().lat, ring.back().lat);
  EXPECT_EQ(ring.front().lon, ring.back().lon);
  double twice_area = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    twice_area += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
  EXPECT_GT(twice_area, 0);
  // Nothing but the origin at 0 s: a circle of the buffer's radius.
  ASSERT_EQ(isos[2].area.size(), 1u);
  EXPECT_TRUE(inside(isos[2].area, o));
  EXPECT_FALSE(inside(isos[2].area, net.position(middle + 1)));
}

// On Monaco at the evening peak: every node Dijkstra reaches within the limit is inside the
// area, and every node farther than the buffer (plus the simplification) from every street
// whose start is reached is outside it.
TEST(Isochrone, OnMonacoAgreesWithDijkstraAtItsBoundary) {
  const auto net = monaco();
  const routing::CongestionProfile evening({{17 * 60 * kMin, 20 * 60 * kMin, 0.6, {}}});
  const routing::TravelTimes tt(net, *routing::vehicle_profile("scooter", 35), evening, {}, 1);
  const auto arcs = routing::travel_time_metric(*net, tt.profile(),
                                                evening.level(evening.level_at(18 * 60 * kMin)));
  routing::MetricDijkstra dijkstra(net->node_count(), arcs);
  const double buffer = 40;
  for (routing::NodeId origin : {routing::NodeId{0}, routing::NodeId(net->node_count() / 3)}) {
    const auto truth = dijkstra.distances_from(origin);
    const std::vector<std::int64_t> limits = {2 * kMin, 4 * kMin};
    const auto isos = routing::isochrones(tt, origin, 18 * 60 * kMin, limits, buffer);
    ASSERT_EQ(isos.size(), limits.size());
    for (std::size_t k = 0; k < limits.size(); ++k) {
      const Weight limit = static_cast<Weight>(limits[k]);
      std::size_t in = 0, out = 0, reached = 0;
      const LatLon o = net->position(origin);
      for (routing::NodeId v = 0; v < net->node_count(); ++v) {
        if (truth[v] != kInfWeight && truth[v] <= limit) {
          ++reached;
          ASSERT_TRUE(inside(isos[k].area, net->position(v))) << "node " << v;
          ++in;
          continue;
        }
        if (v % 7) continue;  // a sample of the rest is enough
        const auto p = local(o, net->position(v));
        double nearest = 1e18;
        for (const auto& a : arcs)
          if (truth[a.from] < limit)
            nearest = std::min(nearest, distance_to_segment(p, local(o, net->position(a.from)),
                                                            local(o, net->position(a.to))));
        if (nearest > buffer + buffer / 5 + 1) {
          ASSERT_FALSE(inside(isos[k].area, net->position(v))) << "node " << v;
          ++out;
        }
      }
      EXPECT_EQ(isos[k].nodes, reached);
      EXPECT_GT(in, 20u);
      EXPECT_GT(out, 20u);
    }
  }
}

}  // namespace
