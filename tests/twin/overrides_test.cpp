// Observations that override the twin's model (sim/model/observations.h): each against a
// reference twin fed the same messages without the override, or against the thermal model's
// formula; a twin fed the model's own statuses overrides nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "sim/model/observations.h"
#include "sim/twin/sync.h"
#include "tests/model/world_fixtures.h"

namespace {

using model::testing::grid;
using model::testing::grid_point;
constexpr double kSpacing = 100;
constexpr twin::UnixMillis kStart = 1796083200000LL + 10 * sim::kHour;  // 2026-12-01T10:00Z

model::Distribution fixed(sim::Time t) { return {model::Distribution::Kind::fixed, t, 0}; }

// One store, `riders` e-bikes, fixed counter and door times (1 min each, 1 min walk back) and
// dispatch at once: every time below follows from the reference twin by a fixed offset.
model::WorldConfig one_store(int riders = 1) {
  model::WorldConfig w;
  w.seed = 11;
  w.start_tod = 10 * sim::kHour;
  w.duration = 3 * sim::kHour;
  model::StoreConfig a;
  a.id = "west";
  a.location = grid_point(10, 10, kSpacing);
  a.radius_m = 1500;
  a.pickers = 2;
  a.handover = fixed(sim::kMinute);
  w.stores = {a};
  w.riders = {{0, riders, model::Vehicle::ebike, 18, 1, -1, -1, ""}};
  w.door.handover = fixed(sim::kMinute);
  w.door.walk_back = fixed(sim::kMinute);
  w.dispatch.epoch = 0;
  return w;
}

std::string rider_id(std::uint32_t k) { return "r" + std::to_string(k); }

struct Twin {
  std::shared_ptr<const routing::RoadNetwork> net = grid(21, 21, kSpacing);
  std::vector<twin::Contradiction> contradictions;
  std::unique_ptr<twin::TwinSync> sync;
  std::uint64_t sequence = 0;
  explicit Twin(model::WorldConfig w = one_store()) {
    twin::SyncOptions opt;
    opt.start = kStart;
    sync = std::make_unique<twin::TwinSync>(
        std::move(w), net, opt,
        [this](const twin::Contradiction& c) { contradictions.push_back(c); });
  }
  void send(sim::Time t, twin::Payload p) {
    twin::Message m;
    m.id = std::to_string(++sequence);
    m.source = "test";
    m.sequence = sequence;
    m.time = kStart + t;
    m.data = std::move(p);
    sync->apply(m);
  }
  // An order 1 km west of the store (grid node (10, 0)).
  void order(sim::Time t, const std::string& id) {
    const routing::LatLon door = grid_point(10, 0, kSpacing);
    send(t, twin::OrderPlaced{"west", id, door.lat, door.lon, 2, 0});
  }
  void status(sim::Time t, std::uint32_t rider, twin::RiderState s, const std::string& order = "") {
    send(t, twin::RiderStatus{"west", rider_id(rider), s, order});
  }
  void finish() { send(sync->world().end() - sim::kSecond, twin::StoreStatus{"west", true, 2}); }
  const model::OrderRecord& get(const std::string& id) const {
    return sync->world().state().orders[*sync->order_index(id)];
  }
  const model::Rider& rider(std::uint32_t k) const { return sync->world().state().riders[k]; }
  std::string state() const {
    std::ostringstream out;
    sync->write_state(out);
    return out.str();
  }
};

// Reported delivered 2 min before the model's delivery, while the model's rider is still a
// minute from the door: the order is delivered then (click-to-door 2 min shorter), and the rider
// walks back for its minute and rides the same leg home, 2 min earlier. The leg to the door was
// ridden in full, so its distance is the model's.
TEST(TwinOverrides, DeliveredEarlyDeliversNowAndTheRiderReturnsFromTheDoor) {
  Twin ref;
  ref.order(sim::kMinute, "o1");
  ref.finish();
  const model::OrderRecord& want = ref.get("o1");
  ASSERT_EQ(want.status, model::OrderStatus::delivered);
  const auto k = static_cast<std::uint32_t>(want.rider);
  const model::Rider& ref_rider = ref.rider(k);
  const sim::Time delivered = want.delivered, back = ref_rider.arrive;
  const sim::Time leg_home = ref_rider.arrive - ref_rider.depart;
  ASSERT_EQ(ref_rider.depart, delivered + sim::kMinute);    // the walk back
  ASSERT_GT(delivered - want.picked_up, 2 * sim::kMinute);  // riding then, not at the door

  Twin f;
  f.order(sim::kMinute, "o1");
  f.status(delivered - 2 * sim::kMinute, k, twin::RiderState::delivered, "o1");
  ASSERT_EQ(f.contradictions.size(), 1u);
  EXPECT_EQ(f.contradictions[0].entity, "o1");
  EXPECT_EQ(f.contradictions[0].what, "order_phase");
  EXPECT_EQ(f.contradictions[0].model, "picked_up");
  EXPECT_EQ(f.contradictions[0].observed, "delivered");
  EXPECT_EQ(f.sync->counters().set_delivered, 1u);
  f.finish();
  const model::OrderRecord& got = f.get("o1");
  EXPECT_EQ(got.status, model::OrderStatus::delivered);
  EXPECT_EQ(got.delivered - got.placed, want.delivered - want.placed - 2 * sim::kMinute);
  EXPECT_EQ(got.at_door, delivered - 2 * sim::kMinute);
  EXPECT_EQ(got.picked_up, want.picked_up);
  const model::Rider& r = f.rider(k);
  EXPECT_EQ(r.depart, delivered - 2 * sim::kMinute + sim::kMinute);
  EXPECT_EQ(r.arrive, back - 2 * sim::kMinute);
  EXPECT_EQ(r.arrive - r.depart, leg_home);
  EXPECT_DOUBLE_EQ(r.distance_m, ref_rider.distance_m);
  EXPECT_EQ(r.deliveries, 1u);
}

// Reported picked up 30 s into the model's 1-minute hand-over: it leaves then, and everything
// after is 30 s earlier.
TEST(TwinOverrides, PickedUpDuringTheHandOverLeavesNow) {
  Twin ref;
  ref.order(sim::kMinute, "o1");
  ref.finish();
  const model::OrderRecord& want = ref.get("o1");
  const auto k = static_cast<std::uint32_t>(want.rider);
  Twin f;
  f.order(sim::kMinute, "o1");
  const sim::Time at = want.picked_up - 30 * sim::kSecond;
  f.status(at, k, twin::RiderState::picked_up, "o1");
  ASSERT_EQ(f.contradictions.size(), 1u);
  EXPECT_EQ(f.contradictions[0].model, "packed");
  EXPECT_EQ(f.contradictions[0].observed, "picked_up");
  EXPECT_EQ(f.sync->counters().set_picked_up, 1u);
  f.finish();
  const model::OrderRecord& got = f.get("o1");
  EXPECT_EQ(got.picked_up, at);
  EXPECT_EQ(got.delivered, want.delivered - 30 * sim::kSecond);
  EXPECT_EQ(got.rider, want.rider);
}

// A rider the model has halfway home, reported at the store, is idle there at once; an order
// placed a second later finds it waiting at the counter, where the model would still have it
// riding to the store.
TEST(TwinOverrides, AtStoreEndsTheRideHomeAndTheRiderIsIdleThereAtOnce) {
  Twin ref;
  ref.order(sim::kMinute, "o1");
  ref.finish();
  const auto k = static_cast<std::uint32_t>(ref.get("o1").rider);
  const sim::Time depart = ref.rider(k).depart, arrive = ref.rider(k).arrive;
  const sim::Time t = depart + (arrive - depart) / 2;
  ASSERT_GT(arrive - t, 30 * sim::kSecond);

  Twin model_only;
  model_only.order(sim::kMinute, "o1");
  model_only.order(t + sim::kSecond, "o2");
  model_only.sync->advance_to(kStart + t + 2 * sim::kSecond);
  EXPECT_EQ(model_only.rider(k).state, model::RiderState::to_store);

  Twin f;
  f.order(sim::kMinute, "o1");
  f.status(t, k, twin::RiderState::at_store);
  ASSERT_EQ(f.contradictions.size(), 1u);
  EXPECT_EQ(f.contradictions[0].what, "rider_state");
  EXPECT_EQ(f.contradictions[0].model, "returning");
  EXPECT_EQ(f.contradictions[0].observed, "at_store");
  EXPECT_EQ(f.sync->counters().set_at_store, 1u);
  f.sync->advance_to(kStart + t + sim::kSecond);
  const model::Rider& r = f.rider(k);
  EXPECT_EQ(r.state, model::RiderState::idle);
  EXPECT_EQ(r.since, t);
  EXPECT_EQ(r.arrive, t);
  EXPECT_EQ(r.distance_m, ref.rider(k).distance_m);  // the ride home was ridden, faster
  const auto& idle = f.sync->world().state().stores[0].fleet.idle;
  EXPECT_NE(std::find(idle.begin(), idle.end(), k), idle.end());
  f.order(t + sim::kSecond, "o2");
  f.sync->advance_to(kStart + t + 2 * sim::kSecond);
  EXPECT_EQ(f.get("o2").rider, static_cast<std::int32_t>(k));
  EXPECT_EQ(f.get("o2").assigned, t + sim::kSecond);
  EXPECT_EQ(r.state, model::RiderState::waiting);
}

// Two riders idle at the store; the model gives o1 to rider A, the operation reports rider B
// picked it up 30 s into A's hand-over. B takes it then and rides the 1 km of grid to the door at
// its e-bike's speed, hands it over in its minute; A gives up the hand-over and is idle at the
// store at once, having ridden nothing. `exchanged`: the two ride the same e-bike profile, so
// they exchange what they do (model::exchange_riders); otherwise the order moves
// (model::reassign_picked_up).
// One store, its riders r0 on an 18 km/h e-bike and r1 on one of `speed_b_kmh`.
model::WorldConfig two_riders(double speed_b_kmh) {
  model::WorldConfig w = one_store();
  w.riders = {{0, 1, model::Vehicle::ebike, 18, 1, -1, -1, ""},
              {0, 1, model::Vehicle::ebike, speed_b_kmh, 1, -1, -1, ""}};
  return w;
}

void picked_up_by_another_rider(double speed_b_kmh, bool exchanged) {
  const model::WorldConfig w = two_riders(speed_b_kmh);
  Twin ref(w);
  ref.order(sim::kMinute, "o1");
  ref.finish();
  const model::OrderRecord& want = ref.get("o1");
  const auto a = static_cast<std::uint32_t>(want.rider);
  const std::uint32_t b = 1 - a;
  ASSERT_EQ(want.picked_up, want.packed + sim::kMinute);
  ASSERT_EQ(ref.rider(b).deliveries, 0u);

  Twin f(w);
  f.order(sim::kMinute, "o1");
  const sim::Time t = want.packed + 30 * sim::kSecond;
  f.status(t, b, twin::RiderState::picked_up, "o1");
  ASSERT_EQ(f.contradictions.size(), exchanged ? 2u : 1u);
  EXPECT_EQ(f.contradictions[0].what, "order_state");
  EXPECT_EQ(f.contradictions[0].model, "with " + rider_id(a));
  EXPECT_EQ(f.contradictions[0].observed, "picked_up by " + rider_id(b));
  EXPECT_EQ(f.sync->counters().exchanged, exchanged ? 1u : 0u);
  EXPECT_EQ(f.sync->counters().reassigned, exchanged ? 0u : 1u);
  EXPECT_EQ(f.sync->counters().set_picked_up, exchanged ? 1u : 0u);
  f.sync->advance_to(kStart + t + sim::kSecond);
  EXPECT_EQ(f.rider(a).state, model::RiderState::idle);
  EXPECT_TRUE(f.rider(a).plan.empty());
  EXPECT_EQ(f.rider(b).state, model::RiderState::delivering);
  const auto& idle = f.sync->world().state().stores[0].fleet.idle;
  EXPECT_NE(std::find(idle.begin(), idle.end(), a), idle.end());
  f.finish();
  const model::OrderRecord& got = f.get("o1");
  const double speed_b = b == 0 ? 18 : speed_b_kmh;
  EXPECT_EQ(got.status, model::OrderStatus::delivered);
  EXPECT_EQ(got.rider, static_cast<std::int32_t>(b));
  EXPECT_EQ(got.picked_up, t);
  EXPECT_NEAR(static_cast<double>(got.at_door - t), 1000 / (speed_b / 3.6) * 1000, 1000);
  EXPECT_EQ(got.delivered, got.at_door + sim::kMinute);
  EXPECT_EQ(f.rider(b).deliveries, 1u);
  EXPECT_EQ(f.rider(a).deliveries, 0u);
  EXPECT_EQ(f.rider(a).distance_m, 0);
  EXPECT_NE(f.state().find(exchanged ? "\"exchanged\":1" : "\"reassigned\":1"), std::string::npos);
}

TEST(TwinOverrides, PickedUpByAnInterchangeableRiderExchangesTheTwo) {
  picked_up_by_another_rider(18, true);
}

TEST(TwinOverrides, PickedUpByARiderOfAnotherProfileMovesTheOrderToIt) {
  picked_up_by_another_rider(24, false);
}

// With dispatch every 30 min, o1 is packed long before any rider is given it: reported picked up
// by the idle rider, it is that rider's from then, delivered 200 s of riding and a minute at the
// door later, before the model's dispatch would have run.
TEST(TwinOverrides, PickedUpBeforeTheModelsDispatchGivesItToTheRider) {
  model::WorldConfig w = one_store();
  w.dispatch.epoch = 30 * sim::kMinute;
  Twin ref(w);
  ref.order(sim::kMinute, "o1");
  ref.finish();
  const model::OrderRecord& want = ref.get("o1");
  ASSERT_EQ(want.assigned, 30 * sim::kMinute);
  ASSERT_LT(want.packed + sim::kMinute, 30 * sim::kMinute);

  Twin f(w);
  f.order(sim::kMinute, "o1");
  const sim::Time t = want.packed + sim::kMinute;
  f.status(t, 0, twin::RiderState::picked_up, "o1");
  ASSERT_EQ(f.contradictions.size(), 1u);
  EXPECT_EQ(f.contradictions[0].model, "with no rider");
  EXPECT_EQ(f.sync->counters().reassigned, 1u);
  EXPECT_TRUE(f.sync->world().state().stores[0].orders.unassigned.empty());
  f.finish();
  const model::OrderRecord& got = f.get("o1");
  EXPECT_EQ(got.rider, 0);
  EXPECT_EQ(got.assigned, t);
  EXPECT_EQ(got.picked_up, t);
  EXPECT_NEAR(static_cast<double>(got.delivered - t), 260'000, 1000);
}

// With dispatch every 30 min, o1 is reported assigned to the idle rider a second after it is
// placed: the rider waits at the counter from then and takes it when packed, after its minute's
// hand-over; the model's own dispatch at 30 min has nothing left to give. Assigned again: the
// model agrees. Then o2, assigned while the model already gave it to the same rider: agreement.
TEST(TwinOverrides, AssignedBeforeTheModelsDispatchGivesItToTheRider) {
  model::WorldConfig w = one_store();
  w.dispatch.epoch = 30 * sim::kMinute;
  Twin ref(w);
  ref.order(sim::kMinute, "o1");
  ref.finish();
  const model::OrderRecord& want = ref.get("o1");
  ASSERT_EQ(want.assigned, 30 * sim::kMinute);

  Twin f(w);
  f.order(sim::kMinute, "o1");
  const sim::Time t = sim::kMinute + sim::kSecond;
  f.status(t, 0, twin::RiderState::assigned, "o1");
  EXPECT_TRUE(f.contradictions.empty());
  EXPECT_EQ(f.sync->counters().set_assigned, 1u);
  EXPECT_EQ(f.rider(0).state, model::RiderState::waiting);
  f.status(t + sim::kSecond, 0, twin::RiderState::assigned, "o1");
  EXPECT_EQ(f.sync->counters().set_assigned, 1u);
  EXPECT_TRUE(f.contradictions.empty());
  f.finish();
  const model::OrderRecord& got = f.get("o1");
  EXPECT_EQ(got.rider, 0);
  EXPECT_EQ(got.assigned, t);
  EXPECT_EQ(got.packed, want.packed);  // the same pick draws
  EXPECT_EQ(got.picked_up, got.packed + sim::kMinute);
  EXPECT_NEAR(static_cast<double>(got.delivered - got.picked_up), 260'000, 1000);
}

// Two riders of one profile: o1 reported assigned to the rider the model did not give it to. The
// two exchange what they do, so o1 is delivered exactly when the model would have, by the other.
TEST(TwinOverrides, AssignedToTheOtherOfTwoLikeRidersExchangesThem) {
  const model::WorldConfig w = two_riders(18);
  Twin ref(w);
  ref.order(sim::kMinute, "o1");
  ref.finish();
  const model::OrderRecord& want = ref.get("o1");
  const auto a = static_cast<std::uint32_t>(want.rider);
  Twin f(w);
  f.order(sim::kMinute, "o1");
  f.status(sim::kMinute + sim::kSecond, 1 - a, twin::RiderState::assigned, "o1");
  EXPECT_EQ(f.sync->counters().exchanged, 1u);
  ASSERT_EQ(f.contradictions.size(), 1u);
  EXPECT_EQ(f.contradictions[0].model, "with " + rider_id(a));
  EXPECT_EQ(f.contradictions[0].observed, "assigned to " + rider_id(1 - a));
  f.finish();
  EXPECT_EQ(f.get("o1").rider, static_cast<std::int32_t>(1 - a));
  EXPECT_EQ(f.get("o1").delivered, want.delivered);
}

// Picked up by another rider before the model's pickers have packed it. Riders of one profile:
// the two exchange what they do, so the other rider waits for it and delivers it exactly when the
// model's rider would have. Riders of two profiles: which steps in between happened is not
// said, so it stays a contradiction and the model's rider delivers it as before.
TEST(TwinOverrides, PickedUpByAnotherRiderBeforeItIsPackedOnlyRelabels) {
  for (const double speed_b : {18.0, 24.0}) {
    const model::WorldConfig w = two_riders(speed_b);
    Twin ref(w);
    ref.order(sim::kMinute, "o1");
    ref.finish();
    const model::OrderRecord& want = ref.get("o1");
    const auto a = static_cast<std::uint32_t>(want.rider);
    ASSERT_GT(want.packed, sim::kMinute + sim::kSecond);
    Twin f(w);
    f.order(sim::kMinute, "o1");
    f.status(sim::kMinute + sim::kSecond, 1 - a, twin::RiderState::picked_up, "o1");
    const bool same = speed_b == 18;
    EXPECT_EQ(f.contradictions.size(), same ? 2u : 1u);  // and the phase: not packed yet
    EXPECT_EQ(f.sync->counters().exchanged, same ? 1u : 0u);
    EXPECT_EQ(f.sync->counters().reassigned, 0u);
    f.finish();
    EXPECT_EQ(f.get("o1").rider, same ? static_cast<std::int32_t>(1 - a) : want.rider);
    EXPECT_EQ(f.get("o1").delivered, want.delivered);
  }
}

// A rider whose shift starts at 11:00, reported on shift at 10:30, takes an order at 10:31; an
// off_shift while it carries it lets it deliver, then it goes off when back, and a later order
// finds no rider.
TEST(TwinOverrides, ShiftStartAndEndFollowTheReports) {
  model::WorldConfig w = one_store();
  w.riders[0].shift_from_tod = 11 * sim::kHour;
  w.riders[0].shift_to_tod = 12 * sim::kHour;
  Twin f(w);
  f.status(30 * sim::kMinute, 0, twin::RiderState::on_shift);
  EXPECT_EQ(f.sync->counters().set_on_shift, 1u);
  f.order(31 * sim::kMinute, "o1");
  f.status(33 * sim::kMinute, 0, twin::RiderState::off_shift);
  EXPECT_EQ(f.sync->counters().set_off_shift, 1u);
  f.order(40 * sim::kMinute, "o2");
  f.send(55 * sim::kMinute, twin::StoreStatus{"west", true, 2});
  EXPECT_EQ(f.get("o1").assigned, 31 * sim::kMinute);
  EXPECT_EQ(f.get("o1").status, model::OrderStatus::delivered);
  EXPECT_EQ(f.get("o2").rider, -1);
  EXPECT_EQ(f.rider(0).state, model::RiderState::off_shift);
  ASSERT_EQ(f.contradictions.size(), 2u);
  EXPECT_EQ(f.contradictions[0].model, "off_shift");
  EXPECT_EQ(f.contradictions[0].observed, "on_shift");
  EXPECT_EQ(f.contradictions[1].model, "waiting");
  EXPECT_EQ(f.contradictions[1].observed, "off_shift");
}

// A freezer (-20 °C setpoint, range up to -18 °C, time constants 2 h off and 30 min on) read at
// -10 °C at 11:00. Newton's law from there (sim/model/thermal.h): running, it cools back,
// -20 + 10 e^(-t / 30 min); down, it warms towards the 18 °C room, 18 - 28 e^(-t / 2 h). The
// model's own sensor (no noise) reads the same, and raises its alert at the second reading out
// of range.
model::WorldConfig with_freezer(bool down) {
  model::WorldConfig w = one_store();
  w.cold_chain.enabled = true;
  model::TempClass frozen{"frozen", -100, -18};
  frozen.store_c = -20;
  w.cold_chain.classes = {model::TempClass{"ambient"}, frozen};
  w.cold_chain.room_c = 18;
  w.cold_chain.sensors.enabled = true;
  w.cold_chain.sensors.noise_c = 0;
  w.cold_chain.sensors.log_period = sim::kMinute;
  w.stores[0].units = {{1, 400, 2 * sim::kHour, 30 * sim::kMinute}};
  if (down) {
    model::Incident i;
    i.kind = model::Incident::Kind::unit_down;
    i.from = 0;
    i.to = 3 * sim::kHour;
    i.store = 0;
    i.temp_class = 1;
    w.incidents = {i};
  }
  return w;
}

TEST(TwinOverrides, AUnitReadingIsWhereItsTemperatureContinuesFrom) {
  for (const bool down : {false, true}) {
    SCOPED_TRACE(down ? "down" : "running");
    Twin f(with_freezer(down));
    auto expected = [&](sim::Time since) {
      const double minutes = static_cast<double>(since) / sim::kMinute;
      return down ? 18 - 28 * std::exp(-minutes / 120) : -20 + 10 * std::exp(-minutes / 30);
    };
    f.send(sim::kHour,
           twin::SensorReading{"west", "frozen-unit/temperature", "Cel", -10, kStart + sim::kHour});
    EXPECT_EQ(f.sync->counters().set_temperature, 1u);
    // The model had -20 °C (running) or 18 - 38 e^(-1/2) = -5.0 °C (down): beyond 3 °C either way.
    ASSERT_EQ(f.contradictions.size(), 1u);
    EXPECT_EQ(f.contradictions[0].observed, "-10.0 Cel");
    for (const sim::Time t : {sim::kMinute, 10 * sim::kMinute, 30 * sim::kMinute}) {
      f.sync->advance_to(kStart + sim::kHour + t);
      ASSERT_EQ(f.sync->now(), sim::kHour + t);
      EXPECT_NEAR(model::unit_temperature(f.sync->world(), 0, 1), expected(t), 1e-9);
    }
    const model::ColdChainState& cold = f.sync->world().state().stores[0].cold;
    const auto& log = cold.readings;
    const auto at = [&](sim::Time t) {
      return std::find_if(log.begin(), log.end(), [&](const auto& r) { return r.time == t; });
    };
    for (const sim::Time t : {sim::kMinute, 10 * sim::kMinute}) {
      const auto r = at(sim::kHour + t);
      ASSERT_NE(r, log.end());
      EXPECT_NEAR(r->value_c, expected(t), 1e-9);
    }
    // Running, the model had it in range: out from the reading at 11:00, the alert at 11:01.
    // Down, it was out (and alerting) long before.
    if (!down) {
      EXPECT_EQ(at(sim::kHour + sim::kMinute)->flag, model::SensorReading::Flag::alert);
    }
    EXPECT_TRUE(cold.unit_logs[0].alerting());
    // A second reading that agrees with the continued model is no contradiction.
    f.send(
        sim::kHour + 30 * sim::kMinute,
        twin::SensorReading{"west", "frozen-unit/temperature", "Cel", expected(30 * sim::kMinute),
                            kStart + sim::kHour + 30 * sim::kMinute});
    EXPECT_EQ(f.contradictions.size(), 1u);
  }
}

// The model's own operation, reported back to it (its orders, every pickup and delivery by the
// model's rider at the model's instant, every rider on shift at the start): the model agrees
// with each status as it comes, even those due at the very instant they are reported, so nothing
// is overridden and each order is delivered at the same millisecond by the same rider.
TEST(TwinOverrides, AStatusTheModelAgreesWithOverridesNothing) {
  model::WorldConfig w = one_store(4);
  w.door = model::DoorConfig{};
  w.stores[0].handover = model::StoreConfig{}.handover;
  w.demand.orders_per_day = 24 * 40;
  Twin f(w);
  model::World truth(w, f.net, 1);
  const model::RunResult run = truth.run();
  struct Item {
    sim::Time t;
    int kind;  // as the feed orders ties: placed, then statuses
    twin::Payload p;
  };
  std::vector<Item> items;
  for (std::uint32_t k = 0; k < 4; ++k)
    items.push_back({0, 1, twin::RiderStatus{"west", rider_id(k), twin::RiderState::on_shift, ""}});
  std::size_t delivered = 0;
  for (const auto& o : run.orders) {
    if (o.store < 0) continue;
    const std::string id = "o" + std::to_string(o.id);
    const routing::LatLon at = f.net->position(o.customer);
    items.push_back(
        {o.placed, 0, twin::OrderPlaced{"west", id, at.lat, at.lon, static_cast<int>(o.items), 0}});
    if (o.status != model::OrderStatus::delivered || o.rider < 0) continue;
    ++delivered;
    const std::string r = rider_id(static_cast<std::uint32_t>(o.rider));
    items.push_back(
        {o.picked_up, 1, twin::RiderStatus{"west", r, twin::RiderState::picked_up, id}});
    items.push_back(
        {o.delivered, 1, twin::RiderStatus{"west", r, twin::RiderState::delivered, id}});
  }
  ASSERT_GT(delivered, 50u);
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return std::tie(a.t, a.kind) < std::tie(b.t, b.kind);
  });
  for (auto& i : items) f.send(i.t, std::move(i.p));
  f.finish();
  EXPECT_TRUE(f.contradictions.empty())
      << f.contradictions[0].entity << " " << f.contradictions[0].model << " / "
      << f.contradictions[0].observed;
  const twin::SyncCounters& c = f.sync->counters();
  EXPECT_EQ(c.statuses, 4 + 2 * delivered);
  EXPECT_EQ(c.set_delivered + c.set_picked_up + c.reassigned + c.set_at_store + c.set_on_shift +
                c.set_off_shift,
            0u);
  EXPECT_EQ(c.late, 0u);
  for (const auto& o : run.orders) {
    if (o.store < 0) continue;
    const model::OrderRecord& mine = f.get("o" + std::to_string(o.id));
    EXPECT_EQ(mine.status, o.status) << o.id;
    EXPECT_EQ(mine.delivered, o.delivered) << o.id;
    EXPECT_EQ(mine.rider, o.rider) << o.id;
  }
}

// The same messages give the same world, however the twin's clock is advanced between them.
TEST(TwinOverrides, ReplayingTheSameMessagesGivesTheSameState) {
  auto feed = [](bool tick) {
    Twin f(with_freezer(false));
    auto tick_to = [&](sim::Time t) {
      if (tick) f.sync->advance_to(kStart + t);
    };
    f.order(sim::kMinute, "o1");
    f.order(2 * sim::kMinute, "o2");
    tick_to(4 * sim::kMinute);
    f.status(5 * sim::kMinute, 0, twin::RiderState::picked_up, "o1");
    tick_to(6 * sim::kMinute + 123);
    f.status(8 * sim::kMinute, 0, twin::RiderState::delivered, "o1");
    f.send(9 * sim::kMinute, twin::SensorReading{"west", "frozen-unit/temperature", "Cel", -12,
                                                 kStart + 9 * sim::kMinute});
    tick_to(10 * sim::kMinute + 7);
    f.status(11 * sim::kMinute, 0, twin::RiderState::at_store);
    f.order(11 * sim::kMinute, "o3");
    f.status(12 * sim::kMinute, 0, twin::RiderState::off_shift);
    f.finish();
    return f.state();
  };
  const std::string once = feed(false);
  EXPECT_EQ(feed(false), once);
  EXPECT_EQ(feed(true), once);
  EXPECT_NE(once.find("\"overrides\""), std::string::npos);
}

}  // namespace
