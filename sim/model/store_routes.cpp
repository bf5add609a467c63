#include "sim/model/store_routes.h"

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
  return world_->travel[travel]->lower_bound_ms(from, to);
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
  auto [it, asked] = legs_.try_emplace({travel, level, from, to});
  if (asked) it->second = world_->travel[travel]->leg(from, to, level);
  return it->second;
}

}  // namespace model
