#include "routing/zone_times.h"

#include <gtest/gtest.h>

#include <functional>
#include <queue>
#include <random>
#include <tuple>

#include "routing/grid.h"
#include "routing/metric_dijkstra.h"
#include "routing/osm_import.h"
#include "routing/travel_times.h"
#include "routing/zone_tree.h"

namespace {

using routing::NodeId;
using routing::Weight;
using routing::ZoneTimes;

constexpr std::int64_t kHour = 3600 * 1000;

// The shortest and the longest route among those of least time from s (or to s over the reverse
// arcs): a lexicographic Dijkstra over (ms, +-metres). Any route the table reports must lie in
// [shortest, longest] of its target.
struct LengthBounds {
  std::vector<Weight> ms;
  std::vector<double> lo, hi;
};
LengthBounds length_bounds(const routing::RoadNetwork& net,
                           const std::vector<routing::MetricArc>& arcs, NodeId s, bool reverse) {
  const std::size_t n = net.node_count();
  std::vector<std::vector<std::pair<NodeId, const routing::MetricArc*>>> out(n);
  for (const auto& a : arcs) {
    if (reverse)
      out[a.to].push_back({a.from, &a});
    else
      out[a.from].push_back({a.to, &a});
  }
  LengthBounds b;
  for (const double sign : {1.0, -1.0}) {
    std::vector<std::pair<Weight, double>> best(n, {routing::kInfWeight, 0});
    using Item = std::tuple<Weight, double, NodeId>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    best[s] = {0, 0};
    heap.push({0, 0, s});
    while (!heap.empty()) {
      const auto [d, len, v] = heap.top();
      heap.pop();
      if (std::pair(d, len) != best[v]) continue;
      for (const auto& [w, a] : out[v]) {
        const std::pair<Weight, double> cand{d + a->weight,
                                             len + sign * net.arc_props(a->arc).length_m};
        if (cand < best[w]) {
          best[w] = cand;
          heap.push({cand.first, cand.second, w});
        }
      }
    }
    b.ms.resize(n);
    auto& side = sign > 0 ? b.lo : b.hi;
    side.resize(n);
    for (std::size_t v = 0; v < n; ++v) {
      b.ms[v] = best[v].first;
      side[v] = sign * best[v].second;
    }
  }
  return b;
}

// Checks every target of a table against Dijkstra (times), the lexicographic bounds (lengths)
// and the point-to-point query (lengths, where it took the same route); returns how many
// lengths differ from the point-to-point query's.
int check_table(const routing::TravelTimes& tt, std::uint32_t level, NodeId root,
                ZoneTimes::Direction dir, const std::vector<NodeId>& targets) {
  const auto& net = tt.network();
  const auto arcs = routing::travel_time_metric(net, tt.profile(), tt.congestion().level(level));
  const bool back = dir == ZoneTimes::Direction::to_root;
  const ZoneTimes table(tt.hierarchy(level), tt.edge_lengths(level), root, dir, targets);
  const LengthBounds bounds = length_bounds(net, arcs, root, back);
  int differ = 0;
  for (const NodeId t : targets) {
    const auto* e = table.find(t);
    EXPECT_NE(e, nullptr);
    if (!e) continue;
    EXPECT_EQ(e->ms, bounds.ms[t]) << root << (back ? " <- " : " -> ") << t;
    const auto leg = back ? tt.leg(t, root, level) : tt.leg(root, t, level);
    EXPECT_EQ(e->ms, leg.ms);
    if (e->ms == routing::kInfWeight) {
      EXPECT_EQ(e->length_m, -1);
      continue;
    }
    EXPECT_GE(e->length_m, bounds.lo[t] - 1e-3);
    EXPECT_LE(e->length_m, bounds.hi[t] + 1e-3);
    differ += e->length_m != leg.length_m;
  }
  return differ;
}

TEST(ZoneTimes, OnMonacoEveryTimeIsDijkstrasAndAlmostEveryLengthThePointToPointQuerys) {
  const auto net = std::make_shared<routing::RoadNetwork>(
      routing::import_osm(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/monaco.osm.pbf"));
  const routing::TravelTimes tt(net, *routing::vehicle_profile("scooter", 45),
                                routing::CongestionProfile({{8 * kHour, 9 * kHour, 0.5, {}}}));
  ASSERT_EQ(tt.level_count(), 2u);
  std::mt19937 rng(3);
  int targets = 0, differ = 0;
  for (int k = 0; k < 4; ++k) {
    const NodeId root = rng() % net->main_node_count();
    for (const auto dir : {ZoneTimes::Direction::from_root, ZoneTimes::Direction::to_root}) {
      const routing::ZoneTree zone(*net, root,
                                   dir == ZoneTimes::Direction::from_root
                                       ? routing::ZoneTree::Direction::from_root
                                       : routing::ZoneTree::Direction::to_root,
                                   1500);
      std::vector<NodeId> nodes = zone.nodes();
      nodes.push_back(static_cast<NodeId>(net->node_count() - 1));  // maybe a detached part
      nodes.push_back(nodes.front());                               // a duplicate
      for (std::uint32_t level = 0; level < tt.level_count(); ++level) {
        differ += check_table(tt, level, root, dir, nodes);
        targets += static_cast<int>(nodes.size());
      }
    }
  }
  EXPECT_GT(targets, 4000);
  // Only routes that tie to the millisecond may differ.
  EXPECT_LE(differ, targets / 100) << differ << " of " << targets;
}

TEST(ZoneTimes, OnAGridOfTiesEveryLengthIsTheShortest) {
  routing::GridSpec spec;  // every block the same: many routes of equal time and length
  spec.rows = 30;
  spec.cols = 30;
  spec.spacing_m = 100;
  spec.speed_kmh = 18;
  const auto net = std::make_shared<routing::RoadNetwork>(routing::make_grid(spec));
  const routing::TravelTimes tt(net, *routing::vehicle_profile("ebike", 18),
                                routing::CongestionProfile());
  std::vector<NodeId> all(net->node_count());
  for (NodeId v = 0; v < all.size(); ++v) all[v] = v;
  for (const NodeId root : {NodeId{0}, NodeId{465}}) {
    EXPECT_EQ(check_table(tt, 0, root, ZoneTimes::Direction::from_root, all), 0);
    EXPECT_EQ(check_table(tt, 0, root, ZoneTimes::Direction::to_root, all), 0);
  }
}

TEST(ZoneTimes, ANodeOutsideTheTargetsIsNotFound) {
  routing::GridSpec spec;
  spec.rows = 5;
  spec.cols = 5;
  const auto net = std::make_shared<routing::RoadNetwork>(routing::make_grid(spec));
  const routing::TravelTimes tt(net, *routing::vehicle_profile("car", 50),
                                routing::CongestionProfile());
  const std::vector<NodeId> targets{3, 7, 7, 12};
  const ZoneTimes table(tt.hierarchy(0), tt.edge_lengths(0), 0, ZoneTimes::Direction::from_root,
                        targets);
  EXPECT_EQ(table.size(), 3u);
  EXPECT_EQ(table.find(8), nullptr);
  ASSERT_NE(table.find(12), nullptr);
  EXPECT_EQ(table.find(12)->ms, tt.level_ms(0, 12, 0));
  EXPECT_EQ(ZoneTimes().find(3), nullptr);
}

}  // namespace
