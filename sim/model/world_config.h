// The plain, validated description of a world that the model builds and runs: stores, riders,
// demand and dispatch. Filled by the scenario loader (scenarios/) or by tests; the model never
// sees YAML. Times are sim::Time (ms); `*_tod` fields are times of day since midnight.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "routing/geo.h"
#include "routing/traffic.h"
#include "sim/engine/time.h"
#include "sim/model/catalog_config.h"
#include "sim/model/cold_chain_config.h"
#include "sim/model/drone_config.h"
#include "sim/model/incident.h"

namespace model {

// A service-time distribution. `cv` is used by lognormal only.
struct Distribution {
  enum class Kind { fixed, exponential, lognormal };
  Kind kind = Kind::fixed;
  sim::Time mean = 0;
  double cv = 0;
};
const char* to_string(Distribution::Kind k);

// The store-side phases of an order follow an operator's published budget for 10-minute quick
// commerce: 30 s from the order to the pick start, 2.5 min picking, 1 min check and pack, 1 min
// hand-over to the rider and 30 s to leave (issue 15); Zepto quotes 90 s to pick and pack 5
// items at its fastest stores. Picking is a base plus a time per item: 60 s + 18 s per item is
// 2.5 min for 5 items (our split of the operator's 2.5 min).
struct StoreConfig {
  std::string id;
  routing::LatLon location;
  double radius_m = 3000;
  int pickers = 2;
  // The picker's time from taking the order to the first item (reading it, fetching a tote), on
  // top of the wait for a free picker.
  Distribution pick_start{Distribution::Kind::fixed, 30 * sim::kSecond, 0};
  // Picking: pick_time (the walk, whatever the basket) plus pick_per_item drawn once with its
  // mean times the basket's items.
  Distribution pick_time{Distribution::Kind::lognormal, 60 * sim::kSecond, 0.4};
  Distribution pick_per_item{Distribution::Kind::lognormal, 18 * sim::kSecond, 0.4};
  Distribution pack_time{Distribution::Kind::lognormal, 60 * sim::kSecond, 0.3};  // check and pack
  // The rider at the counter: from reaching the packed order to riding off (1 min hand-over and
  // 30 s to leave).
  Distribution handover{Distribution::Kind::lognormal, 90 * sim::kSecond, 0.3};
  std::vector<ColdUnitConfig> units;  // fridges and freezers, at most one per temperature class
  std::vector<StockPolicy> stock;     // per SKU group of the catalog; empty: the groups' own
};

enum class Vehicle { ebike, scooter, car, bicycle, walking };
const char* to_string(Vehicle v);
double default_speed_kmh(Vehicle v);

struct RiderGroupConfig {
  std::size_t store = 0;  // index into WorldConfig::stores
  int count = 1;
  Vehicle vehicle = Vehicle::ebike;
  double speed_kmh = 18;
  int capacity = 1;
  // Shift as times of day; a shift whose end is not after its start runs past midnight.
  // The defaults mean "the whole scenario".
  sim::Time shift_from_tod = -1;
  sim::Time shift_to_tod = -1;
  std::string id;  // optional name, for `--set fleet.riders[<id>]...` and sweeps
};

struct Hotspot {
  routing::LatLon center;
  double radius_m = 500;
  double weight = 1;
};

// One order of a replayed trace; `time` is since the scenario start.
struct TraceOrder {
  sim::Time time = 0;
  routing::LatLon location;
  int items = 1;
};

// Where background customers (those not around a hotspot) live: on the road nodes of the main
// part within some store's radius (`stores`: demand where the stores are, so a map larger than
// the service areas does not turn most orders away as out of radius), or on every node of the
// main part (`network`).
enum class DemandArea { stores, network };
const char* to_string(DemandArea a);

struct DemandConfig {
  double orders_per_day = 1000;      // expected orders over a full 24-hour day
  std::array<double, 24> profile{};  // relative weight per clock hour 00..23; all zero means flat
  std::vector<Hotspot> hotspots;
  double background_weight = 1;  // weight of customers spread uniformly over the area's nodes
  DemandArea area = DemandArea::stores;
  double basket_mean_items = 4;  // items per order, 1 + Poisson(mean - 1)
  bool use_trace = false;
  std::vector<TraceOrder> trace;  // sorted by time when use_trace
};

struct DispatchConfig {
  // A name registered with routing::register_dispatch_policy: nearest_idle, batch_insertion,
  // assignment, or a planner's own.
  std::string policy = "nearest_idle";
  sim::Time epoch = 30 * sim::kSecond;  // 0 dispatches at once
  // Every epoch, an order whose store has no idle rider may get an idle rider of another store
  // (who then belongs to the order's store). Needs epoch > 0.
  bool cross_store = false;
  // Every epoch, an idle rider of a store with little predicted demand for its riders moves to
  // a nearby store with much more (and belongs to it from then on). Needs epoch > 0.
  bool reposition = false;
};

// At the customer's door: from the rider's arrival at the address to the goods in the
// customer's hands (parking, finding the entrance, stairs, the wait at the door), then the walk
// back to the vehicle before it can ride on. Couriers spend most of a stop on foot away from the
// vehicle (Dalla Chiara and Goodchild, "The role of walking in last-mile urban deliveries",
// Transportation, 2025); the means are our own estimate for a bike courier in a city of flats.
struct DoorConfig {
  Distribution handover{Distribution::Kind::lognormal, 2 * sim::kMinute, 0.5};
  Distribution walk_back{Distribution::Kind::lognormal, 1 * sim::kMinute, 0.5};
};

// The store's own rules of operation.
struct OperationsConfig {
  // Riders on shift when the store's last shift ends stay on (overtime) until every order the
  // store accepted is delivered; off: those orders are rejected `no_rider` then. Orders reaching
  // a store after its last shift's end are rejected `store_closed` either way.
  bool overtime = true;
  // The busy rule: a store takes no new order (rejected `store_busy`) while this many orders
  // wait for a picker (0: no limit), or while a new order's predicted click-to-door exceeds
  // busy_click_to_door (0: no limit).
  int busy_max_queue = 0;
  sim::Time busy_click_to_door = 0;
  // A customer cancels (rejected `cancelled`) an order not picked up by a rider or drone within
  // a patience drawn from this distribution after placing it; off when `patience_on` is false.
  bool patience_on = false;
  Distribution patience{Distribution::Kind::exponential, 30 * sim::kMinute, 0};
};

struct WorldConfig {
  std::uint64_t seed = 1;
  sim::Time start_tod = 7 * sim::kHour;
  sim::Time duration = 16 * sim::kHour;  // orders are placed in [0, duration)
  sim::Time drain = 3 * sim::kHour;      // after duration, time to finish open orders
  sim::Time promise = 30 * sim::kMinute;
  sim::Time sample_period = 5 * sim::kMinute;
  std::vector<StoreConfig> stores;
  std::vector<RiderGroupConfig> riders;
  DemandConfig demand;
  DispatchConfig dispatch;
  // Speed factors by time of day and road class; empty is free flow all day.
  std::vector<routing::CongestionWindow> congestion;
  // Contraction hierarchies are cached at this path prefix (usually the map file); empty: not
  // cached.
  std::string routing_cache;
  ColdChainConfig cold_chain;
  CatalogConfig catalog;
  DroneConfig drones;
  CostConfig costs;
  std::vector<Incident> incidents;
  DoorConfig door;
  OperationsConfig operations;
};

}  // namespace model
