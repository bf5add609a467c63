#include <algorithm>

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

}  // namespace routing
