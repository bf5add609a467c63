#include "tools/run_summary.h"

#include <cstdint>

#include <fmt/core.h>

namespace {

// A share as a percentage, or n/a when there was nothing to divide by (0% would claim every
// order was late).
std::string share_text(double share, std::uint64_t out_of) {
  return out_of ? fmt::format("{:.1f}%", 100 * share) : std::string("n/a");
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
  fmt::print("  on time (<= {:.0f} min)  {}\n", sim::to_minutes(s.world.promise),
             share_text(k.on_time_share, k.orders_delivered));
  if (k.orders_delivered)
    fmt::print("  click-to-door        mean {:.1f} min, p50 {:.1f}, p90 {:.1f}, p99 {:.1f}\n",
               k.click_to_door_min.mean, k.click_to_door_min.p50, k.click_to_door_min.p90,
               k.click_to_door_min.p99);
  else
    fmt::print("  click-to-door        n/a (nothing delivered)\n");
  fmt::print("  pick-queue wait      mean {:.1f} min, p90 {:.1f}\n", k.pick_wait_min.mean,
             k.pick_wait_min.p90);
  fmt::print("  rider utilisation    {:.1f}%\n", 100 * k.rider_utilisation);
  fmt::print("  orders / rider-hour  {:.2f}\n", k.orders_per_rider_hour);
  fmt::print("  km / order           {:.2f}\n", k.km_per_order);
  if (k.has_drones)
    fmt::print(
        "  drones               {} delivered ({}), {} on time, {:.1f} Wh each, "
        "{} aborted\n",
        k.drone_deliveries, share_text(k.drone_share, k.orders_delivered),
        share_text(k.drone_on_time_share, k.drone_deliveries), k.energy_per_drone_delivery_wh,
        k.flights_aborted_weather);
  if (k.has_cold_chain)
    fmt::print("  cold chain           {} spoiled, {:.1f} min out of range, {} alerts\n",
               k.spoiled_orders, k.excursion_min, k.alerts);
  if (k.has_stock)
    fmt::print("  stock                {} stockouts, {} orders lost, {} forwarded\n", k.stockouts,
               k.orders_lost_stock, k.orders_forwarded);
  if (k.has_cost) fmt::print("  cost / order         {:.2f}\n", k.cost_per_order);
  fmt::print("  events               {} in {:.2f} s\n", k.events, k.wall_seconds);
  fmt::print("report: {}/report.html\n", dir);
}
