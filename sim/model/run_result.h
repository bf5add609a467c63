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
enum class RejectReason : std::uint8_t { none, out_of_radius, no_rider, unreachable };
const char* to_string(OrderStatus s);
const char* to_string(RejectReason r);

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
  sim::Time pick_started = sim::kNever;
  sim::Time packed = sim::kNever;
  sim::Time picked_up = sim::kNever;
  sim::Time delivered = sim::kNever;
  sim::Time rejected = sim::kNever;
  double distance_m = 0;  // store to customer on the road
};

struct RiderRecord {
  std::uint32_t id = 0;
  std::int32_t store = 0;
  std::string vehicle;
  sim::Time on_shift = 0;  // total time on shift
  sim::Time busy = 0;      // on shift and not idle
  double distance_m = 0;
  std::uint32_t deliveries = 0;
};

struct StoreRecord {
  std::string id;
  routing::LatLon location;
  routing::NodeId node = routing::kNoNode;
  std::uint32_t orders = 0;
  double queue_area_ms = 0;  // integral of the pick queue length over time, in order * ms
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
};

}  // namespace model
