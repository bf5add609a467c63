// Online map matching (routing/map_matching.h) against the truth of synthetic rider traces: rides
// along shortest paths between random points, pinged every 1-5 s with Gaussian noise of 10 m.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include <boost/range/iterator_range.hpp>

#include "routing/edge_index.h"
#include "routing/grid.h"
#include "routing/map_matching.h"
#include "routing/osm_import.h"
#include "routing/synthetic_pings.h"

namespace {

using routing::EdgePoint;
using routing::LatLon;
using routing::NodeId;

const std::string kMaps = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/";
const std::string kData = std::string(HALFHOUR_SOURCE_DIR) + "/tests/data/";

using Ride = routing::SyntheticRide;
using Ping = routing::SyntheticPing;

std::vector<Ride> rides_on(const routing::RoadNetwork& net, int rides) {
  routing::SyntheticPingSpec spec;
  spec.rides = rides;
  spec.sigma_m = 10;
  spec.seed = 7;
  return routing::synthetic_rides(net, spec);
}

// A node where streets meet or end: other than exactly two neighbours.
bool is_junction(const routing::RoadNetwork& net, NodeId v) {
  std::vector<NodeId> n;
  for (auto e : boost::make_iterator_range(boost::out_edges(v, net.graph())))
    n.push_back(boost::target(e, net.graph()));
  for (auto e : boost::make_iterator_range(boost::out_edges(v, net.reverse_graph())))
    n.push_back(boost::target(e, net.reverse_graph()));
  std::sort(n.begin(), n.end());
  return std::unique(n.begin(), n.end()) - n.begin() != 2;
}

// The first edge of the chain of edges between two junctions that holds `arc`, in its direction.
std::uint32_t street_segment(const routing::RoadNetwork& net, std::uint32_t arc) {
  const auto& r = net.reverse_graph();
  for (int guard = 0; guard < 10000 && !is_junction(net, net.arc_tail(arc)); ++guard) {
    const NodeId v = net.arc_tail(arc), from = net.arc_head(arc);
    std::uint32_t prev = UINT32_MAX;
    for (auto e : boost::make_iterator_range(boost::out_edges(v, r))) {
      const NodeId u = boost::target(e, r);
      if (u != from) prev = routing::bicycle_arc(net, u, v);
    }
    if (prev == UINT32_MAX) break;
    arc = prev;
  }
  return arc;
}

// How the matcher did on a set of rides.
struct Score {
  std::size_t pings = 0;
  std::size_t now_on_segment = 0;   // current() on the true street segment, right direction
  std::size_t matched_edges = 0;    // edges of the final matched routes
  std::size_t matched_correct = 0;  // of those, on the true path
  std::size_t path_edges = 0;       // edges of the true paths
  std::size_t path_found = 0;       // of those, in the matched route
  std::vector<double> now_error_m;  // current() to the true position
  double precision() const { return static_cast<double>(matched_correct) / matched_edges; }
  double recall() const { return static_cast<double>(path_found) / path_edges; }
  double now_share() const { return static_cast<double>(now_on_segment) / pings; }
  double now_error_p(double q) const {
    auto e = now_error_m;
    std::sort(e.begin(), e.end());
    return e[static_cast<std::size_t>(q * (e.size() - 1))];
  }
};

Score match_all(const routing::RoadNetwork& net, const std::vector<Ride>& rides,
                routing::MapMatchParams params = {}) {
  const routing::EdgeIndex index(net, params.modes);
  Score s;
  for (const Ride& ride : rides) {
    routing::OnlineMapMatcher matcher(index, params);
    std::vector<routing::MatchedStep> steps;
    for (const Ping& p : ride.pings) {
      const auto now = matcher.add(p.reported, p.time_s);
      ++s.pings;
      for (auto& m : matcher.take_matched()) steps.push_back(std::move(m));
      if (!now) continue;
      if (street_segment(net, now->arc) == street_segment(net, p.arc)) ++s.now_on_segment;
      s.now_error_m.push_back(haversine_m(now->point, p.truth));
    }
    matcher.flush();
    for (auto& m : matcher.take_matched()) steps.push_back(std::move(m));
    std::vector<std::uint32_t> matched;
    for (const auto& m : steps) {
      if (m.route.empty()) {
        if (matched.empty() || matched.back() != m.at.arc) matched.push_back(m.at.arc);
      } else {
        matched.insert(matched.end(), m.route.begin(), m.route.end());
      }
    }
    std::vector<std::uint32_t> truth = ride.path, found = matched;
    std::sort(truth.begin(), truth.end());
    std::sort(found.begin(), found.end());
    s.matched_edges += matched.size();
    for (std::uint32_t a : matched)
      if (std::binary_search(truth.begin(), truth.end(), a)) ++s.matched_correct;
    s.path_edges += ride.path.size();
    for (std::uint32_t a : ride.path)
      if (std::binary_search(found.begin(), found.end(), a)) ++s.path_found;
  }
  return s;
}

// Newson and Krumm's estimate of beta: the median |route - great circle| between consecutive
// pings over ln 2, the route being the true one (the rider's speed times the time between).
double beta_estimate(const std::vector<Ride>& rides) {
  std::vector<double> d;
  for (const Ride& ride : rides)
    for (std::size_t i = 1; i < ride.pings.size(); ++i) {
      const Ping &a = ride.pings[i - 1], &b = ride.pings[i];
      const double route = haversine_m(a.truth, b.truth);
      d.push_back(std::abs(route - haversine_m(a.reported, b.reported)));
    }
  std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2), d.end());
  return d[d.size() / 2] / std::log(2.0);
}

TEST(EdgeIndex, FindsTheStreetsNearAPointOnAGrid) {
  // 100 m blocks: a point 10 m north of the middle of a west-east street.
  const auto net = routing::make_grid({.rows = 3, .cols = 3, .spacing_m = 100});
  const routing::EdgeIndex index(net, routing::kAllModes);
  const LatLon mid{(net.position(0).lat + net.position(1).lat) / 2,
                   (net.position(0).lon + net.position(1).lon) / 2};
  const auto near = index.near(routing::offset(mid, 10, 0), 30, 10);
  ASSERT_EQ(near.size(), 2u);  // the street, both directions
  for (const EdgePoint& e : near) {
    EXPECT_NEAR(e.distance_m, 10, 0.05);
    EXPECT_NEAR(e.offset_m, 50, 0.5);
  }
  EXPECT_TRUE(index.near(routing::offset(mid, 45, 0), 30, 10).empty());
}

// Issue 18 asks for 97% of matched edges correct. Today's figures (printed): 99.4% of the final
// route's edges on the true path on Monaco and 97.9% on Bautzen, 99.2% and 98.3% of the path
// found (were 97.2% / 93.3% and 99.1% / 98.5% before the turn penalty, the start at a node and the
// final path that never goes backwards; see routing/map_matching.h). Most of Bautzen's remaining
// misses are at the ends of a ride: the last ping's noise carries the route past a node (Bautzen's
// edges are a few metres long where streets bend), or the first ping lies nearer a node before
// the one where the ride starts. The bounds below hold today's level less a small margin so that a
// change that makes it worse fails; raise them as the model improves.
TEST(MapMatching, FindsTheRiddenEdgesOnMonacoAndBautzen) {
  struct Bounds {
    std::string map;
    double precision, recall;
  };
  for (const auto& [map, precision, recall] : {Bounds{kMaps + "monaco.osm.pbf", 0.985, 0.985},
                                               Bounds{kData + "bautzen.osm", 0.97, 0.98}}) {
    const auto net = routing::import_osm(map);
    const auto rides = rides_on(net, 60);
    // Each ride's pings begin where the ride does, at a node (routing/synthetic_pings.h).
    const Score s = match_all(net, rides, {.start_at_node = true});
    std::printf(
        "%s: %zu pings; final route: %.2f%% of matched edges on the true path, %.2f%% of the path "
        "found; now: %.2f%% on the true street segment, error p50 %.1f m p95 %.1f m; beta "
        "estimate %.1f m\n",
        map.c_str(), s.pings, 100 * s.precision(), 100 * s.recall(), 100 * s.now_share(),
        s.now_error_p(0.5), s.now_error_p(0.95), beta_estimate(rides));
    EXPECT_GT(s.pings, 3000u);
    EXPECT_GE(s.precision(), precision) << map;
    EXPECT_GE(s.recall(), recall) << map;
    EXPECT_GE(s.now_share(), 0.84) << map;
    EXPECT_LT(s.now_error_p(0.5), 10.0) << map;  // below the noise's own median of 11.8 m
  }
}

}  // namespace
