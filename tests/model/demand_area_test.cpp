// Where background demand lives: by default on the streets within some store's radius, with
// `network` on every street of the map.
#include <gtest/gtest.h>

#include "routing/geo.h"
#include "sim/model/demand.h"
#include "sim/model/world.h"
#include "world_fixtures.h"

namespace {

using model::testing::grid;
using model::testing::grid_point;

constexpr double kSpacing = 100;

// One store in the middle of a 20 x 20 grid with a 520 m radius: it covers the nodes (r, c) with
// (r - 10)^2 + (c - 10)^2 <= 27.04, the lattice points of that disc: rows at offsets 0, 1, .., 5
// hold 11, 11, 9, 9, 7 and 3 of them, 11 + 2 * (11 + 9 + 9 + 7 + 3) = 89.
// Background demand only.
model::WorldConfig one_store(model::DemandArea area) {
  model::WorldConfig w;
  w.seed = 3;
  w.start_tod = 11 * sim::kHour;
  w.duration = 2 * sim::kHour;
  model::StoreConfig s;
  s.id = "mid";
  s.location = grid_point(10, 10, kSpacing);
  s.radius_m = 520;
  w.stores = {s};
  w.riders = {{0, 6, model::Vehicle::ebike, 18, 1, -1, -1, ""}};
  w.demand.orders_per_day = 24 * 120;  // two a minute on a flat profile
  w.demand.area = area;
  return w;
}

int nodes_within(int side, int centre, double radius_cells) {
  int n = 0;
  for (int r = 0; r < side; ++r)
    for (int c = 0; c < side; ++c)
      n += (r - centre) * (r - centre) + (c - centre) * (c - centre) <= radius_cells * radius_cells;
  return n;
}

TEST(DemandArea, ByDefaultTheStoresServiceAreas) {
  const auto net = grid(20, 20, kSpacing);
  const model::WorldConfig w = one_store(model::DemandArea::stores);
  EXPECT_EQ(model::nodes_in_service_areas(w, *net).size(), 89u);
  EXPECT_EQ(nodes_within(20, 10, 5.2), 89);
  model::World world(w, net, 1);
  const auto r = world.run();
  ASSERT_GT(r.orders.size(), 180u);  // about 240 expected
  for (const auto& o : r.orders) {
    EXPECT_NE(o.reason, model::RejectReason::out_of_radius) << o.id;
    EXPECT_LE(routing::haversine_m(w.stores[0].location, net->position(o.customer)), 520) << o.id;
  }
  EXPECT_TRUE(r.warnings.empty());
}

TEST(DemandArea, NetworkSpreadsOverEveryStreet) {
  const auto net = grid(20, 20, kSpacing);
  model::World world(one_store(model::DemandArea::network), net, 1);
  const auto r = world.run();
  std::size_t outside = 0;
  for (const auto& o : r.orders) outside += o.reason == model::RejectReason::out_of_radius;
  // 311 of the 400 nodes lie outside the radius: 78% of the orders, binomial sd about 3%.
  const double share = static_cast<double>(outside) / static_cast<double>(r.orders.size());
  EXPECT_NEAR(share, 311.0 / 400, 0.1);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find(std::to_string(outside) + " outside every store's radius"),
            std::string::npos)
      << r.warnings[0];
}

TEST(DemandArea, NoStreetInAnyRadiusFallsBackToTheNetwork) {
  const auto net = grid(20, 20, kSpacing);
  model::WorldConfig w = one_store(model::DemandArea::stores);
  w.stores[0].location = routing::offset(grid_point(0, 0, kSpacing), -2000, -2000);
  model::DemandGenerator demand(w, *net);
  EXPECT_TRUE(demand.area_nodes().empty());
  routing::LatLon at;
  EXPECT_LT(demand.draw_customer(&at), 400u);
}

// The expected count is the profile's integral over the window, by hand: from 11:30 for 2 h 15 min
// with hour weights 1 (11h), 3 (12h), 2 (13h) of a day's 24 weight units, 2,400 orders a day:
// 2400/24 * (0.5 * 1 + 1 * 3 + 0.75 * 2) = 500; from 1 h in (12:30), 100 * (0.5 * 3 + 0.75 * 2) =
// 300. The mean count drawn over 200 seeds agrees (Poisson: sd of the mean about 1.6).
TEST(DemandArea, ExpectedCountIsTheProfilesIntegral) {
  const auto net = grid(20, 20, kSpacing);
  model::WorldConfig w = one_store(model::DemandArea::stores);
  w.start_tod = 11 * sim::kHour + 30 * sim::kMinute;
  w.duration = 2 * sim::kHour + 15 * sim::kMinute;
  w.demand.orders_per_day = 2400;
  w.demand.profile.fill(0);
  w.demand.profile[11] = 1;
  w.demand.profile[12] = 3;
  w.demand.profile[13] = 2;
  w.demand.profile[0] = 18;  // the rest of the day's 24 units, outside the window
  model::DemandGenerator demand(w, *net);
  EXPECT_NEAR(demand.expected_count(), 500, 1e-6);
  EXPECT_NEAR(demand.expected_count(sim::kHour), 300, 1e-6);
  double total = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    w.seed = seed;
    model::DemandGenerator d(w, *net);
    while (d.next()) ++total;
  }
  EXPECT_NEAR(total / 200, 500, 6);
}

}  // namespace
