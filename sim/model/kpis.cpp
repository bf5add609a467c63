#include "sim/model/kpis.h"

#include <algorithm>
#include <cmath>

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

Kpis compute_kpis(const RunResult& r) {
  Kpis k;
  for (auto reason :
       {RejectReason::out_of_radius, RejectReason::no_rider, RejectReason::unreachable})
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
  return k;
}

}  // namespace model
