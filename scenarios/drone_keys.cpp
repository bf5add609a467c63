#include <cmath>
#include <set>
#include <string>
#include <utility>

#include <fmt/core.h>

#include "scenarios/key_readers.h"
#include "scenarios/logistics_keys.h"
#include "scenarios/units.h"

namespace scenarios::detail {

namespace {

model::DroneSpec read_frame(const MapReader& hub, const model::DroneSpec& fallback) {
  if (!hub.has("frame")) return fallback;
  MapReader m(
      hub.origin(), hub.get("frame"), hub.path("frame"),
      {"frame_kg", "battery_kg", "max_payload_kg", "max_takeoff_kg", "cruise_kmh", "lift_to_drag",
       "efficiency", "avionics_w", "rotor_area_m2", "air_density", "battery_wh", "reserve"});
  model::DroneSpec d = fallback;
  d.frame_kg = read_positive(m, "frame_kg", d.frame_kg, 1000);
  d.battery_kg = read_positive(m, "battery_kg", d.battery_kg, 1000);
  d.max_payload_kg = read_positive(m, "max_payload_kg", d.max_payload_kg, 1000);
  d.max_takeoff_kg = read_positive(m, "max_takeoff_kg", d.max_takeoff_kg, 10'000);
  const double empty_kg = d.frame_kg + d.battery_kg;
  if (empty_kg + d.max_payload_kg > d.max_takeoff_kg) {
    const std::string expected = fmt::format(
        "frame_kg + battery_kg + max_payload_kg at most max_takeoff_kg ({} + {} + {} > {})",
        format_number(d.frame_kg), format_number(d.battery_kg), format_number(d.max_payload_kg),
        format_number(d.max_takeoff_kg));
    for (const char* k : {"max_payload_kg", "max_takeoff_kg", "frame_kg", "battery_kg"})
      if (m.has(k)) m.fail(k, expected);
  }
  d.cruise_mps = read_positive(m, "cruise_kmh", d.cruise_mps * 3.6, 300) / 3.6;
  d.lift_to_drag = read_positive(m, "lift_to_drag", d.lift_to_drag, 100);
  d.efficiency = read_positive(m, "efficiency", d.efficiency, 1);
  d.avionics_w = m.number("avionics_w", d.avionics_w, 0, 100'000);
  d.rotor_area_m2 = read_positive(m, "rotor_area_m2", d.rotor_area_m2, 100);
  d.air_density = read_positive(m, "air_density", d.air_density, 2);
  d.battery_wh = read_positive(m, "battery_wh", d.battery_wh, 1e6);
  const YAML::Node r = m.get("reserve");
  if (r) {
    double v = 0;
    if (!r.IsScalar() || !YAML::convert<double>::decode(r, v) || !std::isfinite(v) || v < 0 ||
        v >= 1)
      m.fail("reserve", "a share of the battery from 0 up to (not including) 1");
    d.reserve_share = v;
  }
  return d;
}

model::HubConfig read_hub(const MapReader& m, const model::WorldConfig& w,
                          const std::vector<model::HubConfig>& before) {
  model::HubConfig h;
  std::vector<std::string> taken, stores;
  for (const auto& b : before) taken.push_back(b.id);
  for (const auto& st : w.stores) stores.push_back(st.id);
  h.id = read_id(m, "id", taken, "drones.hubs");
  h.store = read_name(m, "store", stores, "the id of a store", "");
  h.location = m.has("location") ? read_lat_lon(m, "location") : w.stores[h.store].location;
  h.drones = static_cast<int>(m.integer("drones", h.drones, 1, 100'000));
  h.spare_batteries =
      static_cast<int>(m.integer("spare_batteries", h.spare_batteries, 0, 1'000'000));
  h.swap_time = m.duration("swap_time", h.swap_time, /*allow_zero=*/true);
  h.recharge_time = m.duration("recharge_time", h.recharge_time, /*allow_zero=*/false);
  h.takeoff = m.duration("takeoff", h.takeoff, /*allow_zero=*/true);
  h.landing = m.duration("landing", h.landing, /*allow_zero=*/true);
  for (const char* k : {"swap_time", "recharge_time", "takeoff", "landing"})
    if (m.has(k) && m.duration(k, 0, true) > sim::kDay) m.fail(k, "at most 24h");
  h.max_litres = read_positive(m, "max_litres", h.max_litres, 1000);
  h.to_door = read_bool(m, "to_door", h.to_door);
  h.max_walk_m = m.distance_m("max_walk", h.max_walk_m);
  h.spec = read_frame(m, h.spec);
  h.pod = read_enclosure(m, "pod", h.pod);
  return h;
}

routing::NoFlyZone read_no_fly(const MapReader& m) {
  const YAML::Node list = m.list("corners", "corners {lat, lon}, the last repeating the first");
  routing::NoFlyZone z;
  for (std::size_t j = 0; j < list.size(); ++j) {
    const std::string path = fmt::format("{}[{}]", m.path("corners"), j);
    MapReader c(m.origin(), list[j], path, {"lat", "lon"});
    c.required("lat");
    c.required("lon");
    z.corners.push_back({c.number("lat", 0, -90, 90), c.number("lon", 0, -180, 180)});
  }
  const auto same = [](routing::LatLon a, routing::LatLon b) {
    return a.lat == b.lat && a.lon == b.lon;
  };
  if (z.corners.size() >= 2 && !same(z.corners.front(), z.corners.back()))
    throw InputError(
        m.mark("corners"), m.path("corners"), "a closed ring: the last corner repeating the first",
        fmt::format("a last corner at lat {}, lon {} and a first at lat {}, lon {}",
                    format_number(z.corners.back().lat), format_number(z.corners.back().lon),
                    format_number(z.corners.front().lat), format_number(z.corners.front().lon)));
  if (!z.corners.empty()) z.corners.pop_back();
  std::set<std::pair<double, double>> distinct;
  for (const auto& p : z.corners) distinct.insert({p.lat, p.lon});
  if (distinct.size() < 3)
    throw InputError(m.mark("corners"), m.path("corners"),
                     "a ring of at least 3 distinct corners, the last repeating the first",
                     fmt::format("{} distinct {}", distinct.size(),
                                 distinct.size() == 1 ? "corner" : "corners"));
  return z;
}

void read_weather(const MapReader& d, model::DroneConfig& c) {
  if (d.has("weather")) {
    MapReader m(d.origin(), d.get("weather"), d.path("weather"), {"wind_mps", "rain_mmh"});
    c.weather.wind_mps =
        read_hours(m, "wind_mps", c.weather.wind_mps, 0, kMaxWindMps, "wind speeds in m/s");
    c.weather.rain_mmh =
        read_hours(m, "rain_mmh", c.weather.rain_mmh, 0, kMaxRainMmh, "rain rates in mm/h");
  }
  if (d.has("limits")) {
    MapReader m(d.origin(), d.get("limits"), d.path("limits"), {"max_wind_mps", "max_rain_mmh"});
    c.limits.max_wind_mps = read_positive(m, "max_wind_mps", c.limits.max_wind_mps, kMaxWindMps);
    c.limits.max_rain_mmh = m.number("max_rain_mmh", c.limits.max_rain_mmh, 0, kMaxRainMmh);
  }
}

}  // namespace

void read_drones(const MapReader& top, Scenario& s) {
  auto& d = s.world.drones;
  if (!top.has("drones")) return;
  MapReader m(
      top.origin(), top.get("drones"), "drones",
      {"hubs", "drop_points", "no_fly", "weather", "limits", "mode", "share_target", "walk_kmh"});
  if (m.has("hubs")) {
    const YAML::Node list = m.list("hubs", "drone hubs, each with an id and a store");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string path = fmt::format("drones.hubs[{}]", i);
      s.marks[path] = m.origin().mark(list[i], path);
      MapReader h(
          m.origin(), list[i], path,
          {"id", "store", "location", "drones", "spare_batteries", "swap_time", "recharge_time",
           "takeoff", "landing", "max_litres", "to_door", "max_walk", "frame", "pod"});
      d.hubs.push_back(read_hub(h, s.world, d.hubs));
    }
  }
  if (m.has("drop_points")) {
    const YAML::Node list = m.list("drop_points", "{id, lat, lon}");
    std::vector<std::string> taken;
    for (std::size_t i = 0; i < list.size(); ++i) {
      MapReader p(m.origin(), list[i], fmt::format("drones.drop_points[{}]", i),
                  {"id", "lat", "lon"});
      model::DropPoint dp;
      dp.id = read_id(p, "id", taken, "drones.drop_points");
      taken.push_back(dp.id);
      p.required("lat");
      p.required("lon");
      dp.location = {p.number("lat", 0, -90, 90), p.number("lon", 0, -180, 180)};
      d.drop_points.push_back(dp);
    }
  }
  if (m.has("no_fly")) {
    const YAML::Node list = m.list("no_fly", "zones, each {id, corners}");
    for (std::size_t i = 0; i < list.size(); ++i) {
      MapReader z(m.origin(), list[i], fmt::format("drones.no_fly[{}]", i), {"id", "corners"});
      std::string id;
      if (z.has("id")) id = read_id(z, "id", s.no_fly_ids, "drones.no_fly");
      z.required("corners");
      d.no_fly.push_back(read_no_fly(z));
      s.no_fly_ids.push_back(id);
    }
  }
  read_weather(m, d);
  constexpr model::ModePolicy kModes[] = {model::ModePolicy::earliest, model::ModePolicy::cost,
                                          model::ModePolicy::share};
  std::vector<std::string> modes;
  for (auto p : kModes) modes.emplace_back(model::to_string(p));
  const std::string mode = m.choice("mode", model::to_string(d.mode), modes);
  for (auto p : kModes)
    if (mode == model::to_string(p)) d.mode = p;
  d.share_target = m.number("share_target", d.share_target, 0, 1);
  d.walk_kmh = read_positive(m, "walk_kmh", d.walk_kmh, 20);
}

}  // namespace scenarios::detail
