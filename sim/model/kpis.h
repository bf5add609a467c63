// The key performance indicators of one run, computed from its RunResult. Durations are minutes.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "sim/model/run_result.h"

namespace model {

struct Summary {
  double mean = 0, p50 = 0, p90 = 0, p99 = 0;
  std::size_t count = 0;
};

// Mean and nearest-rank percentiles; all zero for an empty sample.
Summary summarize(std::vector<double> values);

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
  double on_time_share = 0;          // delivered within the promise / delivered
  Summary click_to_door_min;         // delivered - placed
  Summary pick_wait_min;             // pick started - placed, accepted orders that were picked
  double rider_utilisation = 0;      // busy / on shift, all riders
  double orders_per_rider_hour = 0;  // delivered / rider hours on shift
  double km_per_order = 0;           // rider km (out and back) / delivered
  std::uint64_t events = 0;
  double wall_seconds = 0;
  double events_per_second = 0;

  // Which operations the run had; the figures below are zero without them. These follow the
  // scenario's structure, not chance, so every replication of a scenario has the same ones.
  bool has_drones = false;      // the run had drone hubs
  bool has_cold_chain = false;  // the run had temperature classes
  bool has_stock = false;       // some store kept stock records
  bool has_cost = false;        // drones, or a non-zero rider or drone cost

  // Deliveries by mode (riders and drones), for comparing the two.
  std::uint32_t rider_deliveries = 0;
  std::uint32_t drone_deliveries = 0;
  double rider_share = 0;  // rider-delivered / delivered
  double drone_share = 0;  // drone-delivered / delivered
  double rider_on_time_share = 0;
  double drone_on_time_share = 0;
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
