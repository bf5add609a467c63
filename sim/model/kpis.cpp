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
double share(double num, double den) { return den > 0 ? num / den : kNoShare; }

// Every reason an order can be rejected for, listed with zeros in rejected_by_reason.
constexpr RejectReason kReasons[] = {RejectReason::out_of_radius, RejectReason::no_rider,
                                     RejectReason::unreachable,   RejectReason::out_of_stock,
                                     RejectReason::spoiled,       RejectReason::store_closed,
                                     RejectReason::store_busy,    RejectReason::cancelled};

bool on_time(const OrderRecord& o, sim::Time promise) {
  return o.status == OrderStatus::delivered && o.delivered - o.placed <= promise;
}

// The clock hour (0-23) of a time since the scenario start.
int clock_hour(const RunResult& r, sim::Time t) {
  return static_cast<int>(((r.start_tod + t) / sim::kHour) % 24);
}

// The order figures of the orders with these indices.
ServiceKpis order_kpis(const RunResult& r, const std::vector<std::size_t>& indices) {
  ServiceKpis k;
  for (auto reason : kReasons) k.rejected_by_reason[to_string(reason)] = 0;
  std::vector<double> click_to_door, pick_wait;
  for (std::size_t i : indices) {
    const OrderRecord& o = r.orders[i];
    ++k.placed;
    k.accepted += accepted(o);
    switch (o.status) {
      case OrderStatus::delivered:
        ++k.delivered;
        click_to_door.push_back(sim::to_minutes(o.delivered - o.placed));
        k.on_time += on_time(o, r.promise);
        break;
      case OrderStatus::rejected:
        ++k.rejected;
        ++k.rejected_by_reason[to_string(o.reason)];
        break;
      case OrderStatus::open:
        ++k.open;
        break;
    }
    if (o.pick_started != sim::kNever)
      pick_wait.push_back(sim::to_minutes(o.pick_started - o.placed));
  }
  k.on_time_share = share(k.on_time, k.accepted);
  k.on_time_share_of_delivered = share(k.on_time, k.delivered);
  k.click_to_door_min = summarize(std::move(click_to_door));
  k.pick_wait_min = summarize(std::move(pick_wait));
  return k;
}

void add_rider_hours(ServiceKpis& k, double on_shift_ms, double busy_ms) {
  k.rider_hours += on_shift_ms / sim::kHour;
  k.rider_busy_hours += busy_ms / sim::kHour;
}

void finish_rider_figures(ServiceKpis& k) {
  k.rider_utilisation = share(k.rider_busy_hours, k.rider_hours);
  k.orders_per_rider_hour = share(k.delivered, k.rider_hours);
}

// Per clock hour: the orders placed in it (`by_hour`, indices) and the rider time of the
// scenario hours starting in it; only hours with either.
std::vector<HourKpis> hour_kpis(const RunResult& r,
                                const std::vector<std::vector<std::size_t>>& by_hour,
                                const std::vector<HourRecord>& rider_hours) {
  std::vector<HourKpis> out;
  for (int h = 0; h < 24; ++h) {
    HourKpis hk{h, order_kpis(r, by_hour[h])};
    for (std::size_t s = 0; s < rider_hours.size(); ++s)
      if (clock_hour(r, static_cast<sim::Time>(s) * sim::kHour) == h)
        add_rider_hours(hk.service, rider_hours[s].rider_on_shift_ms, rider_hours[s].rider_busy_ms);
    finish_rider_figures(hk.service);
    if (hk.service.placed > 0 || hk.service.rider_hours > 0) out.push_back(std::move(hk));
  }
  return out;
}

void store_kpis(const RunResult& r, Kpis& k) {
  using Hours = std::vector<std::vector<std::size_t>>;
  Hours city_hours(24);
  std::vector<std::vector<std::size_t>> by_store(r.stores.size());
  std::vector<Hours> store_hours(r.stores.size(), Hours(24));
  for (std::size_t i = 0; i < r.orders.size(); ++i) {
    const OrderRecord& o = r.orders[i];
    const int h = clock_hour(r, o.placed);
    city_hours[h].push_back(i);
    if (o.store < 0 || static_cast<std::size_t>(o.store) >= r.stores.size()) continue;
    by_store[o.store].push_back(i);
    store_hours[o.store][h].push_back(i);
  }
  for (std::size_t s = 0; s < r.stores.size(); ++s) {
    StoreKpis sk{r.stores[s].id, order_kpis(r, by_store[s]),
                 hour_kpis(r, store_hours[s], r.stores[s].hours)};
    for (const auto& rider : r.riders)
      if (rider.store == static_cast<std::int32_t>(s))
        add_rider_hours(sk.service, static_cast<double>(rider.on_shift),
                        static_cast<double>(rider.busy));
    finish_rider_figures(sk.service);
    k.stores.push_back(std::move(sk));
  }
  k.hours = hour_kpis(r, city_hours, r.hours);
}

// A temperature class's name; its index when the run does not name it.
std::string class_name(const RunResult& r, std::uint32_t temp_class) {
  return temp_class < r.temp_classes.size() ? r.temp_classes[temp_class]
                                            : "class " + std::to_string(temp_class);
}

void drone_kpis(const RunResult& r, Kpis& k) {
  std::vector<double> by_mode[2];
  std::uint32_t on_time_by_mode[2] = {0, 0}, accepted_by_mode[2] = {0, 0};
  double drone_energy_wh = 0;
  for (const auto& o : r.orders) {
    const int m = o.mode == Mode::drone ? 1 : 0;
    accepted_by_mode[m] += accepted(o);
    if (o.status != OrderStatus::delivered) continue;
    by_mode[m].push_back(sim::to_minutes(o.delivered - o.placed));
    on_time_by_mode[m] += on_time(o, r.promise);
    if (m == 1) drone_energy_wh += o.energy_wh;
  }
  k.rider_deliveries = static_cast<std::uint32_t>(by_mode[0].size());
  k.drone_deliveries = static_cast<std::uint32_t>(by_mode[1].size());
  k.rider_accepted = accepted_by_mode[0];
  k.drone_accepted = accepted_by_mode[1];
  k.rider_share = share(k.rider_deliveries, k.orders_delivered);
  k.drone_share = share(k.drone_deliveries, k.orders_delivered);
  k.rider_on_time_share = share(on_time_by_mode[0], k.rider_accepted);
  k.drone_on_time_share = share(on_time_by_mode[1], k.drone_accepted);
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

bool accepted(const OrderRecord& o) {
  return !(o.status == OrderStatus::rejected && o.reason == RejectReason::out_of_radius);
}

Kpis compute_kpis(const RunResult& r) {
  Kpis k;
  std::vector<std::size_t> all(r.orders.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  ServiceKpis city = order_kpis(r, all);
  for (const auto& rider : r.riders)
    add_rider_hours(city, static_cast<double>(rider.on_shift), static_cast<double>(rider.busy));
  finish_rider_figures(city);
  k.orders_placed = city.placed;
  k.orders_delivered = city.delivered;
  k.orders_open = city.open;
  k.rejected_by_reason = city.rejected_by_reason;
  k.orders_rejected = city.rejected;
  k.orders_accepted = city.accepted;
  k.on_time_share = city.on_time_share;
  k.on_time_share_of_delivered = city.on_time_share_of_delivered;
  k.click_to_door_min = city.click_to_door_min;
  k.pick_wait_min = city.pick_wait_min;
  k.rider_utilisation = city.rider_utilisation;
  k.orders_per_rider_hour = city.orders_per_rider_hour;
  double distance_m = 0;
  for (const auto& rider : r.riders) distance_m += rider.distance_m;
  k.km_per_order = ratio(distance_m / 1000.0, k.orders_delivered);
  store_kpis(r, k);
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
