#include "routing/travel_times.h"

#include <chrono>
#include <filesystem>

#include <fmt/format.h>

namespace routing {

TravelTimes::TravelTimes(std::shared_ptr<const RoadNetwork> network, VehicleProfile profile,
                         const CongestionProfile& congestion, const std::string& cache_prefix,
                         int threads)
    : network_(std::move(network)), profile_(std::move(profile)), congestion_(congestion) {
  const auto t0 = std::chrono::steady_clock::now();
  if (!cache_prefix.empty()) {
    std::error_code ec;  // a folder that cannot be made only means no cache
    std::filesystem::create_directories(std::filesystem::path(cache_prefix).parent_path(), ec);
  }
  for (std::size_t k = 0; k < congestion_.level_count(); ++k) {
    const auto arcs = travel_time_metric(*network_, profile_, congestion_.level(k));
    const std::uint64_t sum = ContractionHierarchy::checksum(network_->node_count(), arcs);
    const std::string path =
        cache_prefix.empty() ? std::string()
                             : fmt::format("{}.{}-{:016x}.ch", cache_prefix, profile_.name, sum);
    CacheOutcome outcome;
    hierarchies_.push_back(
        load_or_build_hierarchy(path, network_->node_count(), arcs, threads, &outcome));
    outcomes_.push_back(outcome);
  }
  preprocessing_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

CHQuery& TravelTimes::query(std::uint32_t level) const {
  auto& mine = queries_.local();
  if (mine.empty())
    for (const auto& ch : hierarchies_) mine.push_back(std::make_unique<CHQuery>(ch));
  return *mine[level];
}

TravelTimes::Trip TravelTimes::trip(NodeId from, NodeId to, std::int64_t depart_tod_ms) const {
  const auto level = static_cast<std::uint32_t>(congestion_.level_at(depart_tod_ms));
  const Weight d = query(level).distance(from, to);
  if (d == kInfWeight) return {};
  Trip best{static_cast<std::int64_t>(d), level, depart_tod_ms};
  std::int64_t arrive = depart_tod_ms + best.duration_ms;
  // FIFO repair: a later level that arrives sooner sets the arrival.
  for (std::int64_t t = congestion_.next_change(depart_tod_ms); t < arrive;
       t = congestion_.next_change(t)) {
    const auto k = static_cast<std::uint32_t>(congestion_.level_at(t));
    const Weight dk = query(k).distance(from, to);
    if (dk != kInfWeight && t + static_cast<std::int64_t>(dk) < arrive) {
      arrive = t + static_cast<std::int64_t>(dk);
      best.level = k;
      best.leave_tod_ms = t;
    }
  }
  best.duration_ms = arrive - depart_tod_ms;
  return best;
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
