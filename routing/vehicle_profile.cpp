#include "routing/vehicle_profile.h"

#include <cmath>

#include <boost/range/iterator_range.hpp>

namespace routing {

namespace {

std::array<bool, kRoadClassCount> all_but(std::initializer_list<RoadClass> banned) {
  std::array<bool, kRoadClassCount> allowed;
  allowed.fill(true);
  for (RoadClass c : banned) allowed[static_cast<std::size_t>(c)] = false;
  return allowed;
}

}  // namespace

std::optional<VehicleProfile> vehicle_profile(std::string_view name, double speed_kmh) {
  if (name == "car") return VehicleProfile{"car", speed_kmh, all_but({}), kModeCar};
  if (name == "scooter")
    return VehicleProfile{"scooter", speed_kmh, all_but({RoadClass::motorway}), kModeMoped};
  for (const char* bike : {"ebike", "bicycle"})
    if (name == bike)
      return VehicleProfile{bike, speed_kmh, all_but({RoadClass::motorway}), kModeBicycle};
  if (name == "walking")
    return VehicleProfile{"walking", speed_kmh, all_but({RoadClass::motorway, RoadClass::trunk}),
                          kModeFoot};
  return std::nullopt;
}

std::vector<std::string> vehicle_profile_names() {
  return {"bicycle", "car", "ebike", "scooter", "walking"};
}

double edge_speed_mps(const EdgeProps& e, const VehicleProfile& p, double factor) {
  if (!p.allowed[static_cast<std::size_t>(e.road_class)] || !(e.modes & p.mode)) return 0;
  return std::min(p.speed_kmh, static_cast<double>(e.speed_kmh) * factor) / 3.6;
}

std::vector<MetricArc> travel_time_metric(const RoadNetwork& network, const VehicleProfile& p,
                                          const std::array<float, kRoadClassCount>& factors) {
  std::vector<MetricArc> arcs;
  arcs.reserve(network.edge_count());
  const Graph& g = network.graph();
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const EdgeProps& props = g[e];
    const double v = edge_speed_mps(props, p, factors[static_cast<std::size_t>(props.road_class)]);
    if (v <= 0) continue;
    const double ms = std::round(static_cast<double>(props.length_m) / v * 1000.0);
    arcs.push_back({static_cast<NodeId>(boost::source(e, g)),
                    static_cast<NodeId>(boost::target(e, g)),
                    static_cast<Weight>(std::min(ms, 4.0e9)),
                    static_cast<std::uint32_t>(boost::get(boost::edge_index, g, e))});
  }
  return arcs;
}

}  // namespace routing
