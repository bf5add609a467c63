// A store's riders ride the same few hundred legs all day: this cache asks each (profile, metric,
// from, to) of the contraction hierarchy once: levels the congestion leaves alike share a metric.
// It is not part of the world's state: every answer is the hierarchy's, so a fork may copy it or
// start empty and runs the same. One per store, used only by the thread running that store's
// logical process.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "routing/road_network.h"
#include "routing/travel_times.h"
#include "sim/engine/time.h"

namespace model {

struct WorldSetup;

class StoreRoutes {
 public:
  explicit StoreRoutes(const WorldSetup& world) : world_(&world) {}
  // A trip by a vehicle profile (an index into WorldSetup::travel), departing at scenario time t;
  // duration_ms < 0 when there is no route.
  routing::TravelTimes::Trip trip(std::uint32_t travel, routing::NodeId from, routing::NodeId to,
                                  sim::Time t);
  // A leg from or to a store's node to or from one of its customers is read from the store's
  // table (StoreSetup::legs_out/legs_back); any other is asked of the hierarchy once and kept.
  routing::TravelTimes::Leg leg(std::uint32_t travel, std::uint32_t level, routing::NodeId from,
                                routing::NodeId to);
  // No trip from `from` to `to` by that profile takes less: TravelTimes::lower_bound_ms, raised
  // to the least of the levels' times when one end is a store with the other in its table.
  std::int64_t lower_bound_ms(std::uint32_t travel, routing::NodeId from, routing::NodeId to) const;
  // The route's length of a trip at a level, in metres.
  double trip_length(std::uint32_t travel, std::uint32_t level, routing::NodeId from,
                     routing::NodeId to) {
    return leg(travel, level, from, to).length_m;
  }

 private:
  struct LegKey {
    std::uint32_t travel, metric;
    routing::NodeId from, to;
    bool operator==(const LegKey&) const = default;
  };
  struct LegKeyHash {
    std::size_t operator()(const LegKey& k) const {
      std::uint64_t h = (std::uint64_t{k.from} << 32 | k.to) * 0x9e3779b97f4a7c15ull;
      return static_cast<std::size_t>(h ^ (std::uint64_t{k.travel} << 48 | k.metric) ^ (h >> 29));
    }
  };
  const WorldSetup* world_;
  std::unordered_map<LegKey, routing::TravelTimes::Leg, LegKeyHash> legs_;
};

}  // namespace model
