// What one simulated run leaves behind for KPIs, files and reports: every order's life, each
// rider's and store's totals, hourly aggregates and the periodic time series.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "routing/geo.h"
#include "routing/road_network.h"
#include "sim/engine/time.h"

namespace model {

enum class OrderStatus : std::uint8_t { open, delivered, rejected };
enum class RejectReason : std::uint8_t {
  none,
  out_of_radius,
  no_rider,
  unreachable,
  out_of_stock,  // the store lacked items and the scenario rejects such orders
  spoiled,       // refused at the door: chilled or frozen goods out of range too long
  store_closed,  // reached the store after its last shift had ended (no_rider: it had no riders)
  store_busy,    // the store's busy rule (operations.busy) turned it away
  cancelled,     // the customer's patience ran out before a rider or drone picked it up
};
enum class Mode : std::uint8_t { rider, drone };
const char* to_string(OrderStatus s);
const char* to_string(RejectReason r);
const char* to_string(Mode m);

// An order's goods of one cold temperature class on their way: how long they spent outside the
// class's range, the warmest they got, and whether that spoiled them.
struct ColdLine {
  std::uint32_t temp_class = 0;
  std::uint32_t items = 0;
  sim::Time outside = 0;  // out of range, from the unit to the door
  double peak_c = 0;      // the farthest from the range the goods got (their temperature then)
  bool spoiled = false;
};

// Every timestamp is sim::Time since the scenario start, or sim::kNever when it did not happen.
struct OrderRecord {
  std::uint32_t id = 0;
  std::int32_t store = -1;  // index, -1 when no store took it
  std::int32_t rider = -1;
  routing::NodeId customer = routing::kNoNode;
  routing::LatLon location;
  std::uint32_t items = 1;
  OrderStatus status = OrderStatus::open;
  RejectReason reason = RejectReason::none;
  sim::Time placed = sim::kNever;
  sim::Time assigned = sim::kNever;
  // The phases: placed -> pick_started (a picker starts on it) -> picked -> packed (checked and
  // packed) -> picked_up (handed over to the rider, who rides off) -> at_door (the rider or drone
  // at the customer's address) -> delivered (in the customer's hands).
  sim::Time pick_started = sim::kNever;
  sim::Time picked = sim::kNever;
  sim::Time packed = sim::kNever;
  sim::Time picked_up = sim::kNever;
  sim::Time at_door = sim::kNever;
  sim::Time delivered = sim::kNever;
  sim::Time rejected = sim::kNever;
  double distance_m = 0;  // store to customer on the road
  // Operations beyond the riders (zero or empty when the scenario has none of them).
  Mode mode = Mode::rider;
  std::int32_t drone = -1;
  double weight_kg = 0;
  std::uint32_t items_missing = 0;      // out of stock and not substituted
  std::uint32_t items_substituted = 0;  // replaced by another group of the same class
  std::uint32_t forwarded = 0;          // times moved to another store for stock
  std::uint32_t flights_aborted = 0;    // drone flights with this order turned back by weather
  double energy_wh = 0;                 // drone energy of its delivery flight
  double cost = 0;                      // the order's share of its mode's cost
  bool spoiled = false;                 // some cold line spoiled
  std::vector<ColdLine> cold;           // per cold class in the basket
};

struct RiderRecord {
  std::uint32_t id = 0;
  std::int32_t store = 0;
  std::string vehicle;
  sim::Time on_shift = 0;  // total time on shift
  sim::Time busy = 0;      // on shift and not idle
  sim::Time overtime = 0;  // on shift after its shift's end, kept on to deliver accepted orders
  double distance_m = 0;
  std::uint32_t deliveries = 0;
};

struct DroneRecord {
  std::uint32_t id = 0;
  std::uint32_t hub = 0;
  std::uint32_t flights = 0;  // delivery flights that took off
  std::uint32_t deliveries = 0;
  std::uint32_t aborted = 0;  // turned back by weather
  double distance_m = 0;
  double energy_wh = 0;
  sim::Time airborne = 0;
  std::uint32_t swaps = 0;      // battery swaps
  std::uint32_t recharges = 0;  // charged in place
};

struct HubRecord {
  std::string id;
  routing::LatLon location;
  std::uint32_t store = 0;
};

// A cold-chain sensor's reading as logged (rate-limited), or an alert.
struct SensorReading {
  sim::Time time = 0;
  std::uint32_t sensor = 0;  // index into RunResult::sensors
  double value_c = 0;
  enum class Flag : std::uint8_t { reading, alert, cleared } flag = Flag::reading;
};

struct SensorInfo {
  std::string id;  // "store/<store>/<class>", "rider/<n>/<class>", "drone/<n>/<class>"
  std::uint32_t temp_class = 0;
};

// A product's temperature from `time` on: the exponential towards env_c with time constant
// tau_s, starting at temp_c, until the next point.
struct ThermalPoint {
  sim::Time time = 0;
  double temp_c = 0;
  double env_c = 0;
  double tau_s = 0;
};

// The temperature path of one cold line of an order, from leaving the unit to the door.
struct ThermalTrace {
  std::uint32_t order = 0;
  std::uint32_t temp_class = 0;
  std::vector<ThermalPoint> points;
};

// Aggregates per scenario hour h, covering [h, h+1) hours since the start.
struct HourRecord {
  std::uint32_t placed = 0;
  std::uint32_t delivered = 0;  // by delivery time
  std::uint32_t on_time = 0;    // of those delivered in this hour
  double rider_on_shift_ms = 0;
  double rider_busy_ms = 0;
};

struct Sample {
  sim::Time time = 0;
  std::uint32_t placed = 0;
  std::uint32_t delivered = 0;
  std::uint32_t on_time = 0;
  std::uint32_t rejected = 0;
  std::uint32_t in_flight = 0;   // accepted, not yet delivered
  std::uint32_t unassigned = 0;  // accepted, waiting for a rider
  std::uint32_t pick_queue = 0;  // waiting for a picker, all stores
  std::uint32_t riders_idle = 0;
  std::uint32_t riders_busy = 0;
  std::uint32_t riders_off = 0;
  std::uint32_t drones_airborne = 0;
  std::uint32_t drones_grounded = 0;  // 1 per hub when the weather keeps its drones down
};

struct StockRecord {
  std::string group;
  std::uint32_t stockouts = 0;  // orders that found fewer items than they asked for
  std::uint32_t replenishments = 0;
  int on_hand_end = 0;
  int on_hand_min = 0;
};

struct StoreRecord {
  std::string id;
  routing::LatLon location;
  routing::NodeId node = routing::kNoNode;
  std::uint32_t orders = 0;
  double queue_area_ms = 0;        // integral of the pick queue length over time, in order * ms
  std::vector<StockRecord> stock;  // per SKU group, when the scenario has a catalog
  std::vector<HourRecord> hours;   // its riders' time per scenario hour (the rider_* fields)
  std::vector<Sample> samples;     // its own time series; the order counts are of its orders
};

struct RunResult {
  sim::Time start_tod = 0;
  sim::Time duration = 0;
  sim::Time promise = 0;
  sim::Time end_time = 0;  // when the run stopped
  std::uint64_t events = 0;
  double wall_seconds = 0;
  double global_dispatch_seconds = 0;  // wall time in cross-store dispatch, between windows
  std::uint32_t riders_lent = 0;       // cross-store assignments
  std::uint32_t riders_repositioned = 0;
  double routing_seconds = 0;  // building or loading the contraction hierarchies
  std::vector<OrderRecord> orders;
  std::vector<RiderRecord> riders;
  std::vector<StoreRecord> stores;
  std::vector<HourRecord> hours;
  std::vector<Sample> samples;
  // Drones and the cold chain; empty without them.
  std::vector<std::string> temp_classes;                // names, by index
  std::vector<std::pair<double, double>> class_ranges;  // [min_c, max_c] by index
  std::vector<HubRecord> hubs;
  std::vector<DroneRecord> drones;
  std::vector<SensorInfo> sensors;
  std::vector<SensorReading> readings;  // in (time, sensor) order
  std::vector<ThermalTrace> traces;     // in (order, class) order
  std::uint32_t alerts = 0;
  std::uint32_t orders_forwarded = 0;
  double rider_cost = 0;  // all riders' hours and km at the scenario's rates
  double drone_cost = 0;
  // Likely mistakes, one line each: the scenario's (set by whoever loaded it, first) and those
  // the run's own orders raise (model::outcome_warnings).
  std::vector<std::string> warnings;
};

}  // namespace model
