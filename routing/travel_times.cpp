#include "routing/travel_times.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include <fmt/format.h>
#include <tbb/task_arena.h>

#include "routing/parallel_loop.h"

namespace routing {

TravelTimes::TravelTimes(std::shared_ptr<const RoadNetwork> network, VehicleProfile profile,
                         const CongestionProfile& congestion, const std::string& cache_prefix,
                         int threads)
    : network_(std::move(network)), profile_(std::move(profile)), congestion_(congestion) {
  if (!cache_prefix.empty()) {
    std::error_code ec;  // a folder that cannot be made only means no cache
    std::filesystem::create_directories(std::filesystem::path(cache_prefix).parent_path(), ec);
  }
  // Each level's metric and its checksum, in parallel; then the distinct metrics, each loaded
  // (or built) with its edge lengths in parallel. Levels that leave the speeds alone share the
  // first such level's hierarchy.
  const std::size_t levels = congestion_.level_count();
  std::vector<std::vector<MetricArc>> arcs(levels);
  std::vector<std::uint64_t> sums(levels);
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    parallel_loop(levels, [&](std::size_t k) {
      arcs[k] = travel_time_metric(*network_, profile_, congestion_.level(k));
      sums[k] = ContractionHierarchy::checksum(network_->node_count(), arcs[k]);
    });
  });
  // The plane of lower_bound_ms(); below, the least ms per metre of it over every arc of every
  // level: along a route, time >= that rate * its arcs' straight lines >= rate * the line.
  const double centre_lat =
      (network_->min_corner().lat + network_->max_corner().lat) / 2 * M_PI / 180.0;
  metres_per_lat_deg_ = kEarthRadiusM * M_PI / 180.0;
  metres_per_lon_deg_ = metres_per_lat_deg_ * std::cos(centre_lat);
  std::vector<std::size_t> first_level;  // by distinct metric: the first level that has it
  for (std::size_t k = 0; k < levels; ++k) {
    const auto same = std::find_if(first_level.begin(), first_level.end(),
                                   [&](std::size_t j) { return sums[j] == sums[k]; });
    metric_of_.push_back(static_cast<std::uint32_t>(same - first_level.begin()));
    if (same == first_level.end()) first_level.push_back(k);
  }
  const std::size_t metrics = first_level.size();
  hierarchies_.resize(metrics);
  edge_length_.resize(metrics);
  std::vector<CacheOutcome> outcome(metrics);
  std::vector<double> min_rate(metrics);
  arena.execute([&] {
    parallel_loop(metrics, [&](std::size_t m) {
      const std::size_t k = first_level[m];
      const std::string path = cache_prefix.empty() ? std::string()
                                                    : fmt::format("{}.{}-{:016x}.ch", cache_prefix,
                                                                  profile_.name, sums[k]);
      hierarchies_[m] =
          load_or_build_hierarchy(path, network_->node_count(), arcs[k], threads, &outcome[m]);
      double rate = std::numeric_limits<double>::infinity();
      for (const MetricArc& a : arcs[k]) {
        const double line = plane_m(network_->position(a.from), network_->position(a.to));
        if (line > 0) rate = std::min(rate, static_cast<double>(a.weight) / line);
      }
      min_rate[m] = rate;
      // A shortcut's length is its halves', which sit at a lower-ranked node: fill by rank.
      const ContractionHierarchy& ch = hierarchies_[m];
      std::vector<float> length(ch.edge_count(), 0.0f);
      for (std::uint32_t r = 0; r < ch.node_count(); ++r)
        for (const auto* e = ch.up_begin(r); e != ch.down_end(r); ++e) {
          const std::uint32_t i = ch.edge_index(e);
          const std::uint32_t via = ch.via(e);
          if (via & ContractionHierarchy::kShortcut) {
            const auto& [x, y] = ch.halves(i);
            length[i] = length[x] + length[y];
          } else {
            length[i] = network_->arc_props(via).length_m;
          }
        }
      edge_length_[m] = std::move(length);
    });
  });
  for (std::size_t k = 0; k < levels; ++k) outcomes_.push_back(outcome[metric_of_[k]]);
  min_ms_per_m_ = min_rate.empty() ? 0 : *std::min_element(min_rate.begin(), min_rate.end());
  if (!std::isfinite(min_ms_per_m_)) min_ms_per_m_ = 0;
}

CHQuery& TravelTimes::query(std::uint32_t level) const {
  auto& mine = queries_.local();
  if (mine.empty())
    for (const auto& ch : hierarchies_) mine.push_back(std::make_unique<CHQuery>(ch));
  return *mine[metric_of_[level]];
}

TravelTimes::Trip TravelTimes::trip(NodeId from, NodeId to, std::int64_t depart_tod_ms) const {
  return trip_from(depart_tod_ms, [&](std::uint32_t level) { return level_ms(from, to, level); });
}

double TravelTimes::plane_m(LatLon a, LatLon b) const {
  const double north = (b.lat - a.lat) * metres_per_lat_deg_;
  const double east = (b.lon - a.lon) * metres_per_lon_deg_;
  return std::sqrt(north * north + east * east);
}

std::int64_t TravelTimes::lower_bound_ms(NodeId from, NodeId to) const {
  const double line = plane_m(network_->position(from), network_->position(to));
  // Shaved by a part in a million against rounding in the sums behind the triangle inequality.
  return static_cast<std::int64_t>(line * min_ms_per_m_ * (1 - 1e-6));
}

TravelTimes::Leg TravelTimes::leg(NodeId from, NodeId to, std::uint32_t level) const {
  thread_local std::vector<std::uint32_t> edges;
  Leg leg;
  leg.ms = query(level).path_edges(from, to, edges);
  if (leg.ms == kInfWeight) return leg;
  leg.length_m = 0;
  const std::span<const float> length = edge_lengths(level);
  for (std::uint32_t e : edges) leg.length_m += length[e];
  return leg;
}

double TravelTimes::route(NodeId from, NodeId to, std::uint32_t level,
                          std::vector<NodeId>* nodes) const {
  thread_local std::vector<std::uint32_t> arcs;
  if (nodes) nodes->clear();
  if (query(level).path(from, to, arcs) == kInfWeight) return -1;
  double length = 0;
  if (nodes) nodes->push_back(from);
  for (std::uint32_t a : arcs) {
    length += network_->arc_props(a).length_m;
    if (nodes) nodes->push_back(network_->arc_head(a));
  }
  return length;
}

}  // namespace routing
