#include "sim/model/store_routes.h"

#include <algorithm>

#include "sim/model/world_setup.h"

namespace model {

routing::TravelTimes::Trip StoreRoutes::trip(std::uint32_t travel, routing::NodeId from,
                                             routing::NodeId to, sim::Time t) {
  return world_->travel[travel]->trip_from(world_->config.start_tod + t, [&](std::uint32_t level) {
    return leg(travel, level, from, to).ms;
  });
}

std::int64_t StoreRoutes::lower_bound_ms(std::uint32_t travel, routing::NodeId from,
                                         routing::NodeId to) const {
  const WorldSetup& w = *world_;
  const routing::TravelTimes& tt = *w.travel[travel];
  std::int64_t bound = tt.lower_bound_ms(from, to);
  if (w.store_at_node.empty()) return bound;
  // A leg from or to a store that has the other end in its table: a trip takes some level's
  // route (TravelTimes' FIFO repair only picks the departure), so it takes at least the least of
  // the levels' times, which is exact when the levels agree.
  auto least_of_levels = [&](const std::vector<routing::ZoneTimes>& tables, routing::NodeId n) {
    routing::Weight least = routing::kInfWeight;
    for (std::uint32_t m = 0; m < tt.metric_count(); ++m) {
      const std::uint32_t slot = w.level_base[travel] + m;
      const auto* e = slot < tables.size() ? tables[slot].find(n) : nullptr;
      if (!e) return std::int64_t{0};
      least = std::min(least, e->ms);
    }
    return least == routing::kInfWeight ? std::int64_t{0} : std::int64_t{least};
  };
  if (const std::int32_t s = w.store_at_node[from]; s >= 0)
    bound = std::max(bound, least_of_levels(w.stores[s].legs_out, to));
  if (const std::int32_t s = w.store_at_node[to]; s >= 0)
    bound = std::max(bound, least_of_levels(w.stores[s].legs_back, from));
  return bound;
}

routing::TravelTimes::Leg StoreRoutes::leg(std::uint32_t travel, std::uint32_t level,
                                           routing::NodeId from, routing::NodeId to) {
  const WorldSetup& w = *world_;
  if (!w.store_at_node.empty()) {
    const std::uint32_t slot = w.level_base[travel] + w.travel[travel]->metric_of(level);
    if (const std::int32_t s = w.store_at_node[from]; s >= 0) {
      const auto& table = w.stores[s].legs_out;
      if (slot < table.size())
        if (const auto* e = table[slot].find(to)) return {e->ms, e->length_m};
    }
    if (const std::int32_t s = w.store_at_node[to]; s >= 0) {
      const auto& table = w.stores[s].legs_back;
      if (slot < table.size())
        if (const auto* e = table[slot].find(from)) return {e->ms, e->length_m};
    }
  }
  const routing::TravelTimes& tt = *w.travel[travel];
  auto [it, asked] = legs_.try_emplace({travel, tt.metric_of(level), from, to});
  if (asked) it->second = tt.leg(from, to, level);
  return it->second;
}

}  // namespace model
