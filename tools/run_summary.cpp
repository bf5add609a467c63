#include "tools/run_summary.h"

#include <cmath>
#include <cstdint>

#include <fmt/core.h>

namespace {

// A share as a percentage, or n/a when there was nothing to divide by (model::kNoShare; 0%
// would claim every order was late).
std::string share_text(double share) {
  return std::isnan(share) ? std::string("n/a") : fmt::format("{:.1f}%", 100 * share);
}

}  // namespace

void print_run_summary(const scenarios::Scenario& s, const model::Kpis& k, const std::string& dir) {
  fmt::print("halfhour: {} (seed {})\n", s.name, s.world.seed);
  fmt::print("  orders placed        {}\n", k.orders_placed);
  fmt::print("  delivered            {}\n", k.orders_delivered);
  fmt::print("  rejected             {}", k.orders_rejected);
  for (const auto& [reason, n] : k.rejected_by_reason)
    if (n) fmt::print("  ({}: {})", reason, n);
  fmt::print("\n  open at the end      {}\n", k.orders_open);
  fmt::print("  on time (<= {:.0f} min)  {} of accepted, {} of delivered\n",
             sim::to_minutes(s.world.promise), share_text(k.on_time_share),
             share_text(k.on_time_share_of_delivered));
  if (k.orders_delivered)
    fmt::print("  click-to-door        mean {:.1f} min, p50 {:.1f}, p90 {:.1f}, p99 {:.1f}\n",
               k.click_to_door_min.mean, k.click_to_door_min.p50, k.click_to_door_min.p90,
               k.click_to_door_min.p99);
  else
    fmt::print("  click-to-door        n/a (nothing delivered)\n");
  fmt::print("  pick-queue wait      mean {:.1f} min, p90 {:.1f}\n", k.pick_wait_min.mean,
             k.pick_wait_min.p90);
  fmt::print("  rider utilisation    {}\n", share_text(k.rider_utilisation));
  fmt::print("  orders / rider-hour  {:.2f}\n",
             std::isnan(k.orders_per_rider_hour) ? 0.0 : k.orders_per_rider_hour);
  fmt::print("  km / order           {:.2f}\n", k.km_per_order);
  if (k.has_drones)
    fmt::print(
        "  drones               {} delivered ({}), {} on time, {:.1f} Wh each, "
        "{} aborted\n",
        k.drone_deliveries, share_text(k.drone_share), share_text(k.drone_on_time_share),
        k.energy_per_drone_delivery_wh, k.flights_aborted_weather);
  if (k.has_cold_chain)
    fmt::print("  cold chain           {} spoiled, {:.1f} min out of range, {} alerts\n",
               k.spoiled_orders, k.excursion_min, k.alerts);
  if (k.has_stock)
    fmt::print("  stock                {} stockouts, {} orders lost, {} forwarded\n", k.stockouts,
               k.orders_lost_stock, k.orders_forwarded);
  if (k.has_cost) fmt::print("  cost / order         {:.2f}\n", k.cost_per_order);
  for (const auto& store : k.stores) {
    const auto& v = store.service;
    fmt::print("  store {}: {} accepted, {} on time, click-to-door p90 {}, rider utilisation {}\n",
               store.id, v.accepted, share_text(v.on_time_share),
               v.delivered ? fmt::format("{:.1f} min", v.click_to_door_min.p90) : "n/a",
               share_text(v.rider_utilisation));
  }
  fmt::print("  events               {} in {:.2f} s\n", k.events, k.wall_seconds);
  fmt::print("report: {}/report.html\n", dir);
}
