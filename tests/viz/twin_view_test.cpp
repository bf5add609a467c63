// The visual twin: its geometry and colours without a display, and real frames drawn off screen
// (these need an X display; tools/check.sh runs them under xvfb-run with Mesa's software
// OpenGL, no GPU).
#include <gtest/gtest.h>

#include <array>
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
#include "viz/map_layers.h"
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

TEST(Palette, PinsGoFromFreshGreyToLateVermillion) {
  EXPECT_TRUE(same(viz::pin_colour(0, 30 * kMinute), viz::kPinFresh));
  EXPECT_TRUE(same(viz::pin_colour(15 * kMinute, 30 * kMinute), viz::kPinFresh));
  // Three quarters of the promise: halfway between, channel by channel.
  const sf::Color mid = viz::pin_colour(22 * kMinute + 30000, 30 * kMinute);
  EXPECT_EQ(mid.r, (60 + 213 + 1) / 2);
  EXPECT_EQ(mid.g, (60 + 94 + 1) / 2);
  EXPECT_EQ(mid.b, (60 + 0 + 1) / 2);
  EXPECT_TRUE(same(viz::pin_colour(30 * kMinute, 30 * kMinute), viz::kPinLate));
  EXPECT_TRUE(same(viz::pin_colour(2 * kHour, 30 * kMinute), viz::kPinLate));
}

// CIELAB (D65) of an sRGB colour, and the colour a dichromat sees (Viénot, Brettel and Mollon,
// "Digital video colourmaps for checking the legibility of displays by dichromats", Color
// Research and Application 24(4), 1999: sRGB -> LMS, the missing cone rebuilt from the other two,
// back to sRGB).
using Lab = std::array<double, 3>;
double linear(double c) {
  c /= 255;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double gamma(double c) {
  c = std::clamp(c, 0.0, 1.0);
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055);
}
Lab lab(std::array<double, 3> rgb) {
  const double r = linear(rgb[0]), g = linear(rgb[1]), b = linear(rgb[2]);
  const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const auto f = [](double t) {
    return t > 216.0 / 24389 ? std::cbrt(t) : (24389.0 / 27 * t + 16) / 116;
  };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}
enum class Vision { normal, protan, deutan };
std::array<double, 3> seen(sf::Color c, Vision v) {
  if (v == Vision::normal) return {double(c.r), double(c.g), double(c.b)};
  const double r = linear(c.r), g = linear(c.g), b = linear(c.b);
  double l = 17.8824 * r + 43.5161 * g + 4.11935 * b;
  double m = 3.45565 * r + 27.1554 * g + 3.86714 * b;
  const double s = 0.0299566 * r + 0.184309 * g + 1.46709 * b;
  if (v == Vision::protan)
    l = 2.02344 * m - 2.52581 * s;
  else
    m = 0.494207 * l + 1.24827 * s;
  return {gamma(0.0809444479 * l - 0.130504409 * m + 0.116721066 * s),
          gamma(-0.0102485335 * l + 0.0540193266 * m - 0.113614708 * s),
          gamma(-0.000365296938 * l - 0.00412161469 * m + 0.693511405 * s)};
}

// Every colour of the legend differs from every other by a CIE76 difference of at least 20 for
// normal vision and 10 for protanopes and deuteranopes (2.3 is just noticeable; small markers
// need far more). The old palette's fresh-order green and delivering green were 15 apart.
TEST(Palette, EveryStateIsDistinctAlsoForColourBlindViewers) {
  const std::vector<std::pair<const char*, sf::Color>> legend = {
      {"store", viz::kStore},
      {"hub", viz::kHub},
      {"idle", viz::kRiderColours[1]},
      {"to store", viz::kRiderColours[2]},
      {"waiting", viz::kRiderColours[3]},
      {"delivering", viz::kRiderColours[4]},
      {"returning", viz::kRiderColours[5]},
      {"order open", viz::kPinFresh},
      {"order late", viz::kPinLate},
      {"alert", viz::kAlert}};
  for (const auto& [vision, least] :
       {std::pair{Vision::normal, 20.0}, {Vision::protan, 10.0}, {Vision::deutan, 10.0}})
    for (std::size_t i = 0; i < legend.size(); ++i)
      for (std::size_t j = i + 1; j < legend.size(); ++j) {
        const Lab a = lab(seen(legend[i].second, vision)), b = lab(seen(legend[j].second, vision));
        const double d = std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
        EXPECT_GE(d, least) << legend[i].first << " vs " << legend[j].first << " (vision "
                            << static_cast<int>(vision) << ")";
      }
  // Moving things stand out from the streets they move on.
  for (const auto& [name, c] : legend) {
    const Lab a = lab(seen(c, Vision::normal)), road = lab(seen(viz::kRoad, Vision::normal));
    EXPECT_GE(std::hypot(a[0] - road[0], a[1] - road[1], a[2] - road[2]), 20) << name;
  }
}

model::TwinState::Place place(routing::LatLon where, std::string id) {
  model::TwinState::Place p;
  p.at = where;
  p.id = std::move(id);
  return p;
}

model::TwinState::Vehicle rider(routing::LatLon where, std::uint32_t id, std::uint8_t state,
                                std::int32_t store) {
  model::TwinState::Vehicle v;
  v.at = where;
  v.id = id;
  v.state = state;
  v.store = store;
  return v;
}

// A click on a store's marker picks the store, not a rider waiting on it; a store's panel has
// its queue, its riders by state and its on-time share; a rider's names its store.
TEST(Selection, AClickOnAStorePicksItAndEachPanelSaysWhatARoomNeeds) {
  viz::MapView view(at(0, 0), at(29, 29), 1280, 720);
  model::TwinState s;
  s.start_tod = 11 * kHour;
  s.time = 40 * kMinute;
  s.promise = 30 * kMinute;
  s.stores = {place(at(10, 10), "west")};
  s.stores[0].queue = 3;
  s.stores[0].delivered = 8;
  s.stores[0].on_time = 6;
  s.riders = {rider(at(10, 10), 7, 3, 0), rider(at(20, 20), 8, 4, 0), rider(at(10, 10), 9, 1, 0)};
  s.orders = {{at(20, 21), 42, 0, sim::kNever}};
  const auto store = viz::pick(s, view, view.to_screen(at(10, 10)) + sf::Vector2f(3, 0));
  EXPECT_EQ(store.kind, viz::Selection::Kind::store);
  const auto panel = viz::describe(s, store);
  ASSERT_EQ(panel.size(), 5u);
  EXPECT_EQ(panel[0], "store west");
  EXPECT_EQ(panel[1], "3 orders waiting for a picker");
  EXPECT_EQ(panel[2], "riders: 1 idle, 0 to store, 1 waiting, 1 delivering, 0 back");
  EXPECT_EQ(panel[3], "on time so far: 75.0% of 8 delivered");
  const auto on_road = viz::pick(s, view, view.to_screen(at(20, 20)) + sf::Vector2f(2, 0));
  EXPECT_EQ(on_road.kind, viz::Selection::Kind::rider);  // a rider before the order beside it
  EXPECT_EQ(on_road.index, 8u);
  EXPECT_EQ(viz::describe(s, on_road)[0], "rider 8 of store west");
  EXPECT_EQ(viz::describe(s, on_road)[1], "delivering");
  const auto order = viz::pick(s, view, view.to_screen(at(20, 21)));
  EXPECT_EQ(order.kind, viz::Selection::Kind::order);
  const auto lines = viz::describe(s, order);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "placed 11:00:00");
  EXPECT_EQ(lines[2], "open for 40.0 min of 30: LATE");
  EXPECT_EQ(viz::pick(s, view, {5, 5}).kind, viz::Selection::Kind::none);
  s.riders.clear();
  EXPECT_FALSE(viz::position(s, on_road).has_value());  // gone: nothing to follow
}

TEST(LiveTwin, InterpolatesPositionsBetweenTwoStates) {
  model::TwinState a, b;
  a.time = 0;
  b.time = 1000;
  a.riders = {rider({48.0, 2.0}, 0, 1, -1)};
  b.riders = {rider({48.1, 2.2}, 0, 4, -1)};
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
    // Clear of the panels, whichever corners they went to.
    return p.x > 10 && p.y > 10 && p.x < 1270 && p.y < 710 &&
           ((p.x > 380 && p.x < 900) || (p.y > 210 && p.y < 500));
  };
  int late = 0;
  for (const auto& o : state.orders) {
    if (o.delivered != sim::kNever || state.time - o.placed <= state.promise) continue;
    const auto p = view.to_screen(o.at);
    if (!clear_around(p, o.id)) continue;
    ++late;
    EXPECT_TRUE(
        same(image.getPixel(static_cast<unsigned>(p.x), static_cast<unsigned>(p.y)), viz::kPinLate))
        << o.id;
  }
  EXPECT_GT(state.late_now, 0u);
  EXPECT_GT(late, 0);
}

// Pixels of exactly colour `c` within `r` pixels of `p`.
int count_near(const sf::Image& image, sf::Vector2f p, int r, sf::Color c) {
  int n = 0;
  for (int y = static_cast<int>(p.y) - r; y <= static_cast<int>(p.y) + r; ++y)
    for (int x = static_cast<int>(p.x) - r; x <= static_cast<int>(p.x) + r; ++x)
      if (x >= 0 && y >= 0 && x < static_cast<int>(image.getSize().x) &&
          y < static_cast<int>(image.getSize().y) &&
          same(image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y)), c))
        ++n;
  return n;
}

// A third store in the north-west corner, where the stats panel used to sit: every store is
// drawn and named, none under a panel.
TEST(TwinPicture, StoresAreNamedAndNoPanelHidesThem) {
  if (!have_display()) GTEST_SKIP() << "needs a display: tools/check.sh runs it under xvfb-run";
  const auto network = grid();
  auto w = city();
  model::StoreConfig corner = w.stores[0];
  corner.id = "corner";
  corner.location = at(29, 0);
  w.stores.push_back(corner);
  w.riders.push_back({2, 2, model::Vehicle::ebike, 15, 1, -1, -1, ""});
  const auto state = viz::state_at(w, network, kHour, 1);
  const sf::Image image = viz::render(*network, state, 1280, 720);
  std::vector<routing::LatLon> stores;
  for (const auto& s : state.stores) stores.push_back(s.at);
  const viz::MapView view = viz::fit_view(*network, stores, 1280, 720);
  const auto nw = view.to_screen(at(29, 0));
  ASSERT_LT(nw.x, 370);  // where the stats panel was drawn before it found its corner
  ASSERT_LT(nw.y, 200);
  for (const auto& s : state.stores) {
    const auto p = view.to_screen(s.at);
    EXPECT_TRUE(
        same(image.getPixel(static_cast<unsigned>(p.x), static_cast<unsigned>(p.y)), viz::kStore))
        << s.id;
    // Its name: dark text just right of it.
    int dark = 0;
    for (int y = static_cast<int>(p.y) - 10; y < static_cast<int>(p.y) + 10; ++y)
      for (int x = static_cast<int>(p.x) + 12; x < static_cast<int>(p.x) + 70; ++x) {
        const sf::Color c = image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y));
        dark += c.r < 90 && c.g < 90 && c.b < 90;
      }
    EXPECT_GT(dark, 25) << s.id;
  }
}

// A picture's rolling chart has the two hours before it, as the live view would have drawn.
TEST(TwinPicture, TheOnTimeChartOfAPictureHasItsHistory) {
  if (!have_display()) GTEST_SKIP() << "needs a display: tools/check.sh runs it under xvfb-run";
  const auto network = grid();
  viz::OnTimeHistory history;
  const auto state = viz::state_at(city(), network, 2 * kHour, 1, &history);
  ASSERT_GE(history.size(), 60u);  // at most a minute apart, but for windows with no event
  EXPECT_LE(history.back().first, 2 * kHour);
  EXPECT_GE(history.front().first, 0);
  const auto count = [](const sf::Image& image) {
    int n = 0;
    for (unsigned y = 0; y < image.getSize().y; ++y)
      for (unsigned x = 0; x < image.getSize().x; ++x) n += same(image.getPixel(x, y), viz::kStore);
    return n;
  };
  const int with = count(viz::render(*network, state, 1280, 720, &history));
  const int without = count(viz::render(*network, state, 1280, 720));
  EXPECT_GT(with - without, 400);  // a line 300 px wide and 2 px thick, at least
}

// Markers and text grow with the picture's height (1.5x at 1080p) unless --ui-scale says.
TEST(TwinPicture, MarkersScaleWithTheHeightOrTheUiScale) {
  if (!have_display()) GTEST_SKIP() << "needs a display: tools/check.sh runs it under xvfb-run";
  const auto network = grid();
  const auto state = viz::state_at(city(), network, kHour, 1);
  const auto store_pixels = [&](unsigned width, unsigned height, float scale) {
    const auto image = viz::render(*network, state, width, height, nullptr, scale);
    const viz::MapView view = viz::fit_view(*network, {state.stores[0].at, state.stores[1].at},
                                            static_cast<float>(width), static_cast<float>(height));
    return count_near(image, view.to_screen(state.stores[0].at), 40, viz::kStore);
  };
  // The same 1080p picture by its height (1.5) and at --ui-scale 1: the store's diamond covers
  // 1.5^2 times the pixels.
  EXPECT_NEAR(static_cast<double>(store_pixels(1920, 1080, 0)) / store_pixels(1920, 1080, 1),
              1.5 * 1.5, 0.3);
}

// The drones' weather line, by hand: wind 14 m/s from 16:00 to 18:00 against a limit of 12, a
// storm from 11:00 to 11:45, the scenario starting at 07:00.
TEST(MapLayers, TheDronesWeatherLineSaysWhenAndWhyTheyAreGrounded) {
  model::WorldConfig w;
  w.start_tod = 7 * kHour;
  w.drones.hubs.push_back({});
  w.drones.weather.wind_mps.fill(5);
  w.drones.weather.wind_mps[16] = w.drones.weather.wind_mps[17] = 14;
  w.drones.limits.max_wind_mps = 12;
  model::Incident storm;
  storm.kind = model::Incident::Kind::storm;
  storm.from = 4 * kHour;  // 11:00
  storm.to = 4 * kHour + 45 * kMinute;
  w.incidents.push_back(storm);
  const auto layers = viz::map_layers(w);
  EXPECT_EQ(viz::drone_weather_line(layers, 3 * kHour),
            "drones flying (grounded next 11:00-11:45)");
  EXPECT_EQ(viz::drone_weather_line(layers, 4 * kHour + 10 * kMinute),
            "drones GROUNDED until 11:45: storm");
  EXPECT_EQ(viz::drone_weather_line(layers, 5 * kHour),
            "drones flying (grounded next 16:00-18:00)");
  EXPECT_EQ(viz::drone_weather_line(layers, 9 * kHour + 30 * kMinute),
            "drones GROUNDED until 18:00: wind 14 m/s (limit 12)");
  w.drones.hubs.clear();
  EXPECT_EQ(viz::drone_weather_line(viz::map_layers(w), 9 * kHour), "");
}

// A no-fly zone is a translucent vermillion area with a vermillion edge; a drop point a
// hub-coloured square.
TEST(TwinPicture, NoFlyZonesAndDropPointsAreDrawn) {
  if (!have_display()) GTEST_SKIP() << "needs a display: tools/check.sh runs it under xvfb-run";
  const auto network = grid();
  auto w = city();
  w.drones.no_fly.push_back({{at(20, 10), at(20, 13), at(23, 13), at(23, 10)}});
  w.drones.drop_points.push_back({"locker", at(8, 15)});
  const auto state = viz::state_at(w, network, 10 * kMinute, 1);
  const auto layers = viz::map_layers(w);
  const sf::Image image = viz::render(*network, state, 1280, 720, nullptr, 0, &layers);
  const sf::Image plain = viz::render(*network, state, 1280, 720);
  std::vector<routing::LatLon> stores;
  for (const auto& s : state.stores) stores.push_back(s.at);
  const viz::MapView view = viz::fit_view(*network, stores, 1280, 720);
  // Inside the zone, between streets: the background tinted towards vermillion.
  const auto inside = view.to_screen(routing::offset(at(21, 11), 50, 50));
  const sf::Color tinted =
      image.getPixel(static_cast<unsigned>(inside.x), static_cast<unsigned>(inside.y));
  const sf::Color before =
      plain.getPixel(static_cast<unsigned>(inside.x), static_cast<unsigned>(inside.y));
  EXPECT_TRUE(same(before, viz::kBackground));
  EXPECT_LT(tinted.g, before.g - 20);
  EXPECT_LT(tinted.b, before.b - 30);
  EXPECT_GT(count_near(image, view.to_screen(at(20, 10)), 3, viz::kPinLate), 4);  // its corner
  EXPECT_GT(count_near(image, view.to_screen(at(8, 15)), 6, viz::kHub), 10);
  EXPECT_EQ(count_near(plain, view.to_screen(at(8, 15)), 6, viz::kHub), 0);
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
  s.riders = {rider({48.0, 2.0}, 0, 1, -1)};
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

// An open order the forecast gives a 90% risk of being late is ringed in vermillion; without a
// forecast it is not.
TEST(TwinPicture, AnOrderAtRiskIsRinged) {
  if (!have_display()) GTEST_SKIP() << "needs a display: tools/check.sh runs it under xvfb-run";
  const auto network = grid();
  auto state = viz::state_at(city(), network, 10 * kMinute, 1);
  auto open = std::find_if(state.orders.begin(), state.orders.end(), [&](const auto& o) {
    return o.delivered == sim::kNever && state.time - o.placed < state.promise / 2;
  });
  ASSERT_NE(open, state.orders.end());
  const routing::LatLon where = open->at;
  const sf::Image plain = viz::render(*network, state, 1280, 720);
  open->late_risk = 0.9f;
  const sf::Image ringed = viz::render(*network, state, 1280, 720);
  std::vector<routing::LatLon> stores;
  for (const auto& s : state.stores) stores.push_back(s.at);
  const viz::MapView view = viz::fit_view(*network, stores, 1280, 720);
  const auto p = view.to_screen(where);
  const int before = count_near(plain, p, 14, viz::kPinLate);
  const int after = count_near(ringed, p, 14, viz::kPinLate);
  EXPECT_GT(after, before + 20) << before << " -> " << after;
}
