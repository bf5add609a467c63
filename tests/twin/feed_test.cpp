// halfhour feed's messages from scenarios/grid-small.yaml (two stores, 14 riders, 3 h of orders
// and the drain) against an independent run of the model with the same seed: every message
// valid, per-source sequences contiguous, times ordered and inside the window, orders and rider
// statuses as the run had them, ping noise of the asked spread, the same bytes for the same seed.
// Drones from the same city with a hub added; over MQTT through a broker of the test's own. The
// store units' sensor readings from scenarios/monaco-drones-coldchain.yaml (Condamine's freezer
// fails from 18:00 to 20:00) against an independent run of it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "routing/geo.h"
#include "scenarios/scenario.h"
#include "sim/model/world.h"
#include "sim/twin/feed.h"
#include "sim/twin/local_broker.h"
#include "sim/twin/message_writer.h"
#include "sim/twin/mqtt_publisher.h"
#include "sim/twin/mqtt_source.h"

using namespace twin;

namespace {

constexpr UnixMillis kStart = 1764500400000;  // 2025-11-30T11:00:00Z

struct City {
  scenarios::Scenario scenario;
  std::shared_ptr<const routing::RoadNetwork> network;
};

const City& grid_small() {
  static const City city = [] {
    City c;
    c.scenario =
        scenarios::load_scenario(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/grid-small.yaml");
    c.network = scenarios::load_network(c.scenario);
    return c;
  }();
  return city;
}

FeedOptions options(sim::Time from = 0, sim::Time to = sim::kNever) {
  FeedOptions o;
  o.start = kStart;
  o.from = from;
  o.to = to;
  o.ping_every = 5 * sim::kSecond;
  o.gps_noise_m = 10;
  return o;
}

// The whole scenario's feed, made once.
const Feed& whole_feed() {
  static const Feed feed = make_feed(grid_small().scenario.world, grid_small().network, options());
  return feed;
}

// "r7": appended rather than "r" + ..., which GCC 12 misreads as an overlapping copy.
std::string rider_id(std::uint32_t r) {
  std::string id = "r";
  id += std::to_string(r);
  return id;
}

std::string ndjson(const Feed& f) {
  std::string s;
  for (const auto& m : f.messages) s += to_json(m) + "\n";
  return s;
}

template <class T>
std::vector<std::pair<const Message*, const T*>> of_type(const Feed& f) {
  std::vector<std::pair<const Message*, const T*>> out;
  for (const auto& m : f.messages)
    if (const T* p = std::get_if<T>(&m.data)) out.emplace_back(&m, p);
  return out;
}

}  // namespace

TEST(TwinFeed, EveryMessageIsValidForTheScenario) {
  const Feed& f = whole_feed();
  ASSERT_GT(f.messages.size(), 10000u);
  Validation v;
  for (const auto& s : grid_small().scenario.world.stores) v.stores.insert(s.id);
  v.sources = {"shop", "store-ops", "rider-app", "drone-gw"};
  for (const auto& m : f.messages) {
    const auto r = parse_message(to_json(m), v, topic_of(m));
    if (const auto* j = std::get_if<Rejection>(&r)) {
      ADD_FAILURE() << j->text() << " for " << to_json(m);
      break;
    }
  }
}

TEST(TwinFeed, SequencesRunFromOnePerSource) {
  std::map<std::string, std::uint64_t> last;
  for (const auto& m : whole_feed().messages) {
    EXPECT_EQ(m.sequence, last[m.source] + 1) << m.id;
    last[m.source] = m.sequence;
    EXPECT_EQ(m.id, m.source + "-" + std::to_string(m.sequence));
  }
  EXPECT_EQ(last.size(), 3u);  // shop, store-ops, rider-app: grid-small has no drones
}

TEST(TwinFeed, TimesAreOrderedAndInsideTheWindow) {
  const sim::Time from = sim::kHour, to = 2 * sim::kHour;  // 12:00 to 13:00
  const Feed f = make_feed(grid_small().scenario.world, grid_small().network, options(from, to));
  ASSERT_FALSE(f.messages.empty());
  UnixMillis last = 0;
  for (const auto& m : f.messages) {
    EXPECT_GE(m.time, last);
    EXPECT_GE(m.time, kStart + from);
    EXPECT_LT(m.time, kStart + to);
    last = m.time;
  }
  // The stores first, at --from, open with their configured pickers (north 5, south 2).
  ASSERT_GE(f.messages.size(), 2u);
  const auto* north = std::get_if<StoreStatus>(&f.messages[0].data);
  const auto* south = std::get_if<StoreStatus>(&f.messages[1].data);
  ASSERT_TRUE(north && south);
  EXPECT_EQ(f.messages[0].time, kStart + from);
  EXPECT_EQ(std::tie(north->store, north->open, north->pickers),
            std::make_tuple(std::string("north"), true, 5));
  EXPECT_EQ(std::tie(south->store, south->open, south->pickers),
            std::make_tuple(std::string("south"), true, 2));
  // Pings every 5 s: 12:00:00 is the first frame, 12:59:55 the last.
  std::set<UnixMillis> frames;
  for (const auto& [m, p] : of_type<RiderPing>(f)) frames.insert(p->time);
  EXPECT_EQ(frames.size(), 720u);
  EXPECT_EQ(*frames.begin(), kStart + from);
  EXPECT_EQ(*frames.rbegin(), kStart + to - 5 * sim::kSecond);
}

TEST(TwinFeed, OrdersAndRiderStatusesAreTheModelsRun) {
  // An independent run of the same world and seed.
  model::World world(grid_small().scenario.world, grid_small().network, 1);
  const model::RunResult run = world.run();
  std::size_t taken = 0, cancelled = 0;
  std::set<std::tuple<std::string, std::string, RiderState, UnixMillis>> statuses;
  for (const auto& o : run.orders) {
    if (o.store < 0) continue;
    ++taken;
    if (o.status == model::OrderStatus::rejected) ++cancelled;
    if (o.rider < 0) continue;
    const std::string order = "o" + std::to_string(o.id), rider = "r" + std::to_string(o.rider);
    if (o.assigned != sim::kNever)
      statuses.emplace(order, rider, RiderState::assigned, kStart + o.assigned);
    if (o.picked_up != sim::kNever)
      statuses.emplace(order, rider, RiderState::picked_up, kStart + o.picked_up);
    if (o.delivered != sim::kNever)
      statuses.emplace(order, rider, RiderState::delivered, kStart + o.delivered);
  }
  const Feed& f = whole_feed();
  EXPECT_GT(taken, 200u);
  EXPECT_EQ(of_type<OrderPlaced>(f).size(), taken);
  EXPECT_EQ(of_type<OrderCancelled>(f).size(), cancelled);
  EXPECT_EQ(f.orders.size(), taken);
  std::set<std::tuple<std::string, std::string, RiderState, UnixMillis>> published;
  for (const auto& [m, p] : of_type<RiderStatus>(f))
    if (p->status == RiderState::picked_up || p->status == RiderState::delivered ||
        p->status == RiderState::assigned)
      published.emplace(p->order, p->rider, p->status, m->time);
  EXPECT_EQ(published, statuses);
  // Each order is placed at its placing time, at its customer's door.
  for (const auto& [m, p] : of_type<OrderPlaced>(f)) {
    const auto& o = run.orders.at(std::stoul(p->order.substr(1)));
    EXPECT_EQ(m->time, kStart + o.placed);
    EXPECT_EQ(p->lat, o.location.lat);
    EXPECT_EQ(p->items, static_cast<int>(o.items));
  }
}

TEST(TwinFeed, RidersGoOnAndOffShift) {
  // North's 10 riders (r0..r9) work the scenario's 3 hours, south's 4 (r10..r13) 11:00 to 13:00;
  // each stays on for what it accepted, then goes off. All are on shift at the first frame.
  std::map<std::string, std::vector<std::pair<RiderState, UnixMillis>>> shifts;
  std::map<std::string, UnixMillis> last_ping;
  for (const auto& [m, p] : of_type<RiderStatus>(whole_feed()))
    if (p->status == RiderState::on_shift || p->status == RiderState::off_shift)
      shifts[p->rider].emplace_back(p->status, m->time);
  for (const auto& [m, p] : of_type<RiderPing>(whole_feed())) last_ping[p->rider] = m->time;
  ASSERT_EQ(shifts.size(), 14u);
  for (std::uint32_t r = 0; r < 14; ++r) {
    const auto& s = shifts[rider_id(r)];
    ASSERT_EQ(s.size(), 2u) << r;
    EXPECT_EQ(s[0], std::make_pair(RiderState::on_shift, kStart));
    EXPECT_EQ(s[1].first, RiderState::off_shift);
    EXPECT_GE(s[1].second, kStart + (r < 10 ? 3 : 2) * sim::kHour) << r;
    EXPECT_LT(s[1].second, kStart + (r < 10 ? 4 : 3) * sim::kHour) << r;  // the overtime's end
    // The last ping is the frame before it went off.
    EXPECT_EQ(last_ping[rider_id(r)], s[1].second - 5 * sim::kSecond) << r;
  }
}

TEST(TwinFeed, PingNoiseHasTheAskedSpread) {
  const Feed& f = whole_feed();
  const auto pings = of_type<RiderPing>(f);
  ASSERT_EQ(pings.size(), f.frames.size());
  ASSERT_GT(pings.size(), 20000u);
  // Each axis N(0, 10 m): the squared error is 10^2 times a chi-squared with 2 degrees of
  // freedom, mean 200 m^2 and standard deviation 200 m^2; over n pings the mean's standard error
  // is 200 / sqrt(n) m^2, about 1.3 m^2 here: 4% is many of them.
  double sum_sq = 0, sum_north = 0;
  for (std::size_t i = 0; i < pings.size(); ++i) {
    const auto& [m, p] = pings[i];
    const TruthFrame& t = f.frames[i];
    ASSERT_EQ(p->rider, rider_id(t.rider));
    ASSERT_EQ(p->time, kStart + t.t);
    EXPECT_EQ(p->accuracy_m, 10);
    const double d = routing::haversine_m(t.at, {p->lat, p->lon});
    sum_sq += d * d;
    sum_north += (p->lat - t.at.lat) * M_PI / 180 * routing::kEarthRadiusM;
  }
  const double n = static_cast<double>(pings.size());
  EXPECT_NEAR(sum_sq / n, 200, 8);
  EXPECT_NEAR(sum_north / n, 0, 0.5);  // unbiased: standard error 10 / sqrt(n) m
}

TEST(TwinFeed, SpeedsComeFromTheTrueTrack) {
  // Riders ride at most 25 km/h on grid-small's streets (about 7 m/s); some ride.
  double fastest = 0;
  for (const auto& [m, p] : of_type<RiderPing>(whole_feed()))
    fastest = std::max(fastest, p->speed_mps);
  EXPECT_GT(fastest, 3);
  EXPECT_LT(fastest, 25 / 3.6 + 0.5);
}

TEST(TwinFeed, SameSeedSameBytesOtherSeedOthers) {
  const auto& city = grid_small();
  const FeedOptions o = options(0, sim::kHour);
  const std::string a = ndjson(make_feed(city.scenario.world, city.network, o));
  const std::string b = ndjson(make_feed(city.scenario.world, city.network, o));
  EXPECT_EQ(a, b);
  model::WorldConfig other = city.scenario.world;
  other.seed += 1;
  EXPECT_NE(ndjson(make_feed(other, city.network, o)), a);
}

TEST(TwinFeed, TruthHasAFrameAPingAndAnOrderAPlacedOrder) {
  const Feed& f = whole_feed();
  const std::string truth = truth_ndjson(f);
  std::size_t frames = 0, orders = 0, delivered = 0;
  std::size_t at = 0;
  while (at < truth.size()) {
    const std::size_t end = truth.find('\n', at);
    const auto j = nlohmann::json::parse(truth.substr(at, end - at));
    at = end + 1;
    if (j.contains("t_s")) {
      ++frames;
      EXPECT_TRUE(j["lat"].is_number() && j["state"].is_string());
    } else {
      ++orders;
      const bool done = j["status"] == "delivered";
      delivered += done;
      EXPECT_EQ(j["delivered_s"].is_null(), !done) << j.dump();
    }
  }
  EXPECT_EQ(frames, of_type<RiderPing>(f).size());
  EXPECT_EQ(orders, of_type<OrderPlaced>(f).size());
  std::size_t published_deliveries = 0;
  for (const auto& [m, p] : of_type<RiderStatus>(f))
    published_deliveries += p->status == RiderState::delivered;
  EXPECT_EQ(delivered, published_deliveries);
}

TEST(TwinFeed, DronesSendTelemetryInTheAir) {
  const std::string path = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/grid-small.yaml";
  const auto s = scenarios::load_scenario(
      path, {"drones.hubs=[{id: hub-north, store: north, drones: 3, to_door: true}]"});
  const auto network = scenarios::load_network(s);
  const Feed f = make_feed(s.world, network, options(0, 3 * sim::kHour));
  const auto telemetry = of_type<DroneTelemetry>(f);
  ASSERT_FALSE(telemetry.empty());
  Validation v;
  v.stores = {"north", "south"};
  std::uint64_t last = 0;
  std::set<std::string> drones;
  for (const auto& [m, p] : telemetry) {
    EXPECT_EQ(m->source, "drone-gw");
    EXPECT_EQ(m->sequence, ++last);
    EXPECT_EQ(p->store, "north");
    drones.insert(p->drone);
    EXPECT_TRUE(std::holds_alternative<Message>(parse_message(to_json(*m), v)));
    // Within the 3 km city.
    EXPECT_LT(routing::haversine_m({48.8635, 2.3603}, {p->lat, p->lon}), 3000);
  }
  for (const auto& d : drones) EXPECT_TRUE(d == "d0" || d == "d1" || d == "d2") << d;
}

TEST(TwinFeed, OverMqttTheSubscriberGetsEveryMessage) {
  LocalBroker broker;
  const Feed f =
      make_feed(grid_small().scenario.world, grid_small().network, options(0, 20 * sim::kMinute));
  std::vector<std::string> received;
  MqttOptions sub_opt;
  sub_opt.port = broker.port();
  sub_opt.client_id = "feed-test-sub";
  sub_opt.clean_session = true;
  Validation v;
  v.stores = {"north", "south"};
  std::size_t refused = 0;
  MqttSubscriber sub(sub_opt, [&](std::string_view topic, std::string_view payload) {
    refused += std::holds_alternative<Rejection>(parse_message(payload, v, topic));
    received.emplace_back(payload);
  });
  MqttOptions pub_opt;
  pub_opt.port = broker.port();
  pub_opt.client_id = "feed-test-pub";
  MqttPublisher pub(pub_opt);
  for (const auto& m : f.messages) pub.publish(topic_of(m), to_json(m));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (received.size() < f.messages.size() && std::chrono::steady_clock::now() < deadline)
    sub.poll(50);
  EXPECT_EQ(pub.wait_for_acks(std::chrono::seconds(10)), f.messages.size());
  EXPECT_EQ(refused, 0u);
  ASSERT_EQ(received.size(), f.messages.size());
  for (std::size_t i = 0; i < received.size(); ++i)
    ASSERT_EQ(received[i], to_json(f.messages[i])) << i;  // one publisher at QoS 1: in order
}

namespace {

// scenarios/monaco-drones-coldchain.yaml: 07:00 start, four stores each with a chilled and a
// frozen unit, sensors logged every 5 min; Condamine's freezer is down 18:00-20:00.
const City& monaco_coldchain() {
  static const City city = [] {
    City c;
    c.scenario = scenarios::load_scenario(std::string(HALFHOUR_SOURCE_DIR) +
                                          "/scenarios/monaco-drones-coldchain.yaml");
    c.network = scenarios::load_network(c.scenario);
    return c;
  }();
  return city;
}

// 17:00 to 21:00, around the freezer's failure; frames once a minute (the riders are not what
// these tests look at).
constexpr sim::Time kSensorFrom = 10 * sim::kHour, kSensorTo = 14 * sim::kHour;

const Feed& coldchain_feed() {
  static const Feed feed = [] {
    FeedOptions o = options(kSensorFrom, kSensorTo);
    o.ping_every = sim::kMinute;
    return make_feed(monaco_coldchain().scenario.world, monaco_coldchain().network, o);
  }();
  return feed;
}

// A store unit's reading as the feed should publish it: store, name, time (ms since the epoch),
// value (°C).
using UnitReading = std::tuple<std::string, std::string, UnixMillis, double>;

// The readings in [kSensorFrom, kSensorTo) of an independent run of the same world and seed: the
// store units', named from the sensor ids "store/<store>/<class>" and the scenario's class names,
// and how many the riders' boxes and drones' pods had (which the feed leaves out).
struct ModelReadings {
  std::vector<UnitReading> units;  // sorted
  std::size_t boxes_and_pods = 0;
};

const ModelReadings& model_readings() {
  static const ModelReadings readings = [] {
    const model::WorldConfig& config = monaco_coldchain().scenario.world;
    model::World world(config, monaco_coldchain().network, 1);
    const model::RunResult run = world.run();
    ModelReadings out;
    for (const model::SensorReading& r : run.readings) {
      if (r.time < kSensorFrom || r.time >= kSensorTo) continue;
      const model::SensorInfo& info = run.sensors.at(r.sensor);
      if (info.id.rfind("store/", 0) != 0) {
        ++out.boxes_and_pods;
        continue;
      }
      const std::size_t slash = info.id.find('/', 6);
      const std::string store = info.id.substr(6, slash - 6);
      std::string name = config.cold_chain.classes.at(info.temp_class).name;
      EXPECT_EQ(info.id.substr(slash + 1), name);
      name += "-unit/temperature";
      out.units.emplace_back(store, name, kStart + r.time, r.value_c);
    }
    std::sort(out.units.begin(), out.units.end());
    return out;
  }();
  return readings;
}

}  // namespace

TEST(TwinFeed, SensorReadingsAreTheStoreUnitsReadings) {
  const Feed& f = coldchain_feed();
  const auto& expected = model_readings().units;
  EXPECT_GT(model_readings().boxes_and_pods, 0u);  // there were others to leave out
  // 4 stores x 2 units x 48 five-minute logs in 4 h, and the freezer's alert off that period.
  ASSERT_GE(expected.size(), 4u * 2 * 48);
  ASSERT_LE(expected.size(), 4u * 2 * 48 + 10);
  std::vector<UnitReading> published;
  std::uint64_t last = 0;
  for (const auto& [m, p] : of_type<SensorReading>(f)) {
    EXPECT_EQ(m->source, "sensor-gw");
    EXPECT_EQ(m->sequence, ++last);
    EXPECT_EQ(m->type, "halfhour.sensor.reading.v1");
    EXPECT_EQ(p->u, "Cel");
    EXPECT_EQ(m->time, p->t);
    published.emplace_back(p->store, p->n, p->t, p->v);
  }
  std::sort(published.begin(), published.end());
  EXPECT_EQ(published.size(), expected.size());
  EXPECT_EQ(published, expected);
  std::set<std::string> names;
  for (const auto& r : published) names.insert(std::get<1>(r));
  EXPECT_EQ(names, (std::set<std::string>{"chilled-unit/temperature", "frozen-unit/temperature"}));
}

TEST(TwinFeed, SensorMessagesParseForTheScenario) {
  const Feed& f = coldchain_feed();
  Validation v;
  for (const auto& s : monaco_coldchain().scenario.world.stores) v.stores.insert(s.id);
  v.sources = {"shop", "store-ops", "rider-app", "drone-gw", "sensor-gw"};
  std::size_t sensors = 0;
  UnixMillis last = 0;
  for (const auto& m : f.messages) {
    EXPECT_GE(m.time, last);
    last = m.time;
    if (!std::holds_alternative<SensorReading>(m.data)) continue;
    ++sensors;
    EXPECT_GE(m.time, kStart + kSensorFrom);
    EXPECT_LT(m.time, kStart + kSensorTo);
    const auto r = parse_message(to_json(m), v, topic_of(m));
    const auto* parsed = std::get_if<Message>(&r);
    if (!parsed) {
      ADD_FAILURE() << std::get<Rejection>(r).text() << " for " << to_json(m);
      break;
    }
    const auto& in = std::get<SensorReading>(m.data);
    const auto& out = std::get<SensorReading>(parsed->data);
    EXPECT_EQ(std::tie(out.store, out.n, out.u, out.t), std::tie(in.store, in.n, in.u, in.t));
    EXPECT_DOUBLE_EQ(out.v, in.v);
  }
  EXPECT_GT(sensors, 0u);
}

TEST(TwinFeed, AFailedFreezerShowsInItsReadings) {
  // Condamine's freezer (-22 °C setpoint, frozen goods <= -18 °C) is off 18:00-20:00, warming
  // towards the 18 °C room; the other freezers hold. Before the failure, Condamine's holds too.
  const sim::Time down = 11 * sim::kHour;  // 18:00
  double condamine_before = -100, condamine_during = -100, others = -100;
  for (const auto& [m, p] : of_type<SensorReading>(coldchain_feed())) {
    if (p->n != "frozen-unit/temperature") continue;
    if (p->store != "condamine")
      others = std::max(others, p->v);
    else if (m->time < kStart + down)
      condamine_before = std::max(condamine_before, p->v);
    else
      condamine_during = std::max(condamine_during, p->v);
  }
  EXPECT_LT(others, -18);
  EXPECT_LT(condamine_before, -18);
  EXPECT_GT(condamine_during, -18);
}

TEST(TwinFeed, NoColdChainNoSensorReadings) {
  EXPECT_TRUE(of_type<SensorReading>(whole_feed()).empty());  // grid-small: no cold chain
  for (const auto& m : whole_feed().messages) EXPECT_NE(m.source, "sensor-gw");
}
