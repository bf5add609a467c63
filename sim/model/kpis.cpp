#include "sim/model/kpis.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace model {

Summary summarize(std::vector<double> values) {
  Summary s;
  s.count = values.size();
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(values.size());
  auto rank = [&](double q) {
    const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(k, 1, values.size()) - 1];
  };
  s.p50 = rank(0.50);
  s.p90 = rank(0.90);
  s.p99 = rank(0.99);
  return s;
}

namespace {

double ratio(double num, double den) { return den > 0 ? num / den : 0; }

// A temperature class's name; its index when the run does not name it.
std::string class_name(const RunResult& r, std::uint32_t temp_class) {
  return temp_class < r.temp_classes.size() ? r.temp_classes[temp_class]
                                            : "class " + std::to_string(temp_class);
}

void drone_kpis(const RunResult& r, Kpis& k) {
  std::vector<double> by_mode[2];
  std::uint32_t on_time[2] = {0, 0};
  double drone_energy_wh = 0;
  for (const auto& o : r.orders) {
    if (o.status != OrderStatus::delivered) continue;
    const int m = o.mode == Mode::drone ? 1 : 0;
    by_mode[m].push_back(sim::to_minutes(o.delivered - o.placed));
    if (o.delivered - o.placed <= r.promise) ++on_time[m];
    if (m == 1) drone_energy_wh += o.energy_wh;
  }
  k.rider_deliveries = static_cast<std::uint32_t>(by_mode[0].size());
  k.drone_deliveries = static_cast<std::uint32_t>(by_mode[1].size());
  k.rider_share = ratio(k.rider_deliveries, k.orders_delivered);
  k.drone_share = ratio(k.drone_deliveries, k.orders_delivered);
  k.rider_on_time_share = ratio(on_time[0], k.rider_deliveries);
  k.drone_on_time_share = ratio(on_time[1], k.drone_deliveries);
  k.rider_click_to_door_min = summarize(std::move(by_mode[0]));
  k.drone_click_to_door_min = summarize(std::move(by_mode[1]));
  k.energy_per_drone_delivery_wh = ratio(drone_energy_wh, k.drone_deliveries);

  double rider_m = 0, drone_m = 0;
  for (const auto& rider : r.riders) rider_m += rider.distance_m;
  for (const auto& d : r.drones) {
    drone_m += d.distance_m;
    k.battery_swaps += d.swaps;
    k.recharges += d.recharges;
    k.flights_aborted_weather += d.aborted;
  }
  k.rider_km_per_delivery = ratio(rider_m / 1000.0, k.rider_deliveries);
  k.drone_km_per_delivery = ratio(drone_m / 1000.0, k.drone_deliveries);
}

void cold_kpis(const RunResult& r, Kpis& k) {
  for (std::uint32_t c = 0; c < r.temp_classes.size(); ++c) k.cold_by_class[class_name(r, c)];
  std::uint32_t cold_orders = 0;
  sim::Time outside = 0;
  for (const auto& o : r.orders) {
    if (o.spoiled) ++k.spoiled_orders;
    if (o.status == OrderStatus::rejected && o.reason == RejectReason::spoiled)
      ++k.orders_refused_spoiled;
    if (!o.cold.empty()) ++cold_orders;
    // Delivered, or refused at the door: the orders whose goods reached the customer.
    const bool at_door = o.status == OrderStatus::delivered ||
                         (o.status == OrderStatus::rejected && o.reason == RejectReason::spoiled);
    for (const auto& line : o.cold) {
      auto& c = k.cold_by_class[class_name(r, line.temp_class)];
      outside += line.outside;
      c.excursion_min += sim::to_minutes(line.outside);
      if (!at_door) continue;
      ++c.orders;
      if (line.spoiled) ++c.spoiled;
    }
  }
  for (auto& [name, c] : k.cold_by_class) c.spoiled_share = ratio(c.spoiled, c.orders);
  for (const auto& reading : r.readings)
    if (reading.flag == SensorReading::Flag::alert && reading.sensor < r.sensors.size())
      ++k.cold_by_class[class_name(r, r.sensors[reading.sensor].temp_class)].alerts;
  k.excursion_min = sim::to_minutes(outside);
  k.excursion_per_cold_order_min = ratio(k.excursion_min, cold_orders);
  k.alerts = r.alerts;
}

void stock_kpis(const RunResult& r, Kpis& k) {
  for (const auto& store : r.stores)
    for (const auto& s : store.stock) k.stockouts += s.stockouts;
  for (const auto& o : r.orders) {
    if (o.status == OrderStatus::rejected && o.reason == RejectReason::out_of_stock)
      ++k.orders_lost_stock;
    k.items_missing += o.items_missing;
    k.items_substituted += o.items_substituted;
  }
  k.orders_forwarded = r.orders_forwarded;
}

}  // namespace

Kpis compute_kpis(const RunResult& r) {
  Kpis k;
  for (auto reason :
       {RejectReason::out_of_radius, RejectReason::no_rider, RejectReason::unreachable,
        RejectReason::out_of_stock, RejectReason::spoiled, RejectReason::store_closed,
        RejectReason::store_busy, RejectReason::cancelled})
    k.rejected_by_reason[to_string(reason)] = 0;
  std::vector<double> click_to_door, pick_wait;
  std::uint32_t on_time = 0;
  for (const auto& o : r.orders) {
    ++k.orders_placed;
    switch (o.status) {
      case OrderStatus::delivered:
        ++k.orders_delivered;
        click_to_door.push_back(sim::to_minutes(o.delivered - o.placed));
        if (o.delivered - o.placed <= r.promise) ++on_time;
        break;
      case OrderStatus::rejected:
        ++k.orders_rejected;
        ++k.rejected_by_reason[to_string(o.reason)];
        break;
      case OrderStatus::open:
        ++k.orders_open;
        break;
    }
    if (o.pick_started != sim::kNever)
      pick_wait.push_back(sim::to_minutes(o.pick_started - o.placed));
  }
  k.on_time_share = k.orders_delivered ? double(on_time) / k.orders_delivered : 0;
  k.click_to_door_min = summarize(std::move(click_to_door));
  k.pick_wait_min = summarize(std::move(pick_wait));
  double on_shift = 0, busy = 0, distance_m = 0;
  for (const auto& rider : r.riders) {
    on_shift += static_cast<double>(rider.on_shift);
    busy += static_cast<double>(rider.busy);
    distance_m += rider.distance_m;
  }
  k.rider_utilisation = on_shift > 0 ? busy / on_shift : 0;
  k.orders_per_rider_hour = on_shift > 0 ? k.orders_delivered / (on_shift / sim::kHour) : 0;
  k.km_per_order = k.orders_delivered ? distance_m / 1000.0 / k.orders_delivered : 0;
  k.events = r.events;
  k.wall_seconds = r.wall_seconds;
  k.events_per_second = r.wall_seconds > 0 ? static_cast<double>(r.events) / r.wall_seconds : 0;

  k.has_drones = !r.hubs.empty();
  k.has_cold_chain = !r.temp_classes.empty();
  k.has_stock = std::any_of(r.stores.begin(), r.stores.end(),
                            [](const StoreRecord& s) { return !s.stock.empty(); });
  k.has_cost = k.has_drones || r.rider_cost != 0 || r.drone_cost != 0;
  drone_kpis(r, k);
  cold_kpis(r, k);
  stock_kpis(r, k);
  k.rider_cost = r.rider_cost;
  k.drone_cost = r.drone_cost;
  k.cost_per_order = ratio(r.rider_cost + r.drone_cost, k.orders_delivered);
  k.cost_per_rider_order = ratio(r.rider_cost, k.rider_deliveries);
  k.cost_per_drone_order = ratio(r.drone_cost, k.drone_deliveries);
  return k;
}

}  // namespace model
