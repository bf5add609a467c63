// The twin's world in step with messages, each against what the message must do to it: a twin
// fed the model's own orders follows the model exactly; cancellations, store changes, pings and
// statuses change or are compared with the world as the schema says.
#include "sim/twin/sync.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "routing/geo.h"
#include "tests/model/world_fixtures.h"

namespace {

using model::testing::grid;
using model::testing::grid_point;
constexpr double kSpacing = 100;
// 2026-12-01T00:00:00Z
constexpr twin::UnixMillis kMidnight = 1796083200000LL;

model::WorldConfig city() {
  model::WorldConfig w;
  w.seed = 7;
  w.start_tod = 10 * sim::kHour;
  w.duration = 3 * sim::kHour;
  model::StoreConfig a;
  a.id = "west";
  a.location = grid_point(10, 5, kSpacing);
  a.radius_m = 900;
  a.pickers = 3;
  model::StoreConfig b = a;
  b.id = "east";
  b.location = grid_point(10, 15, kSpacing);
  w.stores = {a, b};
  w.riders = {{0, 4, model::Vehicle::ebike, 18, 1, -1, -1, ""},
              {1, 4, model::Vehicle::ebike, 18, 1, -1, -1, ""}};
  w.demand.orders_per_day = 24 * 30;
  return w;
}

// "o12": an order's id in messages, from its id in the world.
std::string order_id(std::uint32_t k) {
  std::string s = "o";
  s += std::to_string(k);
  return s;
}

struct Fixture {
  std::shared_ptr<const routing::RoadNetwork> net = grid(21, 21, kSpacing);
  std::vector<twin::Contradiction> contradictions;
  std::unique_ptr<twin::TwinSync> sync;
  std::uint64_t sequence = 0;
  explicit Fixture(twin::SyncOptions opt = {}) {
    opt.start = kMidnight + 10 * sim::kHour;
    sync = std::make_unique<twin::TwinSync>(
        city(), net, opt, [this](const twin::Contradiction& c) { contradictions.push_back(c); });
  }
  void send(sim::Time t, twin::Payload p) {
    twin::Message m;
    m.id = std::to_string(++sequence);
    m.source = "test";
    m.sequence = sequence;
    m.time = kMidnight + 10 * sim::kHour + t;
    m.data = std::move(p);
    sync->apply(m);
  }
  std::size_t count(const std::string& what) const {
    return std::count_if(contradictions.begin(), contradictions.end(),
                         [&](const auto& c) { return c.what == what; });
  }
};

// A twin that observes exactly the orders the model places (same stores, riders and seed, so the
// same service times) must deliver each at the same instant by the same rider: the observed
// demand takes the synthetic demand's place and nothing else.
TEST(TwinSync, FedTheModelsOwnOrdersItFollowsTheModelExactly) {
  Fixture f;
  model::World truth(city(), f.net, 1);
  const model::RunResult run = truth.run();
  std::vector<const model::OrderRecord*> taken;
  for (const auto& o : run.orders)
    if (o.store >= 0) taken.push_back(&o);
  ASSERT_GT(taken.size(), 50u);
  for (const auto* o : taken) {
    const routing::LatLon at = f.net->position(o->customer);
    f.send(o->placed, twin::OrderPlaced{city().stores[o->store].id, order_id(o->id), at.lat, at.lon,
                                        static_cast<int>(o->items), 0});
  }
  EXPECT_EQ(f.sync->counters().orders, taken.size());
  EXPECT_EQ(f.sync->counters().late, 0u);
  EXPECT_TRUE(f.contradictions.empty());
  // Run the twin to the end: one more observation after the drain.
  f.send(f.sync->world().end() - sim::kSecond, twin::StoreStatus{"west", true, 3});
  const auto& state = f.sync->world().state();
  std::size_t delivered = 0;
  for (const auto* o : taken) {
    const auto k = f.sync->order_index(order_id(o->id));
    ASSERT_TRUE(k);
    const model::OrderRecord& mine = state.orders[*k];
    EXPECT_EQ(mine.status, o->status) << o->id;
    EXPECT_EQ(mine.delivered, o->delivered) << o->id;
    EXPECT_EQ(mine.rider, o->rider) << o->id;
    delivered += mine.status == model::OrderStatus::delivered;
  }
  EXPECT_GT(delivered, taken.size() * 9 / 10);
}

TEST(TwinSync, ClockStartsAtTheScenarioStartOnTheFirstMessagesDate) {
  const auto net = grid(21, 21, kSpacing);
  twin::TwinSync sync(city(), net);
  twin::Message m;
  m.id = "1";
  m.source = "s";
  m.sequence = 1;
  m.time = kMidnight + 10 * sim::kHour + 25 * sim::kMinute;
  m.data = twin::StoreStatus{"west", true, 3};
  sync.apply(m);
  ASSERT_TRUE(sync.start());
  EXPECT_EQ(*sync.start(), kMidnight + 10 * sim::kHour);
  EXPECT_EQ(sync.now(), 25 * sim::kMinute);
  EXPECT_EQ(sync.counters().before_start, 0u);
  // A message from before the start (a clock set wrong) is applied at the world's time, counted.
  m.id = "2";
  m.sequence = 2;
  m.time = kMidnight + 9 * sim::kHour;
  sync.apply(m);
  EXPECT_EQ(sync.counters().before_start, 1u);
  EXPECT_EQ(sync.counters().late, 1u);
}

// The model serves an order from the road node nearest its customer wherever that is: an order
// 1.3 km from west (its zone: 900 m) is one contradiction, one 5 km off the 2 km grid (a latitude
// and longitude swapped) two, with the distances; one inside the zone none.
TEST(TwinSync, ACustomerFarFromEveryRoadOrOutsideTheZoneIsAContradiction) {
  Fixture f;
  const routing::LatLon in = grid_point(10, 8, kSpacing), out = grid_point(10, 18, kSpacing);
  const routing::LatLon away = routing::offset(grid_point(10, 5, kSpacing), 5000, 0);
  f.send(sim::kMinute, twin::OrderPlaced{"west", "in", in.lat, in.lon, 3, 0});
  EXPECT_TRUE(f.contradictions.empty());
  f.send(sim::kMinute, twin::OrderPlaced{"west", "out", out.lat, out.lon, 3, 0});
  ASSERT_EQ(f.count("customer"), 1u);
  EXPECT_EQ(f.contradictions.back().entity, "out");
  EXPECT_EQ(f.contradictions.back().model, "west delivers within 900 m");
  EXPECT_EQ(f.contradictions.back().observed, "1300 m from the store");
  f.send(sim::kMinute, twin::OrderPlaced{"west", "away", away.lat, away.lon, 3, 0});
  ASSERT_EQ(f.count("customer"), 3u);
  EXPECT_NE(f.contradictions[f.contradictions.size() - 2].model.find("nearest road node 4"),
            std::string::npos);
  EXPECT_EQ(f.contradictions.back().observed, "5000 m from the store");
  EXPECT_EQ(f.sync->counters().orders, 3u);
}

TEST(TwinSync, ACancelledOrderWaitingForItsRiderIsCancelledAndOneOnItsWayIsAContradiction) {
  Fixture f;
  const routing::LatLon far = grid_point(10, 1, kSpacing);  // 400 m from west
  f.send(sim::kMinute, twin::OrderPlaced{"west", "a", far.lat, far.lon, 3, 0});
  f.send(sim::kMinute + 1, twin::OrderPlaced{"west", "b", far.lat, far.lon, 3, 0});
  f.send(2 * sim::kMinute, twin::OrderCancelled{"west", "a", "changed my mind"});
  f.send(40 * sim::kMinute, twin::OrderCancelled{"west", "b", "too late"});
  const auto& orders = f.sync->world().state().orders;
  const auto& a = orders[*f.sync->order_index("a")];
  EXPECT_EQ(a.status, model::OrderStatus::rejected);
  EXPECT_EQ(a.reason, model::RejectReason::cancelled);
  EXPECT_EQ(a.rejected, 2 * sim::kMinute);
  const auto& b = orders[*f.sync->order_index("b")];
  EXPECT_EQ(b.status, model::OrderStatus::delivered);  // the model delivered it within 40 min
  ASSERT_EQ(f.count("order_state"), 1u);
  EXPECT_EQ(f.contradictions.back().entity, "b");
  EXPECT_EQ(f.contradictions.back().model, "delivered");
  EXPECT_EQ(f.contradictions.back().observed, "cancelled");
  EXPECT_EQ(f.sync->counters().cancelled, 1u);
}

TEST(TwinSync, StoreStatusClosesReopensAndRestaffsTheStore) {
  Fixture f;
  f.send(sim::kMinute, twin::StoreStatus{"east", false, 5});
  const auto& east = f.sync->world().state().stores[1];
  EXPECT_FALSE(model::store_open(east, f.sync->now()));
  EXPECT_EQ(east.picking.pickers, 5);
  const routing::LatLon at = grid_point(10, 16, kSpacing);
  f.send(2 * sim::kMinute, twin::OrderPlaced{"east", "x", at.lat, at.lon, 2, 0});
  EXPECT_EQ(f.count("store_state"), 1u);  // an order at a store the model has closed
  f.send(3 * sim::kMinute, twin::StoreStatus{"east", true, 5});
  EXPECT_TRUE(model::store_open(f.sync->world().state().stores[1], f.sync->now()));
  EXPECT_EQ(f.sync->counters().store_changes, 3u);  // close, pickers, open
}

// A ping 1 km from where the model has the rider contradicts it once, however many pings the
// episode lasts; one on the rider's modelled spot does not. Pings are map-matched to a street.
TEST(TwinSync, APingFarFromTheModelIsOneContradictionPerEpisode) {
  Fixture f;
  f.send(sim::kMinute, twin::StoreStatus{"west", true, 3});
  const routing::LatLon home = f.sync->world().rider_position(0, f.sync->now());
  const routing::LatLon far = grid_point(10, 15, kSpacing);
  for (int i = 0; i < 5; ++i)
    f.send(sim::kMinute + i * 5 * sim::kSecond,
           twin::RiderPing{"west", "r0", far.lat, far.lon + i * 1e-5, 10, 0,
                           kMidnight + 10 * sim::kHour + sim::kMinute + i * 5 * sim::kSecond});
  EXPECT_EQ(f.count("position"), 1u);
  f.send(2 * sim::kMinute, twin::RiderPing{"west", "r0", home.lat, home.lon, 10, 0,
                                           kMidnight + 10 * sim::kHour + 2 * sim::kMinute});
  f.send(3 * sim::kMinute, twin::RiderPing{"west", "r0", far.lat, far.lon, 10, 0,
                                           kMidnight + 10 * sim::kHour + 3 * sim::kMinute});
  EXPECT_EQ(f.count("position"), 2u);
  EXPECT_EQ(f.sync->counters().pings, 7u);
  EXPECT_EQ(f.sync->counters().matched, 7u);
  const auto& seen = f.sync->riders_observed().at(0);
  EXPECT_LT(routing::haversine_m(seen.at, far), 15.0);
  // The viewer shows the observed position.
  const model::TwinState s = f.sync->twin_state();
  EXPECT_LT(routing::haversine_m(s.riders[0].at, far), 15.0);
  f.send(3 * sim::kMinute, twin::RiderPing{"west", "r99", far.lat, far.lon, 10, 0, 0});
  EXPECT_EQ(f.sync->counters().unknown, 1u);
}

TEST(TwinSync, ARiderStatusTheModelDisagreesWithIsAContradictionWithBothValues) {
  Fixture f;
  const routing::LatLon at = grid_point(10, 3, kSpacing);
  f.send(sim::kMinute, twin::OrderPlaced{"west", "o1", at.lat, at.lon, 1, 0});
  // Reported delivered two minutes after it was placed: the model is still picking.
  f.send(3 * sim::kMinute, twin::RiderStatus{"west", "r0", twin::RiderState::delivered, "o1"});
  ASSERT_EQ(f.contradictions.size(), 1u);
  const auto& c = f.contradictions[0];
  EXPECT_EQ(c.entity, "o1");
  EXPECT_TRUE(c.what == "order_phase" || c.what == "order_state") << c.what;
  EXPECT_EQ(c.observed.substr(0, 9), "delivered");
  // The state document lists the order with the model's phase.
  std::ostringstream out;
  f.sync->write_state(out);
  const auto doc = nlohmann::json::parse(out.str());
  ASSERT_EQ(doc["orders"].size(), 1u);
  EXPECT_EQ(doc["orders"][0]["order"], "o1");
  EXPECT_EQ(doc["orders"][0]["store"], "west");
  EXPECT_EQ(doc["counters"]["contradictions"], 1);
  EXPECT_EQ(doc["riders"].size(), 8u);
}

}  // namespace

namespace {

// A rider seen 200 m off its route, once the operation reports it carries the order the model has
// it carry, rides on from where it was seen: its leg starts at the seen street corner now and
// ends where it ended, after the ride from there (500 m of grid at the e-bike's 18 km/h: 100 s).
TEST(TwinSync, ARiderSeenOffItsRouteRidesOnFromWhereItWasSeen) {
  twin::SyncOptions opt;
  opt.contradiction_m = 1000;
  Fixture f(opt);
  const routing::LatLon door = grid_point(10, 0, kSpacing);  // 500 m west of the store
  f.send(sim::kMinute, twin::OrderPlaced{"west", "o1", door.lat, door.lon, 1, 0});
  const auto& state = f.sync->world().state();
  const model::Rider* rider = nullptr;
  for (sim::Time t = sim::kMinute; t < 20 * sim::kMinute && !rider; t += 5 * sim::kSecond) {
    f.send(t, twin::StoreStatus{"west", true, 3});
    for (const auto& r : state.riders)
      if (r.state == model::RiderState::delivering && f.sync->now() > r.depart + 10 * sim::kSecond)
        rider = &r;
  }
  ASSERT_NE(rider, nullptr);
  const sim::Time seen_at = f.sync->now();
  const routing::LatLon corner = grid_point(12, 3, kSpacing);
  std::string id = "r";
  id += std::to_string(rider->id);
  const routing::NodeId leg_from = rider->leg_from;
  // Until the operation says it carries o1, a ping elsewhere does not move the model's rider:
  // the real one may be on another job.
  f.send(seen_at, twin::RiderPing{"west", id, corner.lat, corner.lon, 10, 5,
                                  kMidnight + 10 * sim::kHour + seen_at});
  EXPECT_EQ(f.sync->counters().reanchored, 0u);
  EXPECT_EQ(rider->leg_from, leg_from);
  f.send(seen_at, twin::RiderStatus{"west", id, twin::RiderState::picked_up, "o1"});
  f.send(seen_at, twin::RiderPing{"west", id, corner.lat, corner.lon + 1e-6, 10, 5,
                                  kMidnight + 10 * sim::kHour + seen_at});
  EXPECT_EQ(f.sync->counters().reanchored, 1u);
  EXPECT_EQ(rider->leg_from, static_cast<routing::NodeId>(12 * 21 + 3));
  EXPECT_EQ(rider->at, static_cast<routing::NodeId>(10 * 21 + 0));
  EXPECT_EQ(rider->depart, seen_at);
  EXPECT_NEAR(static_cast<double>(rider->arrive - seen_at), 100'000, 1000);
  EXPECT_LT(routing::haversine_m(f.sync->world().rider_position(rider->id, seen_at), corner), 1.0);
  const sim::Time arrival = rider->arrive;
  // It arrives once, at the new time: the order is at the door then.
  f.send(seen_at + 10 * sim::kMinute, twin::StoreStatus{"west", true, 3});
  const auto& order = state.orders[*f.sync->order_index("o1")];
  EXPECT_EQ(order.at_door, arrival);
}

}  // namespace

namespace {

// A freezer reading its setpoint agrees with the model; a reading 10 °C off the model's is one
// contradiction per episode, with both temperatures. In a world whose freezer is down from the
// start (an incident), a reading of what it has warmed to agrees with the model.
TEST(TwinSync, AUnitsReadingFarFromTheModelsTemperatureIsAContradiction) {
  model::WorldConfig w = city();
  w.cold_chain.enabled = true;
  model::TempClass ambient{"ambient"};
  model::TempClass frozen{"frozen", -100, -18};
  frozen.store_c = -20;
  w.cold_chain.classes = {ambient, frozen};
  w.cold_chain.room_c = 18;
  w.stores[0].units = {{1, 400, 2 * sim::kHour, 30 * sim::kMinute}};
  const auto net = grid(21, 21, kSpacing);
  auto feed = [&](const model::WorldConfig& config, const std::vector<double>& celsius) {
    std::vector<twin::Contradiction> seen;
    twin::SyncOptions opt;
    opt.start = kMidnight + 10 * sim::kHour;
    twin::TwinSync sync(config, net, opt, [&](const twin::Contradiction& c) { seen.push_back(c); });
    for (std::size_t i = 0; i < celsius.size(); ++i) {
      twin::Message m;
      m.id = std::to_string(i + 1);
      m.source = "sensor-gw";
      m.sequence = i + 1;
      m.time = *opt.start + sim::kHour + static_cast<sim::Time>(i) * sim::kMinute;
      m.data = twin::SensorReading{"west", "frozen-unit/temperature", "Cel", celsius[i], m.time};
      sync.apply(m);
    }
    EXPECT_EQ(sync.counters().readings, celsius.size());
    return seen;
  };
  EXPECT_TRUE(feed(w, {-20.1, -19.8, -20.0}).empty());
  const auto warm = feed(w, {-20.0, -10.0, -9.5, -20.2, -10.2});
  ASSERT_EQ(warm.size(), 2u);
  EXPECT_EQ(warm[0].what, "temperature");
  EXPECT_EQ(warm[0].entity, "west/frozen-unit/temperature");
  EXPECT_EQ(warm[0].model, "-20.0 Cel");
  EXPECT_EQ(warm[0].observed, "-10.0 Cel");
  // Each reading is where the model's unit continues from: -9.5 °C at 11:02 has cooled to
  // -20 + 10.5 e^(-1/30) = -9.8 °C by 11:03, 10 °C off the -20.2 °C read then; the -10.2 °C after
  // it is as far off the model's -20.2 °C, the same episode.
  EXPECT_EQ(warm[1].model, "-9.8 Cel");
  EXPECT_EQ(warm[1].observed, "-20.2 Cel");
  // Down from 10:00: at 11:00 it has warmed from -20 °C towards the room's 18 °C with the
  // 2 h time constant, 18 - 38 e^(-1/2) = -5.0 °C.
  model::Incident down;
  down.kind = model::Incident::Kind::unit_down;
  down.from = 0;
  down.to = 3 * sim::kHour;
  down.store = 0;
  down.temp_class = 1;
  w.incidents = {down};
  const double expected = 18 - 38 * std::exp(-1.0 / 2);
  EXPECT_TRUE(feed(w, {expected, expected + 0.5}).empty());
  EXPECT_EQ(feed(w, {-20.0}).size(), 1u);
}

}  // namespace
