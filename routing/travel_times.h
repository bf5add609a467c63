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
#include <span>
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
  // The same from the trip's duration at each level, level_ms(level) (kInfWeight: unreachable),
  // for callers that keep their own cache of level_ms().
  template <class LevelMs>
  Trip trip_from(std::int64_t depart_tod_ms, LevelMs&& level_ms) const;
  // The duration of a trip at one level, without the FIFO repair.
  Weight level_ms(NodeId from, NodeId to, std::uint32_t level) const {
    return query(level).distance(from, to);
  }
  // The duration and the route's length in metres of a trip at one level, in one query.
  struct Leg {
    Weight ms = kInfWeight;
    double length_m = -1;
  };
  Leg leg(NodeId from, NodeId to, std::uint32_t level) const;
  std::int64_t travel_ms(NodeId from, NodeId to, std::int64_t depart_tod_ms) const {
    return trip(from, to, depart_tod_ms).duration_ms;
  }
  // A time in ms that no trip from `from` to `to` beats at any departure, FIFO repair and
  // waiting included: the straight-line distance (in a plane: equirectangular projection about
  // the map's centre, so the triangle inequality holds) times the least ms per metre of straight
  // line that any arc takes at any level. 0 when from == to. For pruning, never for timing.
  std::int64_t lower_bound_ms(NodeId from, NodeId to) const;
  // The nodes of the route a trip takes at `level`, from..to, and its length in metres.
  double route(NodeId from, NodeId to, std::uint32_t level, std::vector<NodeId>* nodes) const;

  const RoadNetwork& network() const { return *network_; }
  const VehicleProfile& profile() const { return profile_; }
  const CongestionProfile& congestion() const { return congestion_; }
  std::size_t level_count() const { return metric_of_.size(); }
  std::size_t metric_count() const { return hierarchies_.size(); }  // distinct levels
  // Levels whose metrics are equal (the congestion leaves this profile's speeds alone) share one
  // hierarchy, built or loaded once.
  const ContractionHierarchy& hierarchy(std::size_t level) const {
    return hierarchies_[metric_of_[level]];
  }
  // The index of a level's metric among the distinct ones (0 .. level_count() - 1): levels with
  // the same index share hierarchy() and edge_lengths().
  std::uint32_t metric_of(std::size_t level) const { return metric_of_[level]; }
  // Metres per edge of hierarchy(level), by edge_index (a shortcut's is its halves').
  std::span<const float> edge_lengths(std::size_t level) const {
    return edge_length_[metric_of_[level]];
  }
  const std::vector<CacheOutcome>& cache_outcomes() const { return outcomes_; }

 private:
  CHQuery& query(std::uint32_t level) const;
  double plane_m(LatLon a, LatLon b) const;  // metres between a and b in lower_bound_ms()'s plane

  std::shared_ptr<const RoadNetwork> network_;
  VehicleProfile profile_;
  CongestionProfile congestion_;
  std::vector<std::uint32_t> metric_of_;           // by level: its index below
  std::vector<ContractionHierarchy> hierarchies_;  // by distinct metric
  std::vector<std::vector<float>> edge_length_;    // by distinct metric, per hierarchy edge: m
  std::vector<CacheOutcome> outcomes_;
  double metres_per_lat_deg_ = 0, metres_per_lon_deg_ = 0;  // the plane of lower_bound_ms()
  double min_ms_per_m_ = 0;                                 // over every arc and level
  mutable tbb::enumerable_thread_specific<std::vector<std::unique_ptr<CHQuery>>> queries_;
};

template <class LevelMs>
TravelTimes::Trip TravelTimes::trip_from(std::int64_t depart_tod_ms, LevelMs&& level_ms) const {
  const auto level = static_cast<std::uint32_t>(congestion_.level_at(depart_tod_ms));
  const Weight d = level_ms(level);
  if (d == kInfWeight) return {};
  Trip best{static_cast<std::int64_t>(d), level, depart_tod_ms};
  std::int64_t arrive = depart_tod_ms + best.duration_ms;
  // FIFO repair: a later level that arrives sooner sets the arrival.
  for (std::int64_t t = congestion_.next_change(depart_tod_ms); t < arrive;
       t = congestion_.next_change(t)) {
    const auto k = static_cast<std::uint32_t>(congestion_.level_at(t));
    const Weight dk = level_ms(k);
    if (dk != kInfWeight && t + static_cast<std::int64_t>(dk) < arrive) {
      arrive = t + static_cast<std::int64_t>(dk);
      best.level = k;
      best.leave_tod_ms = t;
    }
  }
  best.duration_ms = arrive - depart_tod_ms;
  return best;
}

}  // namespace routing
