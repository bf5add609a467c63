// The visual twin: its geometry and colours without a display, and real frames drawn off screen
// (these need an X display; tools/check.sh runs them under xvfb-run with Mesa's software
// OpenGL, no GPU).
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "routing/grid.h"
#include "sim/model/world.h"
#include "sim/output/twin_file.h"
#include "viz/live_twin.h"
#include "viz/map_view.h"
#include "viz/palette.h"
#include "viz/picture.h"
#include "viz/replay_view.h"
#include "viz/selection.h"

namespace {

using sim::kHour;
using sim::kMinute;

constexpr routing::LatLon kOrigin{48.85, 2.35};
constexpr double kSpacing = 100;

std::shared_ptr<const routing::RoadNetwork> grid() {
  return std::make_shared<routing::RoadNetwork>(
      routing::make_grid({30, 30, kSpacing, 25, kOrigin}));
}

routing::LatLon at(int r, int c) { return routing::offset(kOrigin, r * kSpacing, c * kSpacing); }

// Two stores on a 3 km grid; few pickers and a 10-minute promise so that orders go late.
model::WorldConfig city() {
  model::WorldConfig w;
  w.seed = 3;
  w.start_tod = 11 * kHour;
  w.duration = 3 * kHour;
  w.promise = 10 * kMinute;
  model::StoreConfig a;
  a.id = "west";
  a.location = at(15, 7);
  a.radius_m = 1500;
  a.pickers = 1;
  model::StoreConfig b = a;
  b.id = "east";
  b.location = at(15, 22);
  w.stores = {a, b};
  w.riders = {{0, 3, model::Vehicle::ebike, 15, 1, -1, -1, ""},
              {1, 3, model::Vehicle::ebike, 15, 1, -1, -1, ""}};
  w.demand.orders_per_day = 24 * 60;
  return w;
}

bool have_display() {
  const char* d = std::getenv("DISPLAY");
  return d && *d;
}

bool same(sf::Color a, sf::Color b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

TEST(MapView, MapsPointsBackAndZoomsAboutTheCursor) {
  viz::MapView v(at(0, 0), at(29, 29), 1280, 720);
  const auto p = at(10, 20);
  const auto back = v.to_map(v.to_screen(p));
  EXPECT_NEAR(back.lat, p.lat, 1e-9);
  EXPECT_NEAR(back.lon, p.lon, 1e-9);
  // The grid is 2.9 km square: it fills 90% of the 720 px height.
  EXPECT_NEAR(v.to_screen(at(0, 0)).y - v.to_screen(at(29, 0)).y, 648, 1);
  const sf::Vector2f cursor(300, 200);
  const auto under = v.to_map(cursor);
  v.zoom_at(2.5f, cursor);
  const auto still = v.to_screen(under);
  EXPECT_NEAR(still.x, cursor.x, 1e-3);
  EXPECT_NEAR(still.y, cursor.y, 1e-3);
}

TEST(Palette, PinsGoFromGreenThroughAmberToRed) {
  EXPECT_TRUE(same(viz::pin_colour(0, 30 * kMinute), viz::kGreen));
  EXPECT_TRUE(same(viz::pin_colour(15 * kMinute, 30 * kMinute), viz::kGreen));
  EXPECT_TRUE(same(viz::pin_colour(22 * kMinute + 30000, 30 * kMinute), viz::kAmber));
  EXPECT_TRUE(same(viz::pin_colour(30 * kMinute, 30 * kMinute), viz::kRed));
  EXPECT_TRUE(same(viz::pin_colour(2 * kHour, 30 * kMinute), viz::kRed));
}

TEST(Selection, AClickPicksTheNearestVehicleBeforeAPlaceAndDescribesIt) {
  viz::MapView view(at(0, 0), at(29, 29), 1280, 720);
  model::TwinState s;
  s.start_tod = 11 * kHour;
  s.time = 40 * kMinute;
  s.promise = 30 * kMinute;
  s.stores = {{at(10, 10), "west", false}};
  s.riders = {{at(10, 10), 7, 4, false}, {at(20, 20), 8, 1, false}};
  s.orders = {{at(20, 21), 42, 0, sim::kNever}};
  const auto click = view.to_screen(at(10, 10)) + sf::Vector2f(3, 0);
  const auto rider = viz::pick(s, view, click);
  EXPECT_EQ(rider.kind, viz::Selection::Kind::rider);  // on top of the store
  EXPECT_EQ(rider.index, 7u);
  EXPECT_EQ(viz::describe(s, rider)[1], "delivering");
  const auto order = viz::pick(s, view, view.to_screen(at(20, 21)));
  EXPECT_EQ(order.kind, viz::Selection::Kind::order);
  const auto lines = viz::describe(s, order);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "placed 11:00:00");
  EXPECT_EQ(lines[2], "open for 40.0 min of 30: LATE");
  EXPECT_EQ(viz::pick(s, view, {5, 5}).kind, viz::Selection::Kind::none);
  s.riders.clear();
  EXPECT_FALSE(viz::position(s, rider).has_value());  // gone: nothing to follow
}

TEST(LiveTwin, InterpolatesPositionsBetweenTwoStates) {
  model::TwinState a, b;
  a.time = 0;
  b.time = 1000;
  a.riders = {{{48.0, 2.0}, 0, 1, false}};
  b.riders = {{{48.1, 2.2}, 0, 4, false}};
  const auto mid = viz::interpolate(a, b, 250);
  EXPECT_EQ(mid.time, 250);
  EXPECT_NEAR(mid.riders[0].at.lat, 48.025, 1e-12);
  EXPECT_NEAR(mid.riders[0].at.lon, 2.05, 1e-12);
}

TEST(LiveTwin, APausedClockDoesNotMoveAndARunningOneFollowsTheSpeed) {
  viz::LiveTwin twin(city(), grid(), 1);
  twin.set_speed(3600);
  twin.set_paused(true);
  const sim::Time t0 = twin.tick();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(twin.tick(), t0);
  twin.set_paused(false);
  twin.tick();
  const auto wall0 = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const sim::Time t1 = twin.tick();
  const double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall0).count();
  EXPECT_GT(t1, t0);
  // Never faster than the speed (it may lag when the simulation has not got there yet).
  EXPECT_LE(static_cast<double>(t1 - t0), (wall_ms + 50) * 3600);
  const auto s = twin.state_at(t1);
  EXPECT_LE(s.time, t1);
  EXPECT_EQ(s.stores.size(), 2u);
}

TEST(TwinPicture, StoresAreDrawnInTheirColourAndLateOrdersRed) {
  if (!have_display()) GTEST_SKIP() << "needs a display: tools/check.sh runs it under xvfb-run";
  const auto network = grid();
  const auto w = city();
  const auto state = viz::state_at(w, network, 2 * kHour, 1);
  const sf::Image image = viz::render(*network, state, 1280, 720);
  std::vector<routing::LatLon> stores;
  for (const auto& s : state.stores) stores.push_back(s.at);
  const viz::MapView view = viz::fit_view(*network, stores, 1280, 720);
  for (const auto& s : state.stores) {
    const auto p = view.to_screen(s.at);
    EXPECT_TRUE(
        same(image.getPixel(static_cast<unsigned>(p.x), static_cast<unsigned>(p.y)), viz::kStore))
        << s.id;
  }
  // An open order past its promise with nothing else drawn within 12 px is a red pin.
  auto clear_around = [&](sf::Vector2f p, std::uint32_t self) {
    auto near = [&](routing::LatLon q) {
      const auto d = view.to_screen(q) - p;
      return std::hypot(d.x, d.y) < 12;
    };
    for (const auto& s : state.stores)
      if (near(s.at)) return false;
    for (const auto& r : state.riders)
      if (r.state != 0 && near(r.at)) return false;
    for (const auto& o : state.orders)
      if (o.id != self && near(o.at)) return false;
    return p.x > 380 && p.y > 170 && p.x < 1270 && p.y < 710;  // clear of the display's panels
  };
  int late = 0;
  for (const auto& o : state.orders) {
    if (o.delivered != sim::kNever || state.time - o.placed <= state.promise) continue;
    const auto p = view.to_screen(o.at);
    if (!clear_around(p, o.id)) continue;
    ++late;
    EXPECT_TRUE(
        same(image.getPixel(static_cast<unsigned>(p.x), static_cast<unsigned>(p.y)), viz::kRed))
        << o.id;
  }
  EXPECT_GT(state.late_now, 0u);
  EXPECT_GT(late, 0);
}

TEST(TwinPicture, APausedTwinDrawsTheSameFrameAndARunningOneMoves) {
  if (!have_display()) GTEST_SKIP() << "needs a display: tools/check.sh runs it under xvfb-run";
  const auto network = grid();
  viz::LiveTwin twin(city(), network, 1);
  twin.set_speed(600);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  twin.set_paused(true);
  const auto a = viz::render(*network, twin.state_at(twin.tick()), 640, 360);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto b = viz::render(*network, twin.state_at(twin.tick()), 640, 360);
  EXPECT_TRUE(std::equal(a.getPixelsPtr(), a.getPixelsPtr() + 640 * 360 * 4, b.getPixelsPtr()));
  twin.set_paused(false);
  twin.tick();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto c = viz::render(*network, twin.state_at(twin.tick()), 640, 360);
  EXPECT_FALSE(std::equal(a.getPixelsPtr(), a.getPixelsPtr() + 640 * 360 * 4, c.getPixelsPtr()));
}

TEST(TwinPicture, TheSameTimeGivesTheSamePictureAtAnyThreadCount) {
  if (!have_display()) GTEST_SKIP() << "needs a display: tools/check.sh runs it under xvfb-run";
  const auto network = grid();
  const auto one = viz::render(*network, viz::state_at(city(), network, kHour, 1), 640, 360);
  const auto two = viz::render(*network, viz::state_at(city(), network, kHour, 2), 640, 360);
  ASSERT_EQ(one.getSize(), two.getSize());
  const auto* a = one.getPixelsPtr();
  const auto* b = two.getPixelsPtr();
  EXPECT_TRUE(std::equal(a, a + 640 * 360 * 4, b));
}

TEST(TwinPicture, AReplayedFrameIsTheLiveFrameAtTheSameTime) {
  if (!have_display()) GTEST_SKIP() << "needs a display: tools/check.sh runs it under xvfb-run";
  const auto network = grid();
  const auto w = city();
  // Record a run as `halfhour run --record-twin` does, through the file.
  model::World world(w, network, 2);
  world.set_window(30 * sim::kSecond);
  output::TwinRecorder recorder(world, 30 * sim::kSecond);
  world.run([&](sim::Time now, std::uint32_t, std::uint32_t) { recorder.on_window(now); });
  const std::string path = ::testing::TempDir() + "/twin-replay-test.bin";
  {
    std::ofstream out(path, std::ios::binary);
    out << output::twin_bytes(recorder.frames());
  }
  const auto frames = output::read_twin(path);
  ASSERT_EQ(frames.size(), recorder.frames().size());
  ASSERT_GT(frames.size(), 300u);
  // A frame in the lunch rush, drawn from the recording and from a fresh run stopped then.
  const sim::Time t = frames[frames.size() / 2].time;
  const auto replayed = viz::render(*network, viz::replay_state(frames, t), 640, 360);
  const auto live = viz::render(*network, viz::state_at(w, network, t, 1), 640, 360);
  const auto* a = replayed.getPixelsPtr();
  EXPECT_TRUE(std::equal(a, a + 640 * 360 * 4, live.getPixelsPtr()));
  // Between two frames, riders sit between where the frames have them.
  const auto mid = viz::replay_state(frames, (frames[10].time + frames[11].time) / 2);
  for (std::size_t i = 0; i < mid.riders.size(); ++i) {
    const double lo = std::min(frames[10].riders[i].at.lat, frames[11].riders[i].at.lat);
    const double hi = std::max(frames[10].riders[i].at.lat, frames[11].riders[i].at.lat);
    EXPECT_GE(mid.riders[i].at.lat, lo - 1e-12);
    EXPECT_LE(mid.riders[i].at.lat, hi + 1e-12);
  }
  std::remove(path.c_str());
}

TEST(TwinFile, ABrokenRecordingIsAClearError) {
  const std::string path = ::testing::TempDir() + "/twin-broken.bin";
  model::TwinState s;
  s.riders = {{{48.0, 2.0}, 0, 1, false}};
  const std::string bytes = output::twin_bytes({s});
  for (std::size_t cut : {std::size_t{0}, std::size_t{5}, bytes.size() - 1}) {
    std::ofstream(path, std::ios::binary) << bytes.substr(0, cut);
    try {
      output::read_twin(path);
      ADD_FAILURE() << "read a recording cut at " << cut;
    } catch (const output::TwinFileError& e) {
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    }
  }
  std::ofstream(path, std::ios::binary) << bytes;
  const auto back = output::read_twin(path);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].riders[0].at.lat, 48.0);
  std::remove(path.c_str());
}

}  // namespace
