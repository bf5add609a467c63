#include "sim/twin/feed.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "sim/engine/random.h"
#include "sim/model/world.h"
#include "sim/twin/message_writer.h"

namespace twin {

namespace {

// Ties at one instant are published in this order: a store opens before its orders arrive, an
// order is placed before it is picked, and so on.
enum class Kind : int {
  store_status,
  order_placed,
  order_picked,
  order_packed,
  rider_status,
  order_cancelled,
  rider_ping,
  drone_telemetry,
  sensor_reading,
};

struct Pending {
  sim::Time t = 0;
  Kind kind = Kind::store_status;
  Payload data;
};

const char* source_of(Kind k) {
  switch (k) {
    case Kind::order_placed:
    case Kind::order_cancelled:
      return "shop";
    case Kind::store_status:
    case Kind::order_picked:
    case Kind::order_packed:
      return "store-ops";
    case Kind::rider_status:
    case Kind::rider_ping:
      return "rider-app";
    case Kind::drone_telemetry:
      return "drone-gw";
    case Kind::sensor_reading:
      return "sensor-gw";
  }
  return "shop";
}

// An entity's id: "o12", "r3", "d0". Appended rather than "r" + ..., which GCC 12 misreads as
// an overlapping copy (-Wrestrict).
std::string entity(char kind, std::uint64_t index) {
  std::string id(1, kind);
  id += std::to_string(index);
  return id;
}

// The model's drones fly at no height; their telemetry reports this one.
constexpr double kDroneAltitudeM = 60;
// The schema's largest speeds.
constexpr double kMaxRiderMps = 100, kMaxDroneMps = 200;

void check(const FeedOptions& opt) {
  if (opt.ping_every <= 0) throw std::invalid_argument("the ping period must be positive");
  if (!std::isfinite(opt.gps_noise_m) || opt.gps_noise_m < 0 || opt.gps_noise_m > 100000)
    throw std::invalid_argument("the GPS noise must be from 0 to 100000 m");
  if (opt.from < 0 || opt.to <= opt.from)
    throw std::invalid_argument("the window must have from >= 0 and to > from");
}

// Rider pings, shift changes and drone telemetry at each frame of the run.
class FrameTaker {
 public:
  FrameTaker(const model::World& world, const model::WorldConfig& config, const FeedOptions& opt,
             std::vector<Pending>& out, std::vector<TruthFrame>& truth)
      : world_(world),
        config_(config),
        opt_(opt),
        out_(out),
        truth_(truth),
        noise_(config.seed, kFeedNoiseStream) {}

  // Takes the frame at simulated time t; the world has done every event up to t.
  void take(sim::Time t) {
    riders(t);
    drones(t);
    last_frame_ = t;
  }

 private:
  void riders(sim::Time now) {
    const auto& riders = world_.state().riders;
    on_shift_.resize(riders.size(), false);
    last_at_.resize(riders.size());
    for (const model::Rider& r : riders) {
      const std::string store = config_.stores[r.store].id;
      const std::string id = entity('r', r.id);
      const bool on = r.state != model::RiderState::off_shift;
      if (on != on_shift_[r.id]) {
        on_shift_[r.id] = on;
        RiderStatus s{store, id, on ? RiderState::on_shift : RiderState::off_shift, ""};
        out_.push_back({now, Kind::rider_status, std::move(s)});
      }
      if (!on) {
        last_at_[r.id].reset();
        continue;
      }
      const routing::LatLon at = world_.rider_position(r.id, now);
      double speed = 0;
      if (last_at_[r.id] && now > last_frame_)
        speed = routing::haversine_m(*last_at_[r.id], at) * 1000.0 /
                static_cast<double>(now - last_frame_);
      last_at_[r.id] = at;
      const double north = noise_.normal() * opt_.gps_noise_m;
      const double east = noise_.normal() * opt_.gps_noise_m;
      const routing::LatLon fix = routing::offset(at, north, east);
      const UnixMillis when = opt_.start + now;
      out_.push_back({now, Kind::rider_ping,
                      RiderPing{store, id, fix.lat, fix.lon, opt_.gps_noise_m,
                                std::min(speed, kMaxRiderMps), when}});
      truth_.push_back({now, r.id, at, model::to_string(r.state)});
    }
  }

  void drones(sim::Time now) {
    for (const model::Drone& d : world_.state().drones) {
      if (now < d.fly_depart || now >= d.fly_arrive) continue;
      const model::HubConfig& hub = config_.drones.hubs[d.hub];
      const double flight_s = static_cast<double>(d.fly_arrive - d.fly_depart) / 1000.0;
      const double speed = routing::haversine_m(d.fly_from, d.fly_to) / flight_s;
      // The model takes a flight's planned energy at take-off: this is what is left after it.
      const double battery =
          hub.spec.battery_wh > 0 ? 100.0 * d.charge_wh / hub.spec.battery_wh : 0;
      const routing::LatLon at = world_.drone_position(d.id, now);
      out_.push_back({now, Kind::drone_telemetry,
                      DroneTelemetry{config_.stores[hub.store].id, entity('d', d.id), at.lat,
                                     at.lon, kDroneAltitudeM, std::clamp(speed, 0.0, kMaxDroneMps),
                                     std::clamp(battery, 0.0, 100.0)}});
    }
  }

  const model::World& world_;
  const model::WorldConfig& config_;
  const FeedOptions& opt_;
  std::vector<Pending>& out_;
  std::vector<TruthFrame>& truth_;
  sim::RandomStream noise_;
  sim::Time last_frame_ = -1;
  std::vector<bool> on_shift_;
  std::vector<std::optional<routing::LatLon>> last_at_;
};

// The orders' messages, from the finished run.
void order_messages(const std::vector<model::OrderRecord>& orders, const model::WorldConfig& config,
                    const FeedOptions& opt, std::vector<Pending>& out,
                    std::vector<TruthOrder>& truth) {
  const auto in_window = [&](sim::Time t) {
    return t != sim::kNever && t >= opt.from && t < opt.to;
  };
  for (const model::OrderRecord& o : orders) {
    if (o.store < 0) continue;
    const std::string store = config.stores[static_cast<std::size_t>(o.store)].id;
    const std::string id = entity('o', o.id);
    if (in_window(o.placed)) {
      std::uint32_t cold = 0;
      for (const model::ColdLine& c : o.cold) cold += c.items;
      const int items = static_cast<int>(std::clamp<std::uint32_t>(o.items, 1, 1000));
      out.push_back({o.placed, Kind::order_placed,
                     OrderPlaced{store, id, o.location.lat, o.location.lon, items,
                                 std::min(static_cast<int>(cold), items)}});
      const bool delivered = o.status == model::OrderStatus::delivered;
      truth.push_back({o.id, store, o.placed, model::to_string(o.status),
                       delivered ? o.delivered : sim::kNever,
                       delivered && o.mode == model::Mode::rider ? o.rider : -1});
    }
    if (in_window(o.picked)) out.push_back({o.picked, Kind::order_picked, OrderPicked{store, id}});
    if (in_window(o.packed))
      out.push_back({o.packed, Kind::order_packed, OrderPicked{store, id, true}});
    if (o.mode == model::Mode::rider && o.rider >= 0) {
      const std::string rider = entity('r', o.rider);
      if (in_window(o.assigned))
        out.push_back(
            {o.assigned, Kind::rider_status, RiderStatus{store, rider, RiderState::assigned, id}});
      if (in_window(o.picked_up))
        out.push_back({o.picked_up, Kind::rider_status,
                       RiderStatus{store, rider, RiderState::picked_up, id}});
      if (in_window(o.delivered))
        out.push_back({o.delivered, Kind::rider_status,
                       RiderStatus{store, rider, RiderState::delivered, id}});
    }
    if (o.status == model::OrderStatus::rejected && in_window(o.rejected))
      out.push_back({o.rejected, Kind::order_cancelled,
                     OrderCancelled{store, id,
                                    o.reason == model::RejectReason::cancelled
                                        ? "customer patience"
                                        : model::to_string(o.reason)}});
  }
}

// The store units' temperature readings, from the finished run: every reading the model logged
// for a sensor "store/<store>/<class>" (sensors.csv's rows, alerts included: an alert is logged
// with the reading that raised it), as "<class>-unit/temperature" in Cel. Rider boxes and drone
// pods are not published.
void sensor_messages(const model::RunResult& run, const model::WorldConfig& config,
                     const FeedOptions& opt, std::vector<Pending>& out) {
  if (!config.cold_chain.enabled || !config.cold_chain.sensors.enabled) return;
  // Per sensor: the store and the class of a store unit's sensor; none for boxes and pods.
  struct Unit {
    std::string store, name;
  };
  std::vector<std::optional<Unit>> units(run.sensors.size());
  constexpr std::string_view prefix = "store/";
  for (std::size_t i = 0; i < run.sensors.size(); ++i) {
    const model::SensorInfo& info = run.sensors[i];
    if (info.temp_class >= run.temp_classes.size() || !info.id.starts_with(prefix)) continue;
    const std::string& cls = run.temp_classes[info.temp_class];
    // "store/<store>/<class>": the store's id is what lies between (store ids may not be split
    // at a '/').
    if (info.id.size() < prefix.size() + 2 + cls.size() || !info.id.ends_with(cls) ||
        info.id[info.id.size() - cls.size() - 1] != '/')
      continue;
    Unit u;
    u.store = info.id.substr(prefix.size(), info.id.size() - prefix.size() - cls.size() - 1);
    u.name = cls;
    u.name += "-unit/temperature";
    units[i] = std::move(u);
  }
  for (const model::SensorReading& r : run.readings) {
    if (r.time < opt.from || r.time >= opt.to || r.sensor >= units.size() || !units[r.sensor])
      continue;
    const Unit& u = *units[r.sensor];
    out.push_back({r.time, Kind::sensor_reading,
                   SensorReading{u.store, u.name, "Cel", r.value_c, opt.start + r.time}});
  }
}

}  // namespace

Feed make_feed(const model::WorldConfig& config,
               std::shared_ptr<const routing::RoadNetwork> network, const FeedOptions& opt) {
  check(opt);
  model::World world(config, std::move(network), opt.threads);
  world.set_window(opt.ping_every);
  Feed feed;
  feed.end = world.end();
  std::vector<Pending> pending;
  if (opt.from <= feed.end)
    for (const model::StoreConfig& s : config.stores)
      pending.push_back({opt.from, Kind::store_status, StoreStatus{s.id, true, s.pickers}});
  // A frame at each multiple of the ping period in [from, to): the world is run to just past it,
  // so that what happens at that instant (a shift starting) is in it. With engine barriers the
  // world can only rest at one: a frame then comes at the first barrier at or after the
  // multiple.
  FrameTaker frames(world, config, opt, pending, feed.frames);
  sim::Time target = (opt.from + opt.ping_every - 1) / opt.ping_every * opt.ping_every;
  while (target < opt.to && target <= feed.end) {
    world.run_until(target + 1);
    const sim::Time at = world.now() == target + 1 ? target : world.now();
    if (at >= opt.to || at > feed.end) break;
    frames.take(at);
    target = (at / opt.ping_every + 1) * opt.ping_every;
  }
  const model::RunResult run = world.run();
  order_messages(world.state().orders, config, opt, pending, feed.orders);
  sensor_messages(run, config, opt, pending);

  std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    return std::pair(a.t, static_cast<int>(a.kind)) < std::pair(b.t, static_cast<int>(b.kind));
  });
  std::uint64_t shop = 0, store_ops = 0, rider_app = 0, drone_gw = 0, sensor_gw = 0;
  feed.messages.reserve(pending.size());
  for (Pending& p : pending) {
    Message m;
    m.source = source_of(p.kind);
    std::uint64_t& seq = m.source == "shop"        ? shop
                         : m.source == "store-ops" ? store_ops
                         : m.source == "rider-app" ? rider_app
                         : m.source == "drone-gw"  ? drone_gw
                                                   : sensor_gw;
    m.sequence = ++seq;
    m.id = m.source + "-" + std::to_string(m.sequence);
    m.time = opt.start + p.t;
    m.type = type_of(p.data);
    m.data = std::move(p.data);
    feed.messages.push_back(std::move(m));
  }
  return feed;
}

std::string truth_ndjson(const Feed& feed) {
  using json = nlohmann::ordered_json;
  const auto seconds = [](sim::Time t) { return static_cast<double>(t) / 1000.0; };
  std::string out;
  for (const TruthFrame& f : feed.frames) {
    out += json{{"t_s", seconds(f.t)},
                {"rider", entity('r', f.rider)},
                {"lat", f.at.lat},
                {"lon", f.at.lon},
                {"state", f.state}}
               .dump();
    out += '\n';
  }
  for (const TruthOrder& o : feed.orders) {
    json j{{"order", entity('o', o.order)},
           {"store", o.store},
           {"placed_s", seconds(o.placed)},
           {"status", o.status}};
    j["delivered_s"] = o.delivered == sim::kNever ? json(nullptr) : json(seconds(o.delivered));
    j["rider"] = o.rider < 0 ? json(nullptr) : json(entity('r', o.rider));
    out += j.dump();
    out += '\n';
  }
  return out;
}

}  // namespace twin
