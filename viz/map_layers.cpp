#include "viz/map_layers.h"

#include <fmt/core.h>

#include "sim/model/incidents.h"

namespace viz {

namespace {

std::string clock(sim::Time tod) {
  const sim::Time t = ((tod % sim::kDay) + sim::kDay) % sim::kDay;
  return fmt::format("{:02}:{:02}", t / sim::kHour, t % sim::kHour / sim::kMinute);
}

}  // namespace

MapLayers map_layers(const model::WorldConfig& config) {
  MapLayers layers;
  for (const auto& zone : config.drones.no_fly) layers.no_fly.push_back(zone.corners);
  for (const auto& d : config.drones.drop_points) {
    model::TwinState::Place p;
    p.at = d.location;
    p.id = d.id;
    layers.drop_points.push_back(std::move(p));
  }
  layers.drones = !config.drones.hubs.empty();
  layers.start_tod = config.start_tod;
  layers.weather = config.drones.weather;
  layers.limits = config.drones.limits;
  layers.storms = model::grounding_storms(config);
  if (layers.drones)
    layers.flight.emplace(layers.weather, layers.limits, layers.start_tod, layers.storms);
  return layers;
}

std::string drone_weather_line(const MapLayers& layers, sim::Time t) {
  if (!layers.flight) return "";
  const model::FlightWeather& fw = *layers.flight;
  if (fw.flyable(t)) {
    const sim::Time down = fw.next_grounding(t);
    if (down == sim::kNever || down - t > 24 * sim::kHour) return "drones flying";
    const sim::Time up = fw.next_flyable(down);
    return fmt::format("drones flying (grounded next {}-{})", clock(layers.start_tod + down),
                       up == sim::kNever ? std::string("end") : clock(layers.start_tod + up));
  }
  std::string why;
  for (const auto& s : layers.storms)
    if (t >= s.from && t < s.to) why = "storm";
  if (why.empty()) {
    const auto hour = static_cast<std::size_t>(((layers.start_tod + t) / sim::kHour) % 24);
    if (layers.weather.wind_mps[hour] > layers.limits.max_wind_mps)
      why = fmt::format("wind {:g} m/s (limit {:g})", layers.weather.wind_mps[hour],
                        layers.limits.max_wind_mps);
    else
      why = fmt::format("rain {:g} mm/h (limit {:g})", layers.weather.rain_mmh[hour],
                        layers.limits.max_rain_mmh);
  }
  const sim::Time up = fw.next_flyable(t);
  return fmt::format("drones GROUNDED until {}: {}",
                     up == sim::kNever ? std::string("the end") : clock(layers.start_tod + up),
                     why);
}

}  // namespace viz
