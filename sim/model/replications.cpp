#include "sim/model/replications.h"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace model {

double student_t_975(int df) {
  return boost::math::quantile(boost::math::students_t(std::max(1, df)), 0.975);
}

std::vector<std::pair<std::string, double>> kpi_values(const Kpis& k) {
  std::vector<std::pair<std::string, double>> v = {
      {"orders_placed", k.orders_placed},
      {"orders_delivered", k.orders_delivered},
      {"orders_rejected", k.orders_rejected},
      {"orders_accepted", k.orders_accepted},
      {"orders_open", k.orders_open},
      {"on_time_share", k.on_time_share},
      {"on_time_share_of_delivered", k.on_time_share_of_delivered},
      {"click_to_door_mean_min", k.click_to_door_min.mean},
      {"click_to_door_p90_min", k.click_to_door_min.p90},
      {"pick_wait_mean_min", k.pick_wait_min.mean},
      {"rider_utilisation", k.rider_utilisation},
      {"orders_per_rider_hour", k.orders_per_rider_hour},
      {"km_per_order", k.km_per_order}};
  if (k.has_drones)
    v.insert(v.end(), {{"drone_share", k.drone_share},
                       {"drone_on_time_share", k.drone_on_time_share},
                       {"energy_per_drone_delivery_wh", k.energy_per_drone_delivery_wh},
                       {"drone_km_per_delivery", k.drone_km_per_delivery},
                       {"battery_swaps", k.battery_swaps},
                       {"recharges", k.recharges},
                       {"flights_aborted_weather", k.flights_aborted_weather}});
  if (k.has_cold_chain)
    v.insert(v.end(), {{"spoiled_orders", k.spoiled_orders},
                       {"orders_refused_spoiled", k.orders_refused_spoiled},
                       {"excursion_min", k.excursion_min},
                       {"excursion_per_cold_order_min", k.excursion_per_cold_order_min},
                       {"alerts", k.alerts}});
  if (k.has_stock)
    v.insert(v.end(), {{"stockouts", k.stockouts},
                       {"orders_lost_stock", k.orders_lost_stock},
                       {"items_missing", k.items_missing},
                       {"items_substituted", k.items_substituted},
                       {"orders_forwarded", k.orders_forwarded}});
  if (k.has_cost) {
    v.insert(v.end(), {{"cost_per_order", k.cost_per_order},
                       {"cost_per_rider_order", k.cost_per_rider_order}});
    // A run without drones has no drone cost to speak of, not a cost of 0.
    if (k.has_drones) v.emplace_back("cost_per_drone_order", k.cost_per_drone_order);
  }
  return v;
}

std::vector<std::pair<std::string, double>> store_kpi_values(const ServiceKpis& k) {
  return {{"orders_placed", k.placed},
          {"orders_accepted", k.accepted},
          {"orders_delivered", k.delivered},
          {"orders_rejected", k.rejected},
          {"orders_open", k.open},
          {"on_time_share", k.on_time_share},
          {"on_time_share_of_delivered", k.on_time_share_of_delivered},
          {"click_to_door_mean_min", k.click_to_door_min.mean},
          {"click_to_door_p90_min", k.click_to_door_min.p90},
          {"pick_wait_mean_min", k.pick_wait_min.mean},
          {"rider_utilisation", k.rider_utilisation}};
}

KpiInterval interval_of(std::string name, const std::vector<double>& all) {
  KpiInterval ci;
  ci.name = std::move(name);
  std::vector<double> sample;
  for (double x : all)
    if (!std::isnan(x)) sample.push_back(x);
  ci.n = sample.size();
  if (sample.empty()) {
    ci.mean = kNoShare;
    return ci;
  }
  double sum = 0;
  for (double x : sample) sum += x;
  ci.mean = sum / static_cast<double>(ci.n);
  if (ci.n > 1) {
    double ss = 0;
    for (double x : sample) ss += (x - ci.mean) * (x - ci.mean);
    ci.sd = std::sqrt(ss / static_cast<double>(ci.n - 1));
    ci.half_width =
        student_t_975(static_cast<int>(ci.n) - 1) * ci.sd / std::sqrt(static_cast<double>(ci.n));
  }
  return ci;
}

namespace {

// One interval per name that some run lists, in the order of first appearance; a run that does
// not list a name counts as zero for it.
std::vector<KpiInterval> intervals_of(
    const std::vector<std::vector<std::pair<std::string, double>>>& runs) {
  std::vector<std::map<std::string, double>> values;
  std::vector<std::string> names;
  for (const auto& r : runs) {
    auto& by_name = values.emplace_back();
    for (const auto& [name, value] : r) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      by_name[name] = value;
    }
  }
  const auto value = [&](std::size_t run, const std::string& name) {
    const auto it = values[run].find(name);
    return it == values[run].end() ? 0.0 : it->second;
  };
  std::vector<KpiInterval> out;
  for (const auto& name : names) {
    std::vector<double> sample;
    for (std::size_t r = 0; r < runs.size(); ++r) sample.push_back(value(r, name));
    out.push_back(interval_of(name, sample));
  }
  return out;
}

}  // namespace

std::vector<KpiInterval> replication_intervals(const std::vector<Kpis>& runs) {
  std::vector<std::vector<std::pair<std::string, double>>> values;
  for (const auto& r : runs) values.push_back(kpi_values(r));
  return intervals_of(values);
}

std::vector<StoreIntervals> store_intervals(const std::vector<Kpis>& runs) {
  std::vector<StoreIntervals> out;
  if (runs.empty()) return out;
  for (std::size_t s = 0; s < runs.front().stores.size(); ++s) {
    std::vector<std::vector<std::pair<std::string, double>>> values;
    for (const auto& r : runs)
      if (s < r.stores.size()) values.push_back(store_kpi_values(r.stores[s].service));
    out.push_back({runs.front().stores[s].id, intervals_of(values)});
  }
  return out;
}

}  // namespace model
