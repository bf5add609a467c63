#include "routing/osm_import.h"

#include <filesystem>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

#include "routing/osm_coordinates.h"
#include "routing/osm_tags.h"

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

bool is(const char* value, std::string_view expected) { return value && value == expected; }

class RoadCollector : public osmium::handler::Handler {
 public:
  std::vector<LatLon> nodes;
  std::vector<Arc> arcs;
  std::size_t ways_used = 0;
  // What was left out, by cause, with the first example.
  struct Skipped {
    std::size_t count = 0;
    std::string first;
  };
  Skipped missing_node, late_node, bad_location, closed, reversible, speed_not_understood;

  // Nodes in the file whose coordinates are not valid, and nodes that come after a way that
  // needed them (a file not sorted nodes first): told apart from nodes not in the file.
  void node(const osmium::Node& node) {
    if (!node.location().valid()) bad_nodes_.insert(node.id());
    if (const auto it = missing_.find(node.id()); it != missing_.end()) {
      if (late_node.count == 0) late_node.first = fmt::format("node {}", node.id());
      late_node.count += it->second;
      missing_node.count -= it->second;
      missing_.erase(it);
    }
  }

  void way(const osmium::Way& way) {
    const auto& tag_list = way.tags();
    const osm::Tags tags = [&tag_list](const char* key) { return tag_list[key]; };
    const char* highway = tag_list["highway"];
    if (!highway) return;
    const auto cls = road_class(highway);
    if (!cls) return;
    // Pedestrian squares and parking lots mapped as areas are not streets.
    if (is(tag_list["area"], "yes")) return;
    const ModeMask open = osm::open_modes(tags);
    if (!open) {
      note(closed, fmt::format("way {}", way.id()));
      return;
    }
    const auto dirs = osm::way_directions(tags, open, *cls == RoadClass::motorway);
    if (!dirs.forward && !dirs.backward) {
      note(reversible, fmt::format("way {}", way.id()));
      return;
    }
    const auto speeds = osm::way_speeds(tags, default_speed_kmh(*cls));
    if (!speeds.understood)
      note(speed_not_understood, fmt::format("way {} maxspeed={}", way.id(),
                                             tag_list["maxspeed"] ? tag_list["maxspeed"] : "-"));

    // A segment with an end that cannot be located is skipped and counted: extracts cut ways at
    // their border (the node is not in the file), and the rest of such a way is still a usable
    // street.
    const osmium::NodeRef* prev = nullptr;
    bool used = false;
    for (const osmium::NodeRef& ref : way.nodes()) {
      if (prev) {
        const osmium::NodeRef* lost = !prev->location().valid() ? prev
                                      : !ref.location().valid() ? &ref
                                                                : nullptr;
        if (lost && bad_nodes_.count(lost->ref())) {
          note(bad_location, fmt::format("way {}, node {}", way.id(), lost->ref()));
        } else if (lost) {
          note(missing_node, fmt::format("way {}, node {}", way.id(), lost->ref()));
          ++missing_[lost->ref()];
        } else if (const NodeId a = node_id(*prev), b = node_id(ref); a != b) {
          const auto len = static_cast<float>(haversine_m(nodes[a], nodes[b]));
          if (dirs.forward) arcs.push_back({a, b, len, speeds.forward_kmh, *cls, dirs.forward});
          if (dirs.backward) arcs.push_back({b, a, len, speeds.backward_kmh, *cls, dirs.backward});
          used = true;
        }
      }
      prev = &ref;
    }
    ways_used += used;
  }

  std::vector<std::string> skipped() const {
    std::vector<std::string> out;
    const auto add = [&out](const Skipped& s, const char* what) {
      if (s.count) out.push_back(fmt::format("{} {} (first: {})", s.count, what, s.first));
    };
    add(missing_node, "way segments: a node is not in the file (normal at an extract's border)");
    add(late_node,
        "way segments: a node comes after the way in the file (sort it nodes first, e.g. with "
        "osmium sort)");
    add(bad_location, "way segments: a node has no valid coordinates");
    add(closed, "ways closed to every vehicle and to walkers (access tags)");
    add(reversible, "ways whose direction changes by time of day (oneway=reversible)");
    add(speed_not_understood,
        "ways with a speed limit not understood, ridden at their class's default");
    return out;
  }

 private:
  static void note(Skipped& s, std::string example) {
    if (s.count++ == 0) s.first = std::move(example);
  }
  NodeId node_id(const osmium::NodeRef& ref) {
    auto [it, inserted] = ids_.try_emplace(ref.ref(), static_cast<NodeId>(nodes.size()));
    if (inserted) nodes.push_back({ref.location().lat(), ref.location().lon()});
    return it->second;
  }
  std::unordered_map<osmium::object_id_type, NodeId> ids_;
  std::unordered_set<osmium::object_id_type> bad_nodes_;
  std::unordered_map<osmium::object_id_type, std::size_t> missing_;  // segments lost per node
};

}  // namespace

namespace {

// Reads nodes and ways from `file` (a path or a buffer) into a road network; `name` is the file
// in messages.
RoadNetwork read_roads(const osmium::io::File& file, const std::string& name,
                       OsmImportStats* stats) {
  RoadCollector roads;
  try {
    // Files written by an OpenStreetMap editor give new nodes negative ids: a second index holds
    // them (by their absolute value).
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index, negative_index;
    osmium::handler::NodeLocationsForWays<Index, Index> locations(index, negative_index);
    locations.ignore_errors();
    osmium::io::Reader reader(file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way,
                              osmium::io::read_meta::no);
    osmium::apply(reader, locations, roads);
    reader.close();
  } catch (const std::exception& e) {  // osmium::io_error, protozero and system errors alike
    throw MapError(name, std::string("cannot read OpenStreetMap data: ") + e.what());
  }
  if (roads.arcs.empty()) {
    std::string why = "no drivable road in the file";
    for (const std::string& s : roads.skipped()) why += "; skipped " + s;
    throw MapError(name, why);
  }
  if (stats) {
    stats->ways_used = roads.ways_used;
    stats->nodes_before_scc = roads.nodes.size();
  }
  RoadNetwork net = largest_strong_component(roads.nodes, roads.arcs, /*keep_detached=*/true);
  net.report().ways_used = roads.ways_used;
  net.report().skipped = roads.skipped();
  return net;
}

}  // namespace

RoadNetwork import_osm(const std::string& path, OsmImportStats* stats) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw MapError(path, "no such file");
  if (!std::filesystem::is_regular_file(path, ec)) throw MapError(path, "not a regular file");
  check_xml_coordinates(path);
  return read_roads(osmium::io::File(path), path, stats);
}

RoadNetwork import_osm_xml(std::string_view xml, const std::string& name, OsmImportStats* stats) {
  check_xml_coordinates_text(xml, name);
  return read_roads(osmium::io::File(xml.data(), xml.size(), "osm"), name, stats);
}

}  // namespace routing
