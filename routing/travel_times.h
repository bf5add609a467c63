// Time-dependent travel for one vehicle profile over a road network: what the simulation asks
// when a rider leaves. Each congestion level of the day has its own contraction hierarchy
// (exact for trips that start and end in one level); a trip is priced at the level of its
// departure, then repaired to FIFO: a trip may always wait for a later, faster level, so its
// arrival is min over departures d' >= d of d' + time(d'), and leaving later never arrives
// earlier. The cost: a trip that crosses into another level keeps the speeds it left with.
// Immutable once built; queries are safe from many threads (each thread gets its own search
// state).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <tbb/enumerable_thread_specific.h>

#include "routing/ch_cache.h"
#include "routing/ch_query.h"
#include "routing/traffic.h"
#include "routing/vehicle_profile.h"

namespace routing {

class TravelTimes {
 public:
  // `cache_prefix`: hierarchies are cached at cache_prefix + "." + profile + "-" + checksum +
  // ".ch" (empty: no cache). `threads` = 0 uses every core for preprocessing.
  TravelTimes(std::shared_ptr<const RoadNetwork> network, VehicleProfile profile,
              const CongestionProfile& congestion, const std::string& cache_prefix = {},
              int threads = 0);
  TravelTimes(const TravelTimes&) = delete;
  TravelTimes& operator=(const TravelTimes&) = delete;

  struct Trip {
    std::int64_t duration_ms = -1;  // -1: unreachable
    std::uint32_t level = 0;        // the hierarchy whose route is taken
    std::int64_t leave_tod_ms = 0;  // when it really leaves (later than asked when it waits)
  };
  // Leaving `from` at time of day `depart_tod_ms` (ms since midnight; any value).
  Trip trip(NodeId from, NodeId to, std::int64_t depart_tod_ms) const;
  std::int64_t travel_ms(NodeId from, NodeId to, std::int64_t depart_tod_ms) const {
    return trip(from, to, depart_tod_ms).duration_ms;
  }
  // The nodes of the route a trip takes at `level`, from..to, and its length in metres.
  double route(NodeId from, NodeId to, std::uint32_t level, std::vector<NodeId>* nodes) const;

  const VehicleProfile& profile() const { return profile_; }
  const CongestionProfile& congestion() const { return congestion_; }
  std::size_t level_count() const { return hierarchies_.size(); }
  const ContractionHierarchy& hierarchy(std::size_t level) const { return hierarchies_[level]; }
  const std::vector<CacheOutcome>& cache_outcomes() const { return outcomes_; }
  double preprocessing_seconds() const { return preprocessing_seconds_; }

 private:
  CHQuery& query(std::uint32_t level) const;

  std::shared_ptr<const RoadNetwork> network_;
  VehicleProfile profile_;
  CongestionProfile congestion_;
  std::vector<ContractionHierarchy> hierarchies_;
  std::vector<CacheOutcome> outcomes_;
  double preprocessing_seconds_ = 0;
  mutable tbb::enumerable_thread_specific<std::vector<std::unique_ptr<CHQuery>>> queries_;
};

}  // namespace routing
