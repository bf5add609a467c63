// halfhour feed's core: simulates a scenario's operation with the model (model::World) and
// turns it into the live twin's messages (schema v1, sim/twin/SCHEMA.md, "halfhour feed"), with
// the ground truth they came from, so that the twin can be demonstrated without a real operation
// and measured against what really happened.
//
// Conventions (the twin's tests rely on them; the full list is SCHEMA.md's "What halfhour feed
// publishes"):
// - Clock: simulated time 0 (the scenario's start) is the instant FeedOptions::start; a
//   message's `time` is start + simulated time, in milliseconds.
// - Ids: orders "o<model order id>", riders "r<rider index>", drones "d<drone index>"; stores by
//   the scenario's store ids.
// - Sources, each numbered from 1: "shop" (order.placed, order.cancelled), "store-ops"
//   (order.picked, order.packed, store.status), "rider-app" (rider.ping, rider.status),
//   "drone-gw" (drone.telemetry), "sensor-gw" (sensor.reading). A message's id is
//   "<source>-<sequence>".
// - Only orders a store took are published (an order out of every store's radius has no store
//   to name); an order the model rejected after taking it is cancelled, with the reason
//   "customer patience" (RejectReason::cancelled) or the model's reason otherwise.
// - Pings and telemetry at frames, the multiples of ping_every: the world is run to just past
//   each (so a shift starting at that instant is in it); with engine barriers (cross-store
//   dispatch, repositioning, forwarding) at the first barrier at or after it. A rider's
//   on_shift and off_shift are seen at frames.
// - Sensor readings only with a cold chain whose sensors are on: each store unit's readings as
//   the model logged them (sensors.csv's store/<store>/<class> rows: at most one per log period,
//   alerts always), n "<class>-unit/temperature", u "Cel", v the noisy reading in °C, t the
//   reading's instant. Rider boxes and drone pods are not published.
// - Messages are in time order, ties by kind (store.status, order.placed, picked, packed,
//   rider.status, order.cancelled, rider.ping, drone.telemetry, sensor.reading), and only for
//   simulated times in [from, to).
//
// Deterministic: the same configuration (seed included) and options give the same messages.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "routing/road_network.h"
#include "sim/engine/time.h"
#include "sim/model/world_config.h"
#include "sim/twin/messages.h"

namespace twin {

struct FeedOptions {
  UnixMillis start = 0;                     // the instant of simulated time 0, ms since the epoch
  sim::Time from = 0;                       // the window of published times, [from, to) (ms)
  sim::Time to = sim::kNever;               //   kNever: to the end of the scenario, drain included
  sim::Time ping_every = 5 * sim::kSecond;  // rider pings and drone telemetry, > 0
  double gps_noise_m = 10;  // 1 sigma per axis of the pings' Gaussian noise, metres, >= 0
  int threads = 1;          // the world's threads (results do not depend on them)
};

// A rider's true position at a ping frame (no noise): one per ping published.
struct TruthFrame {
  sim::Time t = 0;  // simulated time, ms
  std::uint32_t rider = 0;
  routing::LatLon at;
  std::string state;  // the model's RiderState name (model::to_string)
};

// What became of a published order.
struct TruthOrder {
  std::uint32_t order = 0;
  std::string store;
  sim::Time placed = 0;
  std::string status;                 // model::OrderStatus name: delivered, rejected, open
  sim::Time delivered = sim::kNever;  // kNever when not delivered
  std::int32_t rider = -1;            // the rider who delivered it; -1 for none (or a drone)
};

struct Feed {
  std::vector<Message> messages;  // in publication order
  std::vector<TruthFrame> frames;
  std::vector<TruthOrder> orders;  // in order id order
  sim::Time end = 0;               // where the scenario ends (duration + drain), ms
};

// Builds the world from `config` (its seed is the world's and the noise's), runs it to the end
// and collects the messages. Throws std::invalid_argument for options out of range and for what
// model::World refuses.
Feed make_feed(const model::WorldConfig& config,
               std::shared_ptr<const routing::RoadNetwork> network, const FeedOptions& opt);

// The ground truth as NDJSON: one line per TruthFrame {"t_s","rider","lat","lon","state"}, then
// one per TruthOrder {"order","store","placed_s","status","delivered_s","rider"} (null where
// none); times in seconds since simulated time 0, ids as in the messages.
std::string truth_ndjson(const Feed& feed);

// The random stream (sim/engine/random.h) of the pings' noise: (seed, kFeedNoiseStream).
inline constexpr std::uint64_t kFeedNoiseStream = std::uint64_t{1} << 41;

}  // namespace twin
