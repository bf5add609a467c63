#include <algorithm>

#include <fmt/format.h>

#include "routing/mdrp_dispatch.h"

namespace routing {

MdrpTiming time_assignment(const MdrpRules& rules, PlanePoint from, std::int64_t start,
                           PlanePoint restaurant, std::int64_t ready,
                           const std::vector<PlanePoint>& drops) {
  MdrpTiming t;
  t.arrive_restaurant = start + rules.travel_ms(from, restaurant);
  t.pickup = std::max(ready, t.arrive_restaurant + rules.pickup_service_ms / 2);
  t.leave_restaurant = t.pickup + (rules.pickup_service_ms - rules.pickup_service_ms / 2);
  t.arrive.reserve(drops.size());
  t.drop.reserve(drops.size());
  PlanePoint at = restaurant;
  std::int64_t clock = t.leave_restaurant;
  for (const PlanePoint& d : drops) {
    clock += rules.travel_ms(at, d);
    t.arrive.push_back(clock);
    t.drop.push_back(clock + rules.dropoff_service_ms / 2);
    clock += rules.dropoff_service_ms;
    at = d;
  }
  t.free = clock;
  return t;
}

std::unique_ptr<MdrpPolicy> make_mdrp_policy(const std::string& name,
                                             const MdrpRollingHorizonParams& rolling) {
  if (name == "nearest_idle") return std::make_unique<MdrpNearestIdle>();
  if (name == "rolling_horizon") return std::make_unique<MdrpRollingHorizon>(rolling);
  return nullptr;
}

std::string mdrp_policy_parameters(const std::string& name,
                                   const MdrpRollingHorizonParams& rolling) {
  if (name != "rolling_horizon") return "";
  const auto minutes = [](std::int64_t ms) { return fmt::format("{:g}", ms / 60'000.0); };
  return fmt::format("epoch {} min, horizon {} min, ready gap {} min, max bundle {}",
                     minutes(rolling.epoch_ms), minutes(rolling.horizon_ms),
                     minutes(rolling.ready_gap_ms), rolling.max_bundle);
}

std::vector<std::string> mdrp_policy_names() { return {"nearest_idle", "rolling_horizon"}; }

}  // namespace routing
