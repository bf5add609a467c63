#include "scenarios/resolved_yaml.h"

#include <yaml-cpp/yaml.h>

#include "scenarios/logistics_keys.h"
#include "scenarios/units.h"

namespace scenarios::detail {

namespace {

void lat_lon(YAML::Emitter& out, routing::LatLon p) {
  out << YAML::Key << "lat" << YAML::Value << format_number(p.lat);
  out << YAML::Key << "lon" << YAML::Value << format_number(p.lon);
}

void network(YAML::Emitter& out, const Scenario& s) {
  out << YAML::Key << "network" << YAML::Value << YAML::BeginMap;
  if (const auto* g = std::get_if<routing::GridSpec>(&s.network)) {
    out << YAML::Key << "grid" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "rows" << YAML::Value << g->rows;
    out << YAML::Key << "cols" << YAML::Value << g->cols;
    out << YAML::Key << "spacing_m" << YAML::Value << format_number(g->spacing_m);
    out << YAML::Key << "speed_kmh" << YAML::Value << format_number(g->speed_kmh);
    out << YAML::Key << "origin" << YAML::Value << YAML::BeginMap;
    lat_lon(out, g->origin);
    out << YAML::EndMap << YAML::EndMap;
  } else {
    out << YAML::Key << "osm" << YAML::Value << YAML::DoubleQuoted
        << std::get<OsmSource>(s.network).path;
  }
  out << YAML::Key << "cache" << YAML::Value << (s.world.routing_cache.empty() ? "false" : "true");
  out << YAML::Key << "congestion" << YAML::Value << YAML::BeginSeq;
  for (const auto& w : s.world.congestion) {
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "from" << YAML::Value << YAML::DoubleQuoted
        << format_time_of_day(w.from_tod_ms);
    out << YAML::Key << "to" << YAML::Value << YAML::DoubleQuoted
        << format_time_of_day(w.to_tod_ms);
    out << YAML::Key << "factor" << YAML::Value << format_number(w.factor);
    if (!w.roads.empty()) {
      out << YAML::Key << "roads" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (routing::RoadClass c : w.roads) out << routing::to_string(c);
      out << YAML::EndSeq;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::EndMap;
}

void distribution(YAML::Emitter& out, const char* key, const model::Distribution& d) {
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "dist" << YAML::Value << model::to_string(d.kind);
  out << YAML::Key << "mean" << YAML::Value << format_duration(d.mean);
  if (d.kind == model::Distribution::Kind::lognormal)
    out << YAML::Key << "cv" << YAML::Value << format_number(d.cv);
  out << YAML::EndMap;
}

void hours(YAML::Emitter& out, const char* key, const std::array<double, 24>& values) {
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (double v : values) out << format_number(v);
  out << YAML::EndSeq;
}

const char* boolean(bool b) { return b ? "true" : "false"; }

void enclosure(YAML::Emitter& out, const char* key, const model::Enclosure& e) {
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "tau" << YAML::Value << format_duration(e.tau);
  out << YAML::Key << "ice_packs" << YAML::Value << boolean(e.ice_packs);
  out << YAML::Key << "ice_hold" << YAML::Value << format_duration(e.ice_hold);
  out << YAML::EndMap;
}

void stock_policy(YAML::Emitter& out, const model::StockPolicy& p) {
  out << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "initial" << YAML::Value << p.initial;
  out << YAML::Key << "reorder_point" << YAML::Value << p.reorder_point;
  out << YAML::Key << "reorder_qty" << YAML::Value << p.reorder_qty;
  out << YAML::Key << "lead_time" << YAML::Value << format_duration(p.lead_time);
  out << YAML::Key << "capacity" << YAML::Value << p.capacity;
  if (!p.delivery_tod.empty()) {
    out << YAML::Key << "deliveries" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (sim::Time t : p.delivery_tod) out << YAML::DoubleQuoted << format_time_of_day(t);
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
}

// Only when present in the scenario: its presence switches the cold chain on.
void cold_chain(YAML::Emitter& out, const model::ColdChainConfig& cc) {
  if (!cc.enabled) return;
  out << YAML::Key << "cold_chain" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "classes" << YAML::Value << YAML::BeginSeq;
  for (const auto& c : cc.classes) {
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << c.name;
    if (c.min_c > -model::kNoLimitC)
      out << YAML::Key << "min_c" << YAML::Value << format_number(c.min_c);
    if (c.max_c < model::kNoLimitC)
      out << YAML::Key << "max_c" << YAML::Value << format_number(c.max_c);
    out << YAML::Key << "tolerance" << YAML::Value << format_duration(c.tolerance);
    out << YAML::Key << "store_c" << YAML::Value << format_number(c.store_c);
    out << YAML::Key << "pack_c" << YAML::Value << format_number(c.pack_c);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  hours(out, "outdoor_c", cc.outdoor_c);
  out << YAML::Key << "room_c" << YAML::Value << format_number(cc.room_c);
  out << YAML::Key << "product_tau" << YAML::Value << format_duration(cc.product_tau);
  out << YAML::Key << "door_open" << YAML::Value << format_duration(cc.door_open);
  enclosure(out, "box", cc.box);
  out << YAML::Key << "spoiled" << YAML::Value << model::to_string(cc.spoiled);
  if (cc.sensors.enabled) {
    out << YAML::Key << "sensors" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "period" << YAML::Value << format_duration(cc.sensors.period);
    out << YAML::Key << "noise_c" << YAML::Value << format_number(cc.sensors.noise_c);
    out << YAML::Key << "log_period" << YAML::Value << format_duration(cc.sensors.log_period);
    out << YAML::Key << "alert_after" << YAML::Value << cc.sensors.alert_after;
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

// Only when present in the scenario; without it the groups follow from the classes.
void catalog(YAML::Emitter& out, const model::WorldConfig& w) {
  const auto& cat = w.catalog;
  if (!cat.enabled) return;
  out << YAML::Key << "catalog" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "on_stockout" << YAML::Value << model::to_string(cat.on_stockout);
  out << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
  for (const auto& g : cat.groups) {
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << g.name;
    out << YAML::Key << "class" << YAML::Value << YAML::DoubleQuoted
        << w.cold_chain.classes[g.temp_class].name;
    out << YAML::Key << "share" << YAML::Value << format_number(g.share);
    out << YAML::Key << "kg_per_item" << YAML::Value << format_number(g.kg_per_item);
    out << YAML::Key << "litres_per_item" << YAML::Value << format_number(g.litres_per_item);
    out << YAML::Key << "stock" << YAML::Value;
    stock_policy(out, g.stock);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::EndMap;
}

void stores(YAML::Emitter& out, const model::WorldConfig& w) {
  out << YAML::Key << "stores" << YAML::Value << YAML::BeginSeq;
  for (const auto& st : w.stores) {
    out << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << YAML::DoubleQuoted << st.id;
    out << YAML::Key << "location" << YAML::Value << YAML::Flow << YAML::BeginMap;
    lat_lon(out, st.location);
    out << YAML::EndMap;
    out << YAML::Key << "radius" << YAML::Value << format_distance(st.radius_m);
    out << YAML::Key << "pickers" << YAML::Value << st.pickers;
    distribution(out, "pick_start", st.pick_start);
    distribution(out, "pick_time", st.pick_time);
    distribution(out, "pick_per_item", st.pick_per_item);
    distribution(out, "pack_time", st.pack_time);
    distribution(out, "handover", st.handover);
    if (w.cold_chain.enabled) {
      out << YAML::Key << "units" << YAML::Value << YAML::BeginSeq;
      for (const auto& u : st.units) {
        out << YAML::Flow << YAML::BeginMap;
        out << YAML::Key << "class" << YAML::Value << YAML::DoubleQuoted
            << w.cold_chain.classes[u.temp_class].name;
        out << YAML::Key << "capacity" << YAML::Value << u.capacity;
        out << YAML::Key << "tau_off" << YAML::Value << format_duration(u.tau_off);
        out << YAML::Key << "tau_on" << YAML::Value << format_duration(u.tau_on);
        out << YAML::EndMap;
      }
      out << YAML::EndSeq;
    }
    if (w.catalog.enabled) {
      out << YAML::Key << "stock" << YAML::Value << YAML::BeginMap;
      for (std::size_t g = 0; g < st.stock.size(); ++g) {
        out << YAML::Key << w.catalog.groups[g].name << YAML::Value;
        stock_policy(out, st.stock[g]);
      }
      out << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void fleet(YAML::Emitter& out, const model::WorldConfig& w) {
  out << YAML::Key << "fleet" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "riders" << YAML::Value << YAML::BeginSeq;
  for (const auto& g : w.riders) {
    out << YAML::Flow << YAML::BeginMap;
    if (!g.id.empty()) out << YAML::Key << "id" << YAML::Value << YAML::DoubleQuoted << g.id;
    out << YAML::Key << "store" << YAML::Value << YAML::DoubleQuoted << w.stores[g.store].id;
    out << YAML::Key << "count" << YAML::Value << g.count;
    out << YAML::Key << "vehicle" << YAML::Value << model::to_string(g.vehicle);
    out << YAML::Key << "speed_kmh" << YAML::Value << format_number(g.speed_kmh);
    out << YAML::Key << "capacity" << YAML::Value << g.capacity;
    if (g.shift_from_tod >= 0) {
      out << YAML::Key << "shift" << YAML::Value << YAML::BeginMap;
      out << YAML::Key << "from" << YAML::Value << YAML::DoubleQuoted
          << format_time_of_day(g.shift_from_tod);
      out << YAML::Key << "to" << YAML::Value << YAML::DoubleQuoted
          << format_time_of_day(g.shift_to_tod);
      out << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
}

void demand(YAML::Emitter& out, const Scenario& s) {
  const auto& d = s.world.demand;
  out << YAML::Key << "demand" << YAML::Value << YAML::BeginMap;
  if (d.use_trace) {
    out << YAML::Key << "trace" << YAML::Value << YAML::DoubleQuoted << s.trace_path;
    out << YAML::EndMap;
    return;
  }
  out << YAML::Key << "orders_per_day" << YAML::Value << format_number(d.orders_per_day);
  out << YAML::Key << "profile" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (double v : d.profile) out << format_number(v);
  out << YAML::EndSeq;
  out << YAML::Key << "hotspots" << YAML::Value << YAML::BeginSeq;
  for (const auto& h : d.hotspots) {
    out << YAML::Flow << YAML::BeginMap;
    lat_lon(out, h.center);
    out << YAML::Key << "radius" << YAML::Value << format_distance(h.radius_m);
    out << YAML::Key << "weight" << YAML::Value << format_number(h.weight);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "background_weight" << YAML::Value << format_number(d.background_weight);
  out << YAML::Key << "area" << YAML::Value << model::to_string(d.area);
  out << YAML::Key << "basket" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "items" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "dist" << YAML::Value << "poisson";
  out << YAML::Key << "mean" << YAML::Value << format_number(d.basket_mean_items);
  out << YAML::EndMap << YAML::EndMap;
  out << YAML::EndMap;
}

void drones(YAML::Emitter& out, const Scenario& s) {
  const auto& w = s.world;
  const auto& d = w.drones;
  out << YAML::Key << "drones" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "hubs" << YAML::Value << YAML::BeginSeq;
  for (const auto& h : d.hubs) {
    out << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << YAML::DoubleQuoted << h.id;
    out << YAML::Key << "store" << YAML::Value << YAML::DoubleQuoted << w.stores[h.store].id;
    out << YAML::Key << "location" << YAML::Value << YAML::Flow << YAML::BeginMap;
    lat_lon(out, h.location);
    out << YAML::EndMap;
    out << YAML::Key << "drones" << YAML::Value << h.drones;
    out << YAML::Key << "spare_batteries" << YAML::Value << h.spare_batteries;
    out << YAML::Key << "swap_time" << YAML::Value << format_duration(h.swap_time);
    out << YAML::Key << "recharge_time" << YAML::Value << format_duration(h.recharge_time);
    out << YAML::Key << "takeoff" << YAML::Value << format_duration(h.takeoff);
    out << YAML::Key << "landing" << YAML::Value << format_duration(h.landing);
    out << YAML::Key << "max_litres" << YAML::Value << format_number(h.max_litres);
    out << YAML::Key << "to_door" << YAML::Value << boolean(h.to_door);
    out << YAML::Key << "max_walk" << YAML::Value << format_distance(h.max_walk_m);
    const auto& f = h.spec;
    out << YAML::Key << "frame" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "frame_kg" << YAML::Value << format_number(f.frame_kg);
    out << YAML::Key << "battery_kg" << YAML::Value << format_number(f.battery_kg);
    out << YAML::Key << "max_payload_kg" << YAML::Value << format_number(f.max_payload_kg);
    out << YAML::Key << "max_takeoff_kg" << YAML::Value << format_number(f.max_takeoff_kg);
    out << YAML::Key << "cruise_kmh" << YAML::Value << format_kmh(f.cruise_mps);
    out << YAML::Key << "lift_to_drag" << YAML::Value << format_number(f.lift_to_drag);
    out << YAML::Key << "efficiency" << YAML::Value << format_number(f.efficiency);
    out << YAML::Key << "avionics_w" << YAML::Value << format_number(f.avionics_w);
    out << YAML::Key << "rotor_area_m2" << YAML::Value << format_number(f.rotor_area_m2);
    out << YAML::Key << "air_density" << YAML::Value << format_number(f.air_density);
    out << YAML::Key << "battery_wh" << YAML::Value << format_number(f.battery_wh);
    out << YAML::Key << "reserve" << YAML::Value << format_number(f.reserve_share);
    out << YAML::EndMap;
    enclosure(out, "pod", h.pod);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "drop_points" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : d.drop_points) {
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << YAML::DoubleQuoted << p.id;
    lat_lon(out, p.location);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "no_fly" << YAML::Value << YAML::BeginSeq;
  for (std::size_t i = 0; i < d.no_fly.size(); ++i) {
    out << YAML::BeginMap;
    if (i < s.no_fly_ids.size() && !s.no_fly_ids[i].empty())
      out << YAML::Key << "id" << YAML::Value << YAML::DoubleQuoted << s.no_fly_ids[i];
    out << YAML::Key << "corners" << YAML::Value << YAML::BeginSeq;
    auto ring = d.no_fly[i].corners;
    if (!ring.empty()) ring.push_back(ring.front());  // closed, as it is read
    for (const auto& p : ring) {
      out << YAML::Flow << YAML::BeginMap;
      lat_lon(out, p);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "weather" << YAML::Value << YAML::BeginMap;
  hours(out, "wind_mps", d.weather.wind_mps);
  hours(out, "rain_mmh", d.weather.rain_mmh);
  out << YAML::EndMap;
  out << YAML::Key << "limits" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "max_wind_mps" << YAML::Value << format_number(d.limits.max_wind_mps);
  out << YAML::Key << "max_rain_mmh" << YAML::Value << format_number(d.limits.max_rain_mmh);
  out << YAML::EndMap;
  out << YAML::Key << "mode" << YAML::Value << model::to_string(d.mode);
  out << YAML::Key << "share_target" << YAML::Value << format_number(d.share_target);
  out << YAML::Key << "walk_kmh" << YAML::Value << format_number(d.walk_kmh);
  out << YAML::EndMap;
}

void costs(YAML::Emitter& out, const model::CostConfig& c) {
  out << YAML::Key << "costs" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "rider_per_km" << YAML::Value << format_number(c.rider_per_km);
  out << YAML::Key << "rider_per_hour" << YAML::Value << format_number(c.rider_per_hour);
  out << YAML::Key << "drone_per_km" << YAML::Value << format_number(c.drone_per_km);
  out << YAML::Key << "drone_per_hour" << YAML::Value << format_number(c.drone_per_hour);
  out << YAML::EndMap;
}

// Incidents are read as times of day; their times since the start go back to those.
void incidents(YAML::Emitter& out, const model::WorldConfig& w) {
  using Kind = model::Incident::Kind;
  out << YAML::Key << "incidents" << YAML::Value << YAML::BeginSeq;
  for (const auto& inc : w.incidents) {
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "kind" << YAML::Value << model::to_string(inc.kind);
    const sim::Time from_tod = (w.start_tod + inc.from) % sim::kDay;
    const sim::Time to_tod =
        inc.to - inc.from >= sim::kDay ? sim::kDay : (w.start_tod + inc.to) % sim::kDay;
    out << YAML::Key << "from" << YAML::Value << YAML::DoubleQuoted << format_time_of_day(from_tod);
    out << YAML::Key << "to" << YAML::Value << YAML::DoubleQuoted << format_time_of_day(to_tod);
    if (inc.kind == Kind::unit_down || inc.kind == Kind::store_closed)
      out << YAML::Key << "store" << YAML::Value << YAML::DoubleQuoted << w.stores[inc.store].id;
    if (inc.kind == Kind::unit_down)
      out << YAML::Key << "class" << YAML::Value << YAML::DoubleQuoted
          << w.cold_chain.classes[inc.temp_class].name;
    if (inc.kind == Kind::hub_down)
      out << YAML::Key << "hub" << YAML::Value << YAML::DoubleQuoted << w.drones.hubs[inc.hub].id;
    if (inc.kind == Kind::storm) {
      out << YAML::Key << "wind_mps" << YAML::Value << format_number(inc.wind_mps);
      out << YAML::Key << "rain_mmh" << YAML::Value << format_number(inc.rain_mmh);
      out << YAML::Key << "road_factor" << YAML::Value << format_number(inc.road_factor);
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void door_and_operations(YAML::Emitter& out, const model::WorldConfig& w) {
  out << YAML::Key << "door" << YAML::Value << YAML::BeginMap;
  distribution(out, "handover", w.door.handover);
  distribution(out, "walk_back", w.door.walk_back);
  out << YAML::EndMap;
  const model::OperationsConfig& ops = w.operations;
  out << YAML::Key << "operations" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "overtime" << YAML::Value << boolean(ops.overtime);
  if (ops.busy_max_queue > 0 || ops.busy_click_to_door > 0) {
    out << YAML::Key << "busy" << YAML::Value << YAML::Flow << YAML::BeginMap;
    if (ops.busy_max_queue > 0)
      out << YAML::Key << "max_queue" << YAML::Value << ops.busy_max_queue;
    if (ops.busy_click_to_door > 0)
      out << YAML::Key << "max_click_to_door" << YAML::Value
          << format_duration(ops.busy_click_to_door);
    out << YAML::EndMap;
  }
  if (ops.patience_on) distribution(out, "patience", ops.patience);
  out << YAML::EndMap;
}

}  // namespace

std::string emit_resolved(const Scenario& s) {
  const auto& w = s.world;
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << s.name;
  out << YAML::Key << "seed" << YAML::Value << w.seed;
  out << YAML::Key << "start" << YAML::Value << YAML::DoubleQuoted
      << format_time_of_day(w.start_tod);
  out << YAML::Key << "duration" << YAML::Value << format_duration(w.duration);
  out << YAML::Key << "drain" << YAML::Value << format_duration(w.drain);
  out << YAML::Key << "promise" << YAML::Value << format_duration(w.promise);
  network(out, s);
  cold_chain(out, w.cold_chain);
  catalog(out, w);
  stores(out, w);
  fleet(out, w);
  demand(out, s);
  out << YAML::Key << "dispatch" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "policy" << YAML::Value << w.dispatch.policy;
  out << YAML::Key << "epoch" << YAML::Value << format_duration(w.dispatch.epoch);
  out << YAML::Key << "cross_store" << YAML::Value << (w.dispatch.cross_store ? "true" : "false");
  out << YAML::Key << "reposition" << YAML::Value << (w.dispatch.reposition ? "true" : "false");
  out << YAML::EndMap;
  drones(out, s);
  costs(out, w.costs);
  incidents(out, w);
  door_and_operations(out, w);
  out << YAML::Key << "output" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "dir" << YAML::Value << YAML::DoubleQuoted << s.output_dir;
  out << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace scenarios::detail
