#include "routing/osm_import.h"

#include <charconv>
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
    case RoadClass::motorway:
      return 110;
    case RoadClass::trunk:
      return 90;
    case RoadClass::primary:
      return 65;
    case RoadClass::secondary:
      return 55;
    case RoadClass::tertiary:
      return 45;
    case RoadClass::unclassified:
      return 35;
    case RoadClass::residential:
      return 30;
    case RoadClass::service:
      return 15;
    case RoadClass::living_street:
      return 10;
    case RoadClass::grid:
      return 25;
  }
  return 30;
}

namespace {

std::optional<RoadClass> road_class(std::string_view highway) {
  if (highway.ends_with("_link")) highway.remove_suffix(5);
  static const std::pair<std::string_view, RoadClass> kClasses[] = {
      {"motorway", RoadClass::motorway},
      {"trunk", RoadClass::trunk},
      {"primary", RoadClass::primary},
      {"secondary", RoadClass::secondary},
      {"tertiary", RoadClass::tertiary},
      {"unclassified", RoadClass::unclassified},
      {"road", RoadClass::unclassified},  // a road whose class the mapper did not know
      {"residential", RoadClass::residential},
      {"service", RoadClass::service},
      {"living_street", RoadClass::living_street}};
  for (const auto& [name, c] : kClasses)
    if (highway == name) return c;
  return std::nullopt;
}

// "50", "50 km/h", "30 mph", "50;60" (the first counts). Anything else ("none", "signals",
// "walk", "DE:urban") is no speed, and the class default applies.
std::optional<float> parse_maxspeed(const char* value) {
  if (!value) return std::nullopt;
  const std::string_view text(value);
  double v = 0;
  const auto [rest, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || !(v > 0) || v > 300) return std::nullopt;
  std::string_view unit(rest, text.data() + text.size() - rest);
  while (unit.starts_with(' ')) unit.remove_prefix(1);
  if (unit.starts_with(';')) unit = {};
  if (unit == "mph") return static_cast<float>(v * 1.609344);
  if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph")
    return static_cast<float>(v);
  return std::nullopt;
}

bool is(const char* value, std::string_view expected) { return value && value == expected; }

// OSM's access hierarchy for a car: the most specific tag present decides. "no" and "private"
// close the way to delivery vehicles; "destination", "delivery", "customers" and the like keep it
// open, since that is where deliveries go.
bool closed_to_cars(const osmium::TagList& tags) {
  for (const char* key : {"motorcar", "motor_vehicle", "vehicle", "access"})
    if (const char* value = tags[key]) return is(value, "no") || is(value, "private");
  return false;
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
    // Pedestrian squares and parking lots mapped as areas are not streets.
    if (is(tags["area"], "yes") || closed_to_cars(tags)) return;

    const char* oneway = tags["oneway"];
    // The direction of a reversible way changes by time of day: unusable without a schedule.
    if (is(oneway, "reversible")) return;
    const bool implied = *cls == RoadClass::motorway || is(tags["junction"], "roundabout") ||
                         is(tags["junction"], "circular");
    bool forward = true, backward = true;
    if (is(oneway, "yes") || is(oneway, "1") || is(oneway, "true"))
      backward = false;
    else if (is(oneway, "-1"))
      forward = false;
    else if (implied && !is(oneway, "no"))
      backward = false;
    const float speed = parse_maxspeed(tags["maxspeed"]).value_or(default_speed_kmh(*cls));

    // A segment with an end missing from the file is skipped, not an error: extracts cut ways at
    // their border, and the rest of such a way is still a usable street.
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
  if (!std::filesystem::exists(path, ec)) throw MapError(path, "no such file");
  if (!std::filesystem::is_regular_file(path, ec)) throw MapError(path, "not a regular file");
  RoadCollector roads;
  try {
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations(index);
    locations.ignore_errors();
    osmium::io::Reader reader(path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way,
                              osmium::io::read_meta::no);
    osmium::apply(reader, locations, roads);
    reader.close();
  } catch (const std::exception& e) {  // osmium::io_error, protozero and system errors alike
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
