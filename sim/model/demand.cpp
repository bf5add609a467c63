#include "sim/model/demand.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "routing/circle_index.h"

namespace model {

namespace {
constexpr std::uint64_t kDemandStream = 1;
}

DemandGenerator::DemandGenerator(const WorldConfig& config, const routing::RoadNetwork& network)
    : config_(config), network_(network), rng_(config.seed, kDemandStream) {
  const auto& profile = config.demand.profile;
  double sum = std::accumulate(profile.begin(), profile.end(), 0.0);
  for (int h = 0; h < 24; ++h) {
    const double share = sum > 0 ? profile[h] / sum : 1.0 / 24;
    rate_per_ms_by_hour_[h] = config.demand.orders_per_day * share / sim::kHour;
  }
  total_weight_ = config.demand.background_weight;
  for (const auto& h : config.demand.hotspots) total_weight_ += h.weight;
  if (!config.demand.use_trace && config.demand.area == DemandArea::stores &&
      config.demand.background_weight > 0)
    area_ = nodes_in_service_areas(config, network);
}

std::vector<routing::NodeId> nodes_in_service_areas(const WorldConfig& config,
                                                    const routing::RoadNetwork& network) {
  std::vector<routing::CircleIndex::Circle> zones;
  for (const StoreConfig& store : config.stores) zones.push_back({store.location, store.radius_m});
  const routing::CircleIndex index(zones);
  std::vector<routing::NodeId> nodes;
  for (std::size_t n = 0; n < network.main_node_count(); ++n)
    if (index.any_contains(network.position(static_cast<routing::NodeId>(n))))
      nodes.push_back(static_cast<routing::NodeId>(n));
  return nodes;
}

double DemandGenerator::rate_per_ms(sim::Time t) const {
  if (config_.demand.use_trace) return 0;
  const sim::Time tod = config_.start_tod + t;
  return rate_per_ms_by_hour_[(tod / sim::kHour) % 24];
}

sim::Time DemandGenerator::segment_end(sim::Time t) const {
  const sim::Time tod = config_.start_tod + t;
  return std::min(t + (sim::kHour - tod % sim::kHour), config_.duration);
}

double DemandGenerator::expected_count(sim::Time from) const {
  if (config_.demand.use_trace) return static_cast<double>(config_.demand.trace.size());
  double sum = 0;
  for (sim::Time t = std::max<sim::Time>(from, 0); t < config_.duration;) {
    const sim::Time end = segment_end(t);
    sum += rate_per_ms(t) * static_cast<double>(end - t);
    t = end;
  }
  return sum;
}

std::optional<OrderRequest> DemandGenerator::next() {
  OrderRequest req;
  if (config_.demand.use_trace) {
    const auto& trace = config_.demand.trace;
    while (trace_next_ < trace.size() && trace[trace_next_].time < 0) ++trace_next_;
    if (trace_next_ >= trace.size()) return std::nullopt;
    const auto& row = trace[trace_next_++];
    if (row.time >= config_.duration) return std::nullopt;
    req.time = row.time;
    req.location = row.location;
    req.customer = network_.nearest_node(row.location);
    req.items = static_cast<std::uint32_t>(std::max(1, row.items));
    return req;
  }
  // Inversion of the cumulative intensity: an Exp(1) amount of intensity is spent hour by hour.
  double budget = rng_.exponential(1.0);
  sim::Time t = now_;
  while (true) {
    if (t >= config_.duration) return std::nullopt;
    const sim::Time end = segment_end(t);
    const double rate = rate_per_ms(t);
    const double available = rate * static_cast<double>(end - t);
    if (rate > 0 && budget <= available) {
      t += std::max<sim::Time>(1, std::llround(budget / rate));
      if (t >= config_.duration) return std::nullopt;
      break;
    }
    budget -= available;
    t = end;
  }
  now_ = t;
  req.time = t;
  req.customer = draw_customer(&req.location);
  const double extra = std::max(0.0, config_.demand.basket_mean_items - 1);
  req.items = 1 + rng_.poisson(extra);
  return req;
}

routing::NodeId DemandGenerator::draw_customer(routing::LatLon* location) {
  double u = rng_.uniform() * total_weight_;
  for (const auto& h : config_.demand.hotspots) {
    if (u < h.weight) {
      const double r = h.radius_m * std::sqrt(rng_.uniform());
      const double theta = 2 * M_PI * rng_.uniform();
      *location = routing::offset(h.center, r * std::cos(theta), r * std::sin(theta));
      return network_.nearest_node(*location);
    }
    u -= h.weight;
  }
  // Spread over the main part only: a node of a part with no road to it is no customer a store
  // could ever serve. (A hotspot draw above snaps to the nearest street wherever it is, so a
  // customer near a detached street is rejected as unreachable, never moved across the gap.)
  // With no node in any store's radius the area falls back to the whole main part.
  const auto node = area_.empty()
                        ? static_cast<routing::NodeId>(rng_.below(network_.main_node_count()))
                        : area_[rng_.below(area_.size())];
  *location = network_.position(node);
  return node;
}

}  // namespace model
