// The key performance indicators of one run, computed from its RunResult. Durations are minutes.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "sim/model/run_result.h"

namespace model {

struct Summary {
  double mean = 0, p50 = 0, p90 = 0, p99 = 0;
  std::size_t count = 0;
};

// Mean and nearest-rank percentiles; all zero for an empty sample.
Summary summarize(std::vector<double> values);

// A share with nothing to divide: NaN, written `null` in JSON and "n/a" in text, never 0 (0%
// would claim that every order was late).
inline constexpr double kNoShare = std::numeric_limits<double>::quiet_NaN();

// The name of the whole city's row where rows are per store (timeseries.csv, the sweep database).
inline constexpr const char* kCityRow = "city";

// The orders a store accepted: placed, less those outside every store's radius. An order inside
// a radius that no road reaches (`unreachable`) counts as accepted: the store promised it.
bool accepted(const OrderRecord& o);

// The service figures of a set of orders (the city's, one store's, those placed in one hour of
// the day) and of the riders who served them.
struct ServiceKpis {
  std::uint32_t placed = 0;
  std::uint32_t accepted = 0;  // placed, less out_of_radius
  std::uint32_t delivered = 0;
  std::uint32_t on_time = 0;  // delivered within the promise
  std::uint32_t rejected = 0;
  std::uint32_t open = 0;                                   // neither delivered nor rejected
  std::map<std::string, std::uint32_t> rejected_by_reason;  // every reason, zeros included
  // on_time / accepted: rejections for operations (no rider, out of stock, spoiled, ...) and
  // orders still open count as not on time. kNoShare when nothing was accepted.
  double on_time_share = kNoShare;
  double on_time_share_of_delivered = kNoShare;  // on_time / delivered
  Summary click_to_door_min;                     // delivered - placed
  Summary pick_wait_min;                // pick started - placed, accepted orders that were picked
  double rider_hours = 0;               // riders' time on shift
  double rider_busy_hours = 0;          // of that, not idle
  double rider_utilisation = kNoShare;  // busy / on shift
  double orders_per_rider_hour = kNoShare;  // delivered / rider hours on shift
};

// One hour of the day (clock hour 0-23 of the orders' placement; rider time by the clock hour the
// scenario hour starts in).
struct HourKpis {
  int hour = 0;
  ServiceKpis service;
};

// One store: the orders it took (an order no store took, out of radius or unreachable, counts
// for the city only) and its own riders.
struct StoreKpis {
  std::string id;
  ServiceKpis service;
  std::vector<HourKpis> hours;  // the hours of the day with orders placed or riders on shift
};

// The cold chain's figures for one temperature class.
struct ColdClassKpis {
  std::uint32_t orders = 0;   // delivered or refused as spoiled, with goods of this class
  std::uint32_t spoiled = 0;  // of those, the ones whose goods of this class spoiled
  double spoiled_share = 0;   // spoiled / orders
  double excursion_min = 0;   // time out of range of this class's lines, all orders
  std::uint32_t alerts = 0;   // sensor alerts of this class
};

struct Kpis {
  std::uint32_t orders_placed = 0;
  std::uint32_t orders_delivered = 0;
  std::uint32_t orders_open = 0;  // neither delivered nor rejected when the run stopped
  std::map<std::string, std::uint32_t> rejected_by_reason;  // every reason, zeros included
  std::uint32_t orders_rejected = 0;
  std::uint32_t orders_accepted = 0;  // placed, less out_of_radius
  // Delivered within the promise / accepted; kNoShare when nothing was accepted.
  double on_time_share = kNoShare;
  double on_time_share_of_delivered = kNoShare;  // delivered within the promise / delivered
  Summary click_to_door_min;                     // delivered - placed
  Summary pick_wait_min;                // pick started - placed, accepted orders that were picked
  double rider_utilisation = kNoShare;  // busy / on shift, all riders
  double orders_per_rider_hour = kNoShare;  // delivered / rider hours on shift
  double km_per_order = 0;                  // rider km (out and back) / delivered
  std::uint64_t events = 0;
  double wall_seconds = 0;
  double events_per_second = 0;

  // Which operations the run had; the figures below are zero without them. These follow the
  // scenario's structure, not chance, so every replication of a scenario has the same ones.
  bool has_drones = false;      // the run had drone hubs
  bool has_cold_chain = false;  // the run had temperature classes
  bool has_stock = false;       // some store kept stock records
  bool has_cost = false;        // drones, or a non-zero rider or drone cost

  // The same figures per store (in the scenario's order) and per hour of the day, city-wide.
  std::vector<StoreKpis> stores;
  std::vector<HourKpis> hours;

  // Deliveries by mode (riders and drones), for comparing the two. An accepted order belongs to
  // the drones once a drone took it, to the riders otherwise (open and rejected ones included).
  std::uint32_t rider_deliveries = 0;
  std::uint32_t drone_deliveries = 0;
  std::uint32_t rider_accepted = 0;
  std::uint32_t drone_accepted = 0;
  double rider_share = kNoShare;          // rider-delivered / delivered
  double drone_share = kNoShare;          // drone-delivered / delivered
  double rider_on_time_share = kNoShare;  // rider-delivered on time / rider_accepted
  double drone_on_time_share = kNoShare;  // drone-delivered on time / drone_accepted
  Summary rider_click_to_door_min;
  Summary drone_click_to_door_min;
  double rider_km_per_delivery = 0;         // rider km / rider-delivered
  double drone_km_per_delivery = 0;         // drone km (all flights) / drone-delivered
  double energy_per_drone_delivery_wh = 0;  // energy_wh of drone-delivered orders / their count
  std::uint32_t battery_swaps = 0;
  std::uint32_t recharges = 0;
  std::uint32_t flights_aborted_weather = 0;  // sum of DroneRecord::aborted

  // Cold chain.
  std::map<std::string, ColdClassKpis> cold_by_class;  // by class name, every class listed
  std::uint32_t spoiled_orders = 0;          // orders with a spoiled cold line, any status
  std::uint32_t orders_refused_spoiled = 0;  // rejected at the door, reason spoiled
  double excursion_min = 0;                  // every cold line's time out of range, all orders
  double excursion_per_cold_order_min = 0;   // excursion_min / orders with cold lines
  std::uint32_t alerts = 0;

  // Store stock.
  std::uint32_t stockouts = 0;          // sum of StockRecord::stockouts
  std::uint32_t orders_lost_stock = 0;  // rejected, reason out_of_stock
  std::uint32_t items_missing = 0;
  std::uint32_t items_substituted = 0;
  std::uint32_t orders_forwarded = 0;

  // Cost, in the scenario's currency.
  double rider_cost = 0;
  double drone_cost = 0;
  double cost_per_order = 0;        // (rider + drone cost) / delivered
  double cost_per_rider_order = 0;  // rider cost / rider-delivered
  double cost_per_drone_order = 0;  // drone cost / drone-delivered
};

Kpis compute_kpis(const RunResult& r);

}  // namespace model
