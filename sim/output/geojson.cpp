#include "sim/output/geojson.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "sim/model/fleet.h"
#include "sim/output/time_format.h"

namespace output {

namespace {

using nlohmann::json;

// 7 decimals of a degree: about a centimetre.
double degrees(double v) { return std::round(v * 1e7) / 1e7; }

json position(routing::LatLon p) { return json::array({degrees(p.lon), degrees(p.lat)}); }

json ring(const std::vector<routing::LatLon>& points) {
  json r = json::array();
  for (const auto& p : points) r.push_back(position(p));
  return r;
}

json feature(json geometry, json properties) {
  return {{"type", "Feature"},
          {"geometry", std::move(geometry)},
          {"properties", std::move(properties)}};
}

json seconds_or_null(sim::Time t) {
  if (t == sim::kNever) return nullptr;
  return static_cast<double>(t) / sim::kSecond;
}

// The circle of `radius_m` around `centre`, counter-clockwise and closed.
json circle(routing::LatLon centre, double radius_m) {
  std::vector<routing::LatLon> points;
  constexpr int kSides = 64;
  for (int i = 0; i <= kSides; ++i) {
    const double a = 2 * M_PI * (i % kSides) / kSides;
    points.push_back(routing::offset(centre, radius_m * std::sin(a), radius_m * std::cos(a)));
  }
  return {{"type", "Polygon"}, {"coordinates", json::array({ring(points)})}};
}

bool riding(std::uint8_t state) {
  const auto s = static_cast<model::RiderState>(state);
  return s != model::RiderState::idle && s != model::RiderState::off_shift;
}

}  // namespace

std::string run_geojson(const model::WorldConfig& config, const model::RunResult& result,
                        const std::vector<model::TwinState>& frames) {
  json features = json::array();
  const auto store_id = [&](std::int32_t index) -> json {
    if (index < 0 || static_cast<std::size_t>(index) >= config.stores.size()) return nullptr;
    return config.stores[static_cast<std::size_t>(index)].id;
  };
  for (const auto& s : config.stores) {
    features.push_back(feature(
        {{"type", "Point"}, {"coordinates", position(s.location)}},
        {{"kind", "store"}, {"id", s.id}, {"pickers", s.pickers}, {"radius_m", s.radius_m}}));
    features.push_back(feature(circle(s.location, s.radius_m),
                               {{"kind", "service_area"}, {"id", s.id}, {"radius_m", s.radius_m}}));
  }
  for (const auto& h : result.hubs)
    features.push_back(feature(
        {{"type", "Point"}, {"coordinates", position(h.location)}},
        {{"kind", "hub"}, {"id", h.id}, {"store", store_id(static_cast<std::int32_t>(h.store))}}));
  for (const auto& o : result.orders) {
    json p = {{"kind", "order"},
              {"id", o.id},
              {"store", store_id(o.store)},
              {"status", model::to_string(o.status)},
              {"reason", o.reason == model::RejectReason::none ? json(nullptr)
                                                               : json(model::to_string(o.reason))},
              {"mode", model::to_string(o.mode)},
              {"items", o.items},
              {"placed_clock", clock_seconds_text(config.start_tod + o.placed)}};
    const std::pair<const char*, sim::Time> phases[] = {
        {"placed_s", o.placed},   {"assigned_s", o.assigned},   {"pick_started_s", o.pick_started},
        {"picked_s", o.picked},   {"packed_s", o.packed},       {"picked_up_s", o.picked_up},
        {"at_door_s", o.at_door}, {"delivered_s", o.delivered}, {"rejected_s", o.rejected}};
    for (const auto& [key, t] : phases) p[key] = seconds_or_null(t);
    if (o.delivered != sim::kNever) {
      p["click_to_door_min"] = sim::to_minutes(o.delivered - o.placed);
      p["late"] = o.delivered - o.placed > config.promise;
    } else {
      p["click_to_door_min"] = nullptr;
      p["late"] = nullptr;
    }
    features.push_back(
        feature({{"type", "Point"}, {"coordinates", position(o.location)}}, std::move(p)));
  }
  // Trips: each rider's run of frames away from idle.
  struct Open {
    json coordinates = json::array();
    sim::Time start = 0, last = 0;
  };
  std::map<std::uint32_t, Open> open;
  std::map<std::uint32_t, const model::RiderRecord*> rider_of;
  for (const auto& r : result.riders) rider_of[r.id] = &r;
  const auto close = [&](std::uint32_t rider, Open& trip) {
    if (trip.coordinates.size() >= 2) {
      const auto found = rider_of.find(rider);
      const model::RiderRecord* r = found == rider_of.end() ? nullptr : found->second;
      features.push_back(
          feature({{"type", "LineString"}, {"coordinates", std::move(trip.coordinates)}},
                  {{"kind", "trip"},
                   {"rider", rider},
                   {"store", r ? store_id(r->store) : json(nullptr)},
                   {"vehicle", r ? json(r->vehicle) : json(nullptr)},
                   {"start", clock_seconds_text(config.start_tod + trip.start)},
                   {"end", clock_seconds_text(config.start_tod + trip.last)}}));
    }
    trip = Open{};
  };
  for (const auto& frame : frames)
    for (const auto& v : frame.riders) {
      auto it = open.find(v.id);
      if (!riding(v.state)) {
        if (it != open.end()) {
          close(v.id, it->second);
          open.erase(it);
        }
        continue;
      }
      if (it == open.end())
        it = open.emplace(v.id, Open{json::array(), frame.time, frame.time}).first;
      it->second.coordinates.push_back(
          json::array({degrees(v.at.lon), degrees(v.at.lat), 0,
                       static_cast<double>(frame.time) / sim::kSecond}));
      it->second.last = frame.time;
    }
  for (auto& [rider, trip] : open) close(rider, trip);
  return json{{"type", "FeatureCollection"}, {"features", std::move(features)}}.dump() + "\n";
}

std::string isochrones_geojson(const std::vector<StoreIsochrones>& stores) {
  json features = json::array();
  for (const auto& s : stores) {
    std::vector<const routing::Isochrone*> by_size;
    for (const auto& iso : s.isochrones) by_size.push_back(&iso);
    std::sort(by_size.begin(), by_size.end(),
              [](const auto* a, const auto* b) { return a->limit_ms > b->limit_ms; });
    for (const auto* iso : by_size) {
      json polygons = json::array();
      for (const auto& poly : iso->area) {
        json rings = json::array({ring(poly.outer)});
        for (const auto& hole : poly.holes) rings.push_back(ring(hole));
        polygons.push_back(std::move(rings));
      }
      features.push_back(feature({{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}},
                                 {{"store", s.store},
                                  {"vehicle", s.vehicle},
                                  {"speed_kmh", s.speed_kmh},
                                  {"minutes", static_cast<double>(iso->limit_ms) / sim::kMinute},
                                  {"depart", clock_text(s.depart_tod)},
                                  {"nodes", iso->nodes},
                                  {"road_km", std::round(iso->road_km * 1000) / 1000}}));
    }
  }
  return json{{"type", "FeatureCollection"}, {"features", std::move(features)}}.dump() + "\n";
}

}  // namespace output
