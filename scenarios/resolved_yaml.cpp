#include "scenarios/resolved_yaml.h"

#include <yaml-cpp/yaml.h>

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
    distribution(out, "pick_time", st.pick_time);
    distribution(out, "pack_time", st.pack_time);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void fleet(YAML::Emitter& out, const model::WorldConfig& w) {
  out << YAML::Key << "fleet" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "riders" << YAML::Value << YAML::BeginSeq;
  for (const auto& g : w.riders) {
    out << YAML::Flow << YAML::BeginMap;
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
  out << YAML::Key << "basket" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "items" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "dist" << YAML::Value << "poisson";
  out << YAML::Key << "mean" << YAML::Value << format_number(d.basket_mean_items);
  out << YAML::EndMap << YAML::EndMap;
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
  stores(out, w);
  fleet(out, w);
  demand(out, s);
  out << YAML::Key << "dispatch" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "policy" << YAML::Value << w.dispatch.policy;
  out << YAML::Key << "epoch" << YAML::Value << format_duration(w.dispatch.epoch);
  out << YAML::Key << "cross_store" << YAML::Value << (w.dispatch.cross_store ? "true" : "false");
  out << YAML::Key << "reposition" << YAML::Value << (w.dispatch.reposition ? "true" : "false");
  out << YAML::EndMap;
  out << YAML::Key << "output" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "dir" << YAML::Value << YAML::DoubleQuoted << s.output_dir;
  out << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace scenarios::detail
