#include "sim/model/store_routes.h"

#include "sim/model/world_setup.h"

namespace model {

routing::TravelTimes::Trip StoreRoutes::trip(std::uint32_t travel, routing::NodeId from,
                                             routing::NodeId to, sim::Time t) {
  return world_->travel[travel]->trip_from(world_->config.start_tod + t, [&](std::uint32_t level) {
    return leg(travel, level, from, to).ms;
  });
}

const routing::TravelTimes::Leg& StoreRoutes::leg(std::uint32_t travel, std::uint32_t level,
                                                  routing::NodeId from, routing::NodeId to) {
  auto [it, asked] = legs_.try_emplace({travel, level, from, to});
  if (asked) it->second = world_->travel[travel]->leg(from, to, level);
  return it->second;
}

}  // namespace model
