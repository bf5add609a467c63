#include "sim/model/incidents.h"

namespace model {

void add_storm_congestion(WorldConfig& config) {
  for (const Incident& inc : config.incidents)
    if (inc.kind == Incident::Kind::storm && inc.road_factor < 1)
      config.congestion.push_back({(config.start_tod + inc.from) % sim::kDay,
                                   (config.start_tod + inc.to) % sim::kDay,
                                   inc.road_factor,
                                   {}});
}

std::vector<Storm> grounding_storms(const WorldConfig& config) {
  const FlightLimits& limits = config.drones.limits;
  std::vector<Storm> storms;
  for (const Incident& inc : config.incidents)
    if (inc.kind == Incident::Kind::storm &&
        (inc.wind_mps > limits.max_wind_mps || inc.rain_mmh > limits.max_rain_mmh))
      storms.push_back({inc.from, inc.to});
  return storms;
}

std::vector<TimeWindow> unit_down_windows(const WorldConfig& config, std::size_t store,
                                          std::size_t temp_class) {
  std::vector<TimeWindow> downs;
  for (const Incident& inc : config.incidents)
    if (inc.kind == Incident::Kind::unit_down && inc.store == store && inc.temp_class == temp_class)
      downs.emplace_back(inc.from, inc.to);
  return downs;
}

std::vector<TimeWindow> store_closed_windows(const WorldConfig& config, std::size_t store) {
  std::vector<TimeWindow> closed;
  for (const Incident& inc : config.incidents)
    if (inc.kind == Incident::Kind::store_closed && inc.store == store)
      closed.emplace_back(inc.from, inc.to);
  return closed;
}

bool hub_down(const WorldConfig& config, std::uint32_t hub, sim::Time t) {
  for (const Incident& inc : config.incidents)
    if (inc.kind == Incident::Kind::hub_down && inc.hub == hub && t >= inc.from && t < inc.to)
      return true;
  return false;
}

}  // namespace model
