#include "routing/osm_import.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>
#include <unordered_map>

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

namespace routing {

float default_speed_kmh(RoadClass c) {
  switch (c) {
    case RoadClass::motorway: return 110;
    case RoadClass::trunk: return 90;
    case RoadClass::primary: return 65;
    case RoadClass::secondary: return 55;
    case RoadClass::tertiary: return 45;
    case RoadClass::unclassified: return 35;
    case RoadClass::residential: return 30;
    case RoadClass::service: return 15;
    case RoadClass::living_street: return 10;
    case RoadClass::grid: return 25;
  }
  return 30;
}

namespace {

std::optional<RoadClass> road_class(std::string_view highway) {
  if (highway.ends_with("_link")) highway.remove_suffix(5);
  static const std::pair<std::string_view, RoadClass> kClasses[] = {
      {"motorway", RoadClass::motorway},        {"trunk", RoadClass::trunk},
      {"primary", RoadClass::primary},          {"secondary", RoadClass::secondary},
      {"tertiary", RoadClass::tertiary},        {"unclassified", RoadClass::unclassified},
      {"road", RoadClass::unclassified},        {"residential", RoadClass::residential},
      {"service", RoadClass::service},          {"living_street", RoadClass::living_street}};
  for (const auto& [name, c] : kClasses)
    if (highway == name) return c;
  return std::nullopt;
}

// "50", "50 km/h", "30 mph", "50;60" (the first counts); anything else is no speed.
std::optional<float> parse_maxspeed(const char* value) {
  if (!value) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(value, &end);
  if (end == value || !(v > 0) || v > 200) return std::nullopt;
  while (*end == ' ') ++end;
  if (std::strncmp(end, "mph", 3) == 0) return static_cast<float>(v * 1.609344);
  if (*end == '\0' || *end == ';' || std::strncmp(end, "km/h", 4) == 0 ||
      std::strncmp(end, "kmh", 3) == 0)
    return static_cast<float>(v);
  return std::nullopt;
}

class RoadCollector : public osmium::handler::Handler {
 public:
  std::vector<LatLon> nodes;
  std::vector<Arc> arcs;
  std::size_t ways_used = 0;

  void way(const osmium::Way& way) {
    const auto& tags = way.tags();
    const char* highway = tags["highway"];
    if (!highway) return;
    const auto cls = road_class(highway);
    if (!cls) return;
    // Areas are squares, not streets; private and closed roads are not for deliveries.
    if (tags.has_tag("area", "yes")) return;
    const char* access = tags["access"];
    if (access && (!std::strcmp(access, "no") || !std::strcmp(access, "private"))) return;
    const char* motor = tags["motor_vehicle"];
    if (motor && !std::strcmp(motor, "no") && *cls != RoadClass::living_street) return;

    bool forward = true, backward = true;
    const char* oneway = tags["oneway"];
    const bool implied = *cls == RoadClass::motorway || tags.has_tag("junction", "roundabout");
    if (oneway && (!std::strcmp(oneway, "yes") || !std::strcmp(oneway, "1") ||
                   !std::strcmp(oneway, "true")))
      backward = false;
    else if (oneway && !std::strcmp(oneway, "-1"))
      forward = false;
    else if (oneway && !std::strcmp(oneway, "reversible"))
      return;  // direction changes by time of day; unusable without a schedule
    else if (implied && !(oneway && !std::strcmp(oneway, "no")))
      backward = false;
    const float speed = parse_maxspeed(tags["maxspeed"]).value_or(default_speed_kmh(*cls));

    // Segments whose nodes are missing from the file (cut at the extract's border) are skipped.
    const osmium::NodeRef* prev = nullptr;
    bool used = false;
    for (const osmium::NodeRef& ref : way.nodes()) {
      if (!ref.location().valid()) {
        prev = nullptr;
        continue;
      }
      if (prev) {
        const NodeId a = node_id(*prev), b = node_id(ref);
        if (a != b) {
          const auto len = static_cast<float>(haversine_m(nodes[a], nodes[b]));
          if (forward) arcs.push_back({a, b, len, speed, *cls});
          if (backward) arcs.push_back({b, a, len, speed, *cls});
          used = true;
        }
      }
      prev = &ref;
    }
    ways_used += used;
  }

 private:
  NodeId node_id(const osmium::NodeRef& ref) {
    auto [it, inserted] = ids_.try_emplace(ref.ref(), static_cast<NodeId>(nodes.size()));
    if (inserted) nodes.push_back({ref.location().lat(), ref.location().lon()});
    return it->second;
  }
  std::unordered_map<osmium::object_id_type, NodeId> ids_;
};

}  // namespace

RoadNetwork import_osm(const std::string& path, OsmImportStats* stats) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw MapError(path, "no such file");
  RoadCollector roads;
  try {
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations(index);
    locations.ignore_errors();
    osmium::io::Reader reader(path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way);
    osmium::apply(reader, locations, roads);
    reader.close();
  } catch (const std::exception& e) {
    throw MapError(path, std::string("cannot read OpenStreetMap data: ") + e.what());
  }
  if (roads.arcs.empty()) throw MapError(path, "no drivable road in the file");
  if (stats) {
    stats->ways_used = roads.ways_used;
    stats->nodes_before_scc = roads.nodes.size();
  }
  return largest_strong_component(roads.nodes, roads.arcs);
}

}  // namespace routing
