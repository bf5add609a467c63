// Issue 18: `halfhour twin` following `halfhour feed` of the same scenario under another seed must
// converge to the feed's positions and states. Monaco's lunch hour (11:00-12:00) from the feed
// (seed 5) followed by a twin of the scenario's own seed (42): every 5 minutes from 11:10, each
// rider on shift in the truth is compared with the twin after every message published before
// that instant: the position it shows (TwinSync::twin_state), the model's state and, while the
// truth has the rider on the road, the model's position. The same twin without the riders' pings
// and statuses (orders and stores only) is the baseline: its riders follow the model under its
// own seed, so the test fails if the observations stop steering the world.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "routing/geo.h"
#include "scenarios/scenario.h"
#include "sim/twin/feed.h"
#include "sim/twin/sync.h"

namespace {

constexpr twin::UnixMillis kStart = 1796108400000LL;  // 2026-12-01T07:00:00Z

constexpr sim::Time kFrom = 4 * sim::kHour, kTo = 5 * sim::kHour;  // from the day's 07:00

double percentile(std::vector<double> e, double q) {
  std::sort(e.begin(), e.end());
  return e[static_cast<std::size_t>(q * static_cast<double>(e.size() - 1))];
}

struct Agreement {
  std::vector<double> shown_m;  // the position the twin shows (TwinSync::twin_state) to the true
  std::vector<double> error_m;  // model position to the true one, per riding rider and instant
  std::size_t compared = 0, same_state = 0;
  double error_p(double q) const { return percentile(error_m, q); }
  double shown_p(double q) const { return percentile(shown_m, q); }
  double state_share() const { return static_cast<double>(same_state) / compared; }
};

bool rider_observation(const twin::Message& m) {
  return std::holds_alternative<twin::RiderPing>(m.data) ||
         std::holds_alternative<twin::RiderStatus>(m.data);
}

Agreement follow(const scenarios::Scenario& s,
                 const std::shared_ptr<const routing::RoadNetwork>& net, const twin::Feed& feed,
                 bool with_riders) {
  twin::SyncOptions so;
  so.start = kStart;
  twin::TwinSync sync(s.world, net, so);
  // The truth's frames by instant, the instants the first frames at or after each 5 minutes.
  std::map<sim::Time, std::vector<const twin::TruthFrame*>> frames;
  for (const auto& f : feed.frames) frames[f.t].push_back(&f);
  std::vector<sim::Time> instants;
  for (sim::Time mark = kFrom + 10 * sim::kMinute; mark < kTo; mark += 5 * sim::kMinute)
    if (const auto it = frames.lower_bound(mark); it != frames.end()) instants.push_back(it->first);

  Agreement a;
  std::size_t next = 0;
  auto compare_up_to = [&](sim::Time t) {
    for (; next < instants.size() && instants[next] <= t; ++next) {
      const sim::Time at = instants[next];
      sync.advance_to(kStart + at);
      const model::TwinState shown = sync.twin_state();
      for (const twin::TruthFrame* f : frames[at]) {
        if (f->state == "off_shift") continue;
        const model::World& w = sync.world();
        for (const auto& v : shown.riders)
          if (v.id == f->rider) a.shown_m.push_back(routing::haversine_m(v.at, f->at));
        if (f->state != "idle" && f->state != "waiting")
          a.error_m.push_back(routing::haversine_m(w.rider_position(f->rider, at), f->at));
        ++a.compared;
        if (model::to_string(w.state().riders[f->rider].state) == f->state) ++a.same_state;
      }
    }
  };
  for (const twin::Message& m : feed.messages) {
    compare_up_to(m.time - kStart - 1);  // every message before the instant is applied
    if (with_riders || !rider_observation(m)) sync.apply(m);
  }
  compare_up_to(kTo);
  return a;
}

// Measured: the positions shown, p50 8 m and p90 19 m (10 m noise per axis); the model's rider
// states agree 87% of the time against 31% for the model alone, its riding riders p50 5 m and
// p90 74 m from the truth against 373 m and 1,337 m. Most of the states that still differ are a
// step's timing: the model's pickers and riders draw their own times, and a rider the model has
// deliver sooner than the operation's rides back before the report comes. Before riders were
// exchanged (model::exchange_riders) it was 45% and 274 m: the model's dispatch gave orders to
// other riders than the operation's did; before `assigned` was reported and applied
// (model::assign_observed), 78%.
TEST(TwinConvergence, ShowsTheFeedsPositionsAndItsModelFollowsTheOperation) {
  const auto s =
      scenarios::load_scenario(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/monaco.yaml");
  const auto net = scenarios::load_network(s);
  model::WorldConfig c = s.world;
  c.seed = 5;
  ASSERT_NE(c.seed, s.world.seed);
  twin::FeedOptions fo;
  fo.start = kStart;
  fo.from = kFrom;
  fo.to = kTo;
  const twin::Feed feed = twin::make_feed(c, net, fo);

  const Agreement twin = follow(s, net, feed, true);
  const Agreement alone = follow(s, net, feed, false);
  for (const auto& [name, a] : {std::pair{"followed", &twin}, std::pair{"orders only", &alone}})
    std::printf(
        "%s: %zu rider-instants, shown p50 %.0f m p90 %.0f m, same state %.1f%%; %zu riding, "
        "model position error p50 %.0f m p90 %.0f m\n",
        name, a->compared, a->shown_p(0.5), a->shown_p(0.9), 100 * a->state_share(),
        a->error_m.size(), a->error_p(0.5), a->error_p(0.9));
  ASSERT_GT(twin.compared, 1000u);
  ASSERT_GT(twin.error_m.size(), 300u);
  ASSERT_EQ(twin.shown_m.size(), twin.compared);
  // What the twin shows: each rider where its last matched ping put it (noise of 10 m per axis,
  // median 11.8 m; map matching takes it to the street).
  EXPECT_LT(twin.shown_p(0.5), 15.0);
  EXPECT_LT(twin.shown_p(0.9), 40.0);
  EXPECT_GT(alone.shown_p(0.9), 10 * twin.shown_p(0.9));
  // The model behind it: the riders' states and, while riding, their positions.
  EXPECT_GE(twin.state_share(), 0.8);
  EXPECT_GE(twin.state_share(), alone.state_share() + 0.3);
  EXPECT_LT(twin.error_p(0.5), 25.0);
  EXPECT_LT(twin.error_p(0.9), 200.0);
  EXPECT_GT(alone.error_p(0.5), 10 * twin.error_p(0.5));
}

}  // namespace
