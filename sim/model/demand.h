// Where and when customers order: a non-homogeneous Poisson process, piecewise constant by
// clock hour, with customers spread over the road nodes and around hotspots; or a replayed trace.
// Draws only from its own random stream.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "routing/road_network.h"
#include "sim/engine/random.h"
#include "sim/model/world_config.h"

namespace model {

struct OrderRequest {
  sim::Time time = 0;
  routing::NodeId customer = routing::kNoNode;
  routing::LatLon location;
  std::uint32_t items = 1;
};

class DemandGenerator {
 public:
  DemandGenerator(const WorldConfig& config, const routing::RoadNetwork& network);

  // The next order placed strictly after the previous one (at or after 0 for the first), if it
  // comes before the end of the demand window.
  std::optional<OrderRequest> next();

  // Orders per millisecond at time t since the start (0 for traces).
  double rate_per_ms(sim::Time t) const;

  // The mean number of orders next() gives at or after `from` (ms since the start; the trace's
  // rows for a trace): what a caller reserves room for.
  double expected_count(sim::Time from = 0) const;

  // One customer drawn as the generated demand places them (around a hotspot or over the demand
  // area), with their location; its node may be in a detached part of the map for a hotspot.
  routing::NodeId draw_customer(routing::LatLon* location);

  // The road nodes background customers are drawn from (empty: the whole main part, by index).
  const std::vector<routing::NodeId>& area_nodes() const { return area_; }

 private:
  // The end of t's clock hour, or of the demand window if sooner: the rate is constant up to it.
  sim::Time segment_end(sim::Time t) const;

  const WorldConfig& config_;
  const routing::RoadNetwork& network_;
  sim::RandomStream rng_;
  sim::Time now_ = 0;
  std::size_t trace_next_ = 0;
  std::array<double, 24> rate_per_ms_by_hour_{};
  double total_weight_ = 0;
  std::vector<routing::NodeId> area_;
};

// The main part's nodes within some store's radius (straight line from the store, as orders are
// accepted), in node order.
std::vector<routing::NodeId> nodes_in_service_areas(const WorldConfig& config,
                                                    const routing::RoadNetwork& network);

}  // namespace model
