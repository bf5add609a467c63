#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>
#include <boost/range/iterator_range.hpp>

#include "routing/dispatch.h"
#include "routing/machine_memory.h"
#include "routing/osm_import.h"
#include "routing/traffic.h"
#include "routing/vehicle_profile.h"
#include "scenarios/logistics_keys.h"
#include "scenarios/operations_keys.h"
#include "scenarios/overrides.h"
#include "scenarios/resolved_yaml.h"
#include "scenarios/scenario.h"
#include "scenarios/trace_csv.h"
#include "scenarios/units.h"
#include "scenarios/yaml_reader.h"

namespace scenarios {

using detail::describe;
using detail::is_safe_name;
using detail::kSafeNameExpected;
using detail::MapReader;
using detail::Origin;
using detail::read_lat_lon;

namespace fs = std::filesystem;

SourceMark Scenario::mark(const std::string& key) const {
  auto it = marks.find(key);
  return it != marks.end() ? it->second : SourceMark{file, 0, 0};
}

namespace {

constexpr double kMaxStoreToRoadM = 1000;
constexpr double kMaxTraceToRoadM = 5000;
constexpr long long kMaxGridNodes = 10'000'000;
constexpr double kMaxGridLatitude = 85;
constexpr sim::Time kMaxDuration = 366 * sim::kDay;
constexpr int kMaxRidersPerGroup = 1'000'000;
constexpr int kMaxPickers = 100'000;
constexpr int kMaxCapacity = 1000;
// Peak memory of a run per order placed (its record, events, output rows): about 570 bytes on
// grid-small with 10^5 and 5 * 10^5 orders; a KiB leaves room for the vectors' growth.
constexpr double kBytesPerOrder = 1024;

void read_times(const MapReader& top, model::WorldConfig& w) {
  w.seed = static_cast<std::uint64_t>(top.integer("seed", 1, 0, LLONG_MAX));
  w.start_tod = top.time_of_day("start", w.start_tod);
  if (w.start_tod >= sim::kDay) top.fail("start", "a time of day before 24:00");
  w.duration = top.duration("duration", w.duration, /*allow_zero=*/false);
  w.drain = top.duration("drain", w.drain, /*allow_zero=*/true);
  w.promise = top.duration("promise", w.promise, /*allow_zero=*/false);
  for (const char* key : {"duration", "drain", "promise"})
    if (top.has(key) && top.duration(key, 0, true) > kMaxDuration) top.fail(key, "at most 366d");
}

void read_grid(const MapReader& net, Scenario& s) {
  MapReader g(net.origin(), net.get("grid"), "network.grid",
              {"rows", "cols", "spacing_m", "speed_kmh", "origin"});
  routing::GridSpec spec;
  g.required("rows");
  g.required("cols");
  spec.rows = static_cast<int>(g.integer("rows", 0, 1, 100'000));
  spec.cols = static_cast<int>(g.integer("cols", 0, 1, 100'000));
  if (static_cast<long long>(spec.rows) * spec.cols > kMaxGridNodes)
    throw InputError(net.mark("grid"), "network.grid",
                     fmt::format("at most {} nodes (rows x cols)", kMaxGridNodes),
                     fmt::format("{} x {}", spec.rows, spec.cols));
  spec.spacing_m = g.number("spacing_m", spec.spacing_m, 1, 100'000);
  spec.speed_kmh = g.number("speed_kmh", spec.speed_kmh, 1, 300);
  if (g.has("origin")) spec.origin = read_lat_lon(g, "origin");
  const routing::LatLon corner = routing::offset(spec.origin, (spec.rows - 1) * spec.spacing_m,
                                                 (spec.cols - 1) * spec.spacing_m);
  if (std::abs(spec.origin.lat) > kMaxGridLatitude || std::abs(corner.lat) > kMaxGridLatitude ||
      !(std::abs(corner.lon) <= 180))
    throw InputError(net.mark("grid"), "network.grid",
                     "a grid between latitudes -85 and 85 and longitudes -180 and 180",
                     fmt::format("a far corner at lat {:.4f}, lon {:.4f}", corner.lat, corner.lon));
  s.network = spec;
}

std::vector<std::string> road_class_names() {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < routing::kRoadClassCount; ++c)
    names.emplace_back(routing::to_string(static_cast<routing::RoadClass>(c)));
  return names;
}

// One window of network.congestion: {from, to, factor, roads}.
routing::CongestionWindow read_congestion_window(const MapReader& net, const YAML::Node& node,
                                                 const std::string& path) {
  MapReader m(net.origin(), node, path, {"from", "to", "factor", "roads"});
  routing::CongestionWindow w;
  m.required("from");
  m.required("to");
  m.required("factor");
  w.from_tod_ms = m.time_of_day("from", 0);
  w.to_tod_ms = m.time_of_day("to", 0);
  if (w.to_tod_ms == w.from_tod_ms)
    m.fail("to",
           "a time other than the window's start (a whole day is from \"00:00\" to "
           "\"24:00\")");
  const YAML::Node f = m.get("factor");
  double factor = 0;
  if (!f.IsScalar() || !YAML::convert<double>::decode(f, factor) || !std::isfinite(factor) ||
      factor <= 0 || factor > 1)
    m.fail("factor", "a speed factor above 0 and at most 1 (0.7: 30% slower)");
  w.factor = factor;
  if (m.has("roads")) {
    const YAML::Node roads = m.list("roads", "road classes, like [primary, secondary]");
    if (roads.size() == 0)
      m.fail("roads", "a list of at least one road class (leave roads out for every class)");
    const std::vector<std::string> names = road_class_names();
    for (std::size_t j = 0; j < roads.size(); ++j) {
      const std::string key = fmt::format("{}.roads[{}]", path, j);
      const std::string name = roads[j].IsScalar() ? roads[j].Scalar() : "";
      const auto it = std::find(names.begin(), names.end(), name);
      if (!roads[j].IsScalar() || it == names.end())
        m.origin().fail(roads[j], key, "a road class: " + detail::one_of(names, name),
                        describe(roads[j]));
      w.roads.push_back(static_cast<routing::RoadClass>(it - names.begin()));
    }
  }
  return w;
}

void read_congestion(const MapReader& net, Scenario& s) {
  if (!net.has("congestion")) return;
  const YAML::Node list = net.list("congestion", "windows, each {from, to, factor, roads}");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = fmt::format("network.congestion[{}]", i);
    s.marks[path] = net.origin().mark(list[i], path);
    s.world.congestion.push_back(read_congestion_window(net, list[i], path));
  }
}

// Where a grid's hierarchies are cached: $HALFHOUR_CACHE_DIR, else $XDG_CACHE_HOME/halfhour,
// else ~/.cache/halfhour; empty when none of them is set.
std::string grid_cache_prefix(const routing::GridSpec& g) {
  std::string dir;
  if (const char* own = std::getenv("HALFHOUR_CACHE_DIR"); own && *own)
    dir = own;
  else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    dir = std::string(xdg) + "/halfhour";
  else if (const char* home = std::getenv("HOME"); home && *home)
    dir = std::string(home) + "/.cache/halfhour";
  if (dir.empty()) return {};
  return fmt::format("{}/grid-{}x{}", dir, g.rows, g.cols);
}

void read_network(const MapReader& top, Scenario& s) {
  MapReader net(top.origin(), top.required("network"), "network",
                {"grid", "osm", "congestion", "cache"});
  if (net.has("grid") == net.has("osm"))
    throw InputError(top.mark("network"), "network", "exactly one of grid or osm",
                     net.has("grid") ? "both" : "neither");
  const bool cache = net.choice("cache", "true", {"false", "true"}) == "true";
  read_congestion(net, s);
  if (net.has("grid")) {
    read_grid(net, s);
    if (cache) s.world.routing_cache = grid_cache_prefix(std::get<routing::GridSpec>(s.network));
    return;
  }
  const std::string path = net.string("osm", "");
  if (path.empty()) net.fail("osm", "the path of an .osm.pbf or .osm file");
  s.network = OsmSource{detail::resolve_path(s.file, path)};
  // The file load_network opens; its hierarchies are cached next to it.
  if (cache) s.world.routing_cache = std::get<OsmSource>(s.network).path;
}

void read_stores(const MapReader& top, Scenario& s) {
  top.required("stores");
  const YAML::Node list = top.list("stores", "stores, each with an id and a location");
  if (list.size() == 0) top.fail("stores", "a list of at least one store");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = fmt::format("stores[{}]", i);
    s.marks[path] = top.origin().mark(list[i], path);
    std::vector<std::string> keys = {"id", "location", "radius", "pickers", "units", "stock"};
    keys.insert(keys.end(), std::begin(detail::kStorePhaseKeys), std::end(detail::kStorePhaseKeys));
    MapReader m(top.origin(), list[i], path, keys);
    model::StoreConfig store;
    m.required("id");
    store.id = m.string("id", "");
    if (!is_safe_name(store.id)) m.fail("id", std::string("an id of ") + kSafeNameExpected);
    for (std::size_t j = 0; j < s.world.stores.size(); ++j)
      if (s.world.stores[j].id == store.id)
        m.fail("id", fmt::format("an id no other store has (stores[{}] has it)", j));
    store.location = read_lat_lon(m, "location");
    store.radius_m = m.distance_m("radius", store.radius_m);
    store.pickers = static_cast<int>(m.integer("pickers", store.pickers, 1, kMaxPickers));
    detail::read_store_phases(m, store);
    detail::read_store_units_and_stock(m, s.world, store);
    s.world.stores.push_back(store);
  }
}

void read_shift(const MapReader& group, model::RiderGroupConfig& g) {
  if (!group.has("shift")) return;
  MapReader shift(group.origin(), group.get("shift"), group.path("shift"), {"from", "to"});
  shift.required("from");
  shift.required("to");
  g.shift_from_tod = shift.time_of_day("from", 0);
  g.shift_to_tod = shift.time_of_day("to", 0);
  if (g.shift_from_tod == g.shift_to_tod) shift.fail("to", "a time other than the shift's start");
}

void read_fleet(const MapReader& top, Scenario& s) {
  if (!top.has("fleet")) return;
  MapReader fleet(top.origin(), top.get("fleet"), "fleet", {"riders"});
  if (!fleet.has("riders")) return;
  const YAML::Node list = fleet.list("riders", "rider groups, each with a store and a count");
  std::vector<std::string> ids;
  for (const auto& st : s.world.stores) ids.push_back(st.id);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = fmt::format("fleet.riders[{}]", i);
    s.marks[path] = top.origin().mark(list[i], path);
    MapReader m(top.origin(), list[i], path,
                {"id", "store", "count", "vehicle", "speed_kmh", "capacity", "shift"});
    model::RiderGroupConfig g;
    g.id = m.string("id", "");
    for (const auto& other : s.world.riders)
      if (!g.id.empty() && other.id == g.id)
        m.fail("id", "a name no other rider group has (an earlier group is '" + g.id + "' too)");
    m.required("store");
    const std::string store = m.string("store", "");
    const auto it = std::find(ids.begin(), ids.end(), store);
    if (it == ids.end()) m.fail("store", "the id of a store: " + detail::one_of(ids, store));
    g.store = static_cast<std::size_t>(it - ids.begin());
    m.required("count");
    g.count = static_cast<int>(m.integer("count", 1, 1, kMaxRidersPerGroup));
    constexpr model::Vehicle kVehicles[] = {model::Vehicle::ebike, model::Vehicle::scooter,
                                            model::Vehicle::car, model::Vehicle::bicycle,
                                            model::Vehicle::walking};
    std::vector<std::string> vehicles;
    for (auto v : kVehicles) vehicles.emplace_back(model::to_string(v));
    const std::string vehicle = m.choice("vehicle", "ebike", vehicles);
    for (auto v : kVehicles)
      if (vehicle == model::to_string(v)) g.vehicle = v;
    g.speed_kmh = m.number("speed_kmh", model::default_speed_kmh(g.vehicle), 1, 200);
    g.capacity = static_cast<int>(m.integer("capacity", 1, 1, kMaxCapacity));
    read_shift(m, g);
    s.world.riders.push_back(g);
  }
}

void read_trace(const MapReader& m, Scenario& s) {
  for (const char* key :
       {"orders_per_day", "profile", "hotspots", "background_weight", "area", "basket"})
    if (m.has(key))
      throw InputError(m.mark(key), m.path(key),
                       "either demand.trace or keys that generate orders, not both",
                       "both trace and " + std::string(key));
  const std::string written = m.string("trace", "");
  if (written.empty()) m.fail("trace", "the path of a CSV file of orders");
  s.trace_path = detail::resolve_path(s.file, written);
  std::error_code ec;
  if (!fs::is_regular_file(s.trace_path, ec))
    m.fail("trace", "the path of an existing CSV file (looked for " + s.trace_path + ")");
  s.world.demand.use_trace = true;
  const std::vector<TraceRow> rows = read_trace_rows(s.trace_path);  // sorted by time
  // Orders are placed from the start until `duration`; a row at or after it is never placed.
  const sim::Time end = s.world.duration;
  const auto inside = std::find_if(rows.begin(), rows.end(),
                                   [end](const TraceRow& r) { return r.order.time >= end; });
  const auto placeable = static_cast<std::size_t>(inside - rows.begin());
  const std::string window = "from 0s to the duration (" + format_duration(end) + ")";
  if (placeable == 0)
    throw InputError({s.trace_path, rows.front().line, 1}, "time",
                     "at least one row whose time since the scenario start falls inside the "
                     "simulated window, " +
                         window,
                     fmt::format("no row inside it: all {} row{} read are at or after it (the "
                                 "first at {}); times are since the start, not clock times",
                                 rows.size(), rows.size() == 1 ? "" : "s",
                                 format_duration(rows.front().order.time)));
  if (placeable < rows.size())
    s.warnings.push_back(fmt::format(
        "{}: {} of {} trace rows fall at or after the end of the simulated window, {}, and are "
        "not placed (the first at line {}, time {})",
        fs::path(s.trace_path).filename().string(), rows.size() - placeable, rows.size(), window,
        inside->line, format_duration(inside->order.time)));
  s.world.demand.trace.reserve(placeable);
  for (auto it = rows.begin(); it != inside; ++it) s.world.demand.trace.push_back(it->order);
}

void read_profile(const MapReader& m, model::DemandConfig& d) {
  if (!m.has("profile")) return;
  const YAML::Node p = m.list("profile", "24 weights, one per hour 00..23");
  if (p.size() != 24) m.fail("profile", "a list of 24 weights, one per hour 00..23");
  double sum = 0;
  for (std::size_t h = 0; h < 24; ++h) {
    const std::string key = fmt::format("demand.profile[{}]", h);
    double w = 0;
    if (!p[h].IsScalar() || !YAML::convert<double>::decode(p[h], w) || !std::isfinite(w) || w < 0)
      m.origin().fail(p[h], key, "a weight >= 0", describe(p[h]));
    d.profile[h] = w;
    sum += w;
  }
  if (sum <= 0) m.fail("profile", "at least one weight above 0");
}

void read_hotspots(const MapReader& m, model::DemandConfig& d) {
  if (!m.has("hotspots")) return;
  const YAML::Node list = m.list("hotspots", "{lat, lon, radius, weight}");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = fmt::format("demand.hotspots[{}]", i);
    MapReader h(m.origin(), list[i], path, {"lat", "lon", "radius", "weight"});
    model::Hotspot spot;
    spot.center = detail::lat_lon_of(h);
    spot.radius_m = h.distance_m("radius", spot.radius_m);
    spot.weight = h.number("weight", spot.weight, 0, 1e9);
    d.hotspots.push_back(spot);
  }
}

void read_demand(const MapReader& top, Scenario& s) {
  auto& d = s.world.demand;
  d.profile.fill(1);
  if (!top.has("demand")) return;
  MapReader m(
      top.origin(), top.get("demand"), "demand",
      {"orders_per_day", "profile", "hotspots", "background_weight", "area", "basket", "trace"});
  if (m.has("trace")) return read_trace(m, s);
  d.orders_per_day = m.number("orders_per_day", d.orders_per_day, 0, 1e9);
  if (d.orders_per_day <= 0) m.fail("orders_per_day", "a number of orders above 0");
  read_profile(m, d);
  read_hotspots(m, d);
  d.background_weight = m.number("background_weight", d.background_weight, 0, 1e9);
  double total = d.background_weight;
  for (const auto& h : d.hotspots) total += h.weight;
  if (total <= 0) m.fail("background_weight", "a weight above 0 when no hotspot has weight");
  d.area = m.choice("area", "stores", {"stores", "network"}) == "network"
               ? model::DemandArea::network
               : model::DemandArea::stores;
  if (m.has("basket")) {
    MapReader basket(m.origin(), m.get("basket"), "demand.basket", {"items"});
    MapReader items(m.origin(), basket.required("items"), "demand.basket.items", {"dist", "mean"});
    items.choice("dist", "poisson", {"poisson"});
    d.basket_mean_items = items.number("mean", d.basket_mean_items, 1, 1000);
  }
}

// Orders the demand places on average in [0, duration): the daily rate spread over the clock
// hours by the profile.
double expected_orders(const model::WorldConfig& w) {
  const auto& d = w.demand;
  if (d.use_trace) return static_cast<double>(d.trace.size());
  double sum = 0;
  for (double p : d.profile) sum += p;
  double orders = 0;
  for (sim::Time t = 0; t < w.duration;) {
    const sim::Time tod = w.start_tod + t;
    const sim::Time end = std::min(t + (sim::kHour - tod % sim::kHour), w.duration);
    const double share = sum > 0 ? d.profile[(tod / sim::kHour) % 24] / sum : 1.0 / 24;
    orders += d.orders_per_day * share * static_cast<double>(end - t) / sim::kHour;
    t = end;
  }
  return orders;
}

// Refuses a demand whose orders cannot all be held in this machine's memory, before a run
// allocates for them and dies of std::bad_alloc.
void check_memory(const Scenario& s) {
  const double orders = expected_orders(s.world);
  const double bytes = orders * kBytesPerOrder;
  if (routing::fits_in_memory(bytes)) return;
  const std::string key = "demand.orders_per_day";
  throw InputError(
      s.mark(key), key,
      fmt::format("a demand whose orders fit in this machine's memory ({}; each order takes "
                  "about {} bytes)",
                  routing::bytes_text(static_cast<double>(routing::physical_memory_bytes())),
                  kBytesPerOrder),
      fmt::format("{:g} orders per day: about {:.3g} orders over the {} run, needing about {}",
                  s.world.demand.orders_per_day, orders, format_duration(s.world.duration),
                  routing::bytes_text(bytes)));
}

void read_dispatch(const MapReader& top, Scenario& s) {
  if (!top.has("dispatch")) return;
  MapReader m(top.origin(), top.get("dispatch"), "dispatch",
              {"policy", "epoch", "cross_store", "reposition"});
  auto& d = s.world.dispatch;
  // Read when the scenario is loaded, so policies a planner registered beforehand count.
  d.policy = m.choice("policy", d.policy, routing::dispatch_policy_names());
  d.epoch = m.duration("epoch", d.epoch, /*allow_zero=*/true);
  if (d.epoch > sim::kDay) m.fail("epoch", "at most 24h");
  d.cross_store =
      m.choice("cross_store", d.cross_store ? "true" : "false", {"false", "true"}) == "true";
  d.reposition =
      m.choice("reposition", d.reposition ? "true" : "false", {"false", "true"}) == "true";
  if (d.cross_store && d.epoch == 0)
    m.fail("epoch", "an epoch above 0s with cross_store: true (it decides once per epoch)");
  if (d.reposition && d.epoch == 0)
    m.fail("epoch", "an epoch above 0s with reposition: true (it decides once per epoch)");
}

void read_output(const MapReader& top, Scenario& s) {
  if (!top.has("output")) return;
  MapReader m(top.origin(), top.get("output"), "output", {"dir"});
  s.output_dir = m.string("dir", s.output_dir);
  if (s.output_dir.empty()) m.fail("dir", "the path of a folder");
}

}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  Scenario s;
  s.file = path;
  Origin origin{path, {}, &s.marks};
  YAML::Node root = detail::read_yaml_file(path, "a scenario",
                                           "a scenario: a map of keys like name, network, stores");
  if (!root.IsMap())
    origin.fail(root, "(top level)", "a map of keys like name, network, stores", describe(root));
  for (const auto& text : overrides) detail::apply_override(root, text, origin);

  try {
    MapReader top(origin, root, "",
                  {"name", "seed", "start", "duration", "drain", "promise", "network", "stores",
                   "fleet", "demand", "dispatch", "output", "cold_chain", "catalog", "drones",
                   "costs", "incidents", "door", "operations"});
    top.required("name");
    s.name = top.string("name", "");
    if (!is_safe_name(s.name))
      top.fail("name", std::string("a name for the output folder: ") + kSafeNameExpected);
    read_times(top, s.world);
    read_network(top, s);
    detail::read_cold_chain(top, s.world);
    detail::read_catalog(top, s.world);
    read_stores(top, s);
    read_fleet(top, s);
    read_demand(top, s);
    check_memory(s);
    read_dispatch(top, s);
    detail::read_drones(top, s);
    detail::read_costs(top, s.world);
    detail::read_incidents(top, s.world);
    detail::read_door(top, s.world);
    detail::read_operations(top, s.world);
    read_output(top, s);
  } catch (const YAML::Exception& e) {
    // yaml-cpp refusing an access the checks above should have prevented.
    throw InputError({path, e.mark.line + 1, e.mark.column + 1}, "", "a valid scenario", e.msg);
  }
  s.resolved_yaml = detail::emit_resolved(s);
  return s;
}

namespace {

// Whether store i's riders can leave and reach its street node: "" when they can, else what they
// cannot do ("left by its car riders"). Each rider group's vehicle profile needs an edge open to
// its transport mode (a store next to a footway or a bicycle-only street would otherwise serve
// nobody).
std::string closed_to_riders(const routing::RoadNetwork& net, routing::NodeId node,
                             const model::WorldConfig& world, std::size_t store) {
  for (const auto& group : world.riders) {
    if (group.store != store) continue;
    const auto profile = routing::vehicle_profile(model::to_string(group.vehicle), group.speed_kmh);
    if (!profile) continue;
    const auto open = [&](const routing::Graph& g) {
      for (const auto e : boost::make_iterator_range(boost::out_edges(node, g)))
        if (routing::edge_speed_mps(g[e], *profile, 1.0) > 0) return true;
      return false;
    };
    if (!open(net.graph())) return fmt::format("left by its {} riders", profile->name);
    if (!open(net.reverse_graph())) return fmt::format("reached by its {} riders", profile->name);
  }
  return "";
}

}  // namespace

std::shared_ptr<const routing::RoadNetwork> load_network(const Scenario& s) {
  std::shared_ptr<const routing::RoadNetwork> net;
  if (const auto* grid = std::get_if<routing::GridSpec>(&s.network)) {
    try {
      net = std::make_shared<routing::RoadNetwork>(routing::make_grid(*grid));
    } catch (const std::invalid_argument& e) {
      throw InputError(s.mark("network.grid"), "network.grid", "a grid that can be built",
                       e.what());
    }
  } else {
    const std::string& path = std::get<OsmSource>(s.network).path;
    try {
      net = std::make_shared<routing::RoadNetwork>(routing::import_osm(path));
    } catch (const routing::MapError& e) {
      throw InputError(s.mark("network.osm"), "network.osm",
                       "a readable OpenStreetMap file with drivable roads", e.detail());
    }
  }
  // Every misplaced store at once, so that all can be fixed in one go.
  std::vector<InputError> misplaced;
  for (std::size_t i = 0; i < s.world.stores.size(); ++i) {
    const routing::LatLon where = s.world.stores[i].location;
    double distance_m = 0;
    const routing::NodeId node = net->nearest_node(where, &distance_m);
    const std::string key = fmt::format("stores[{}].location", i);
    if (distance_m > kMaxStoreToRoadM) {
      std::string found = fmt::format("nearest road is {:.1f} km away", distance_m / 1000);
      double swapped_m = 0;
      if (std::abs(where.lon) <= 90) net->nearest_node({where.lon, where.lat}, &swapped_m);
      if (std::abs(where.lon) <= 90 && swapped_m <= kMaxStoreToRoadM)
        found += fmt::format(
            "; latitude and longitude look swapped (lat: {:g}, lon: {:g} is {:.0f} m from a "
            "road)",
            where.lon, where.lat, swapped_m);
      misplaced.emplace_back(s.mark(key), key, "a location within 1 km of a road", found);
      continue;
    }
    if (!net->in_main_part(node)) {
      const routing::LatLon at = net->position(node);
      misplaced.emplace_back(
          s.mark(key), key, "a location on the main road network",
          fmt::format("its nearest street ({:.0f} m away, node at {:.6f},{:.6f}) is in a part of "
                      "the map whose streets are not connected to the main road network ({} "
                      "nodes, {:.1f} km of road; parts of the map cut off from it: {})",
                      distance_m, at.lat, at.lon, net->main_node_count(), net->report().main_km,
                      net->report().detached.size()));
      continue;
    }
    if (const std::string closed = closed_to_riders(*net, node, s.world, i); !closed.empty())
      misplaced.emplace_back(
          s.mark(key), key, "a location on a street its riders may ride both ways",
          fmt::format("its nearest street node ({:.0f} m away, at {:.6f},{:.6f}) "
                      "cannot be {} (access or one-way tags)",
                      distance_m, net->position(node).lat, net->position(node).lon, closed));
  }
  if (misplaced.size() == 1) throw misplaced.front();
  if (!misplaced.empty()) {
    std::string found =
        fmt::format("{} of {} stores misplaced:", misplaced.size(), s.world.stores.size());
    for (const InputError& e : misplaced) found += "\n  " + std::string(e.what());
    throw InputError(misplaced.front().where(), "stores", "every store on the road network", found);
  }
  const auto& trace = s.world.demand.trace;
  for (std::size_t i = 0; s.world.demand.use_trace && i < trace.size(); ++i) {
    double distance_m = 0;
    net->nearest_node(trace[i].location, &distance_m);
    if (distance_m > kMaxTraceToRoadM) {
      // Rows are kept sorted the same way, so row i of a second reading is the same order.
      const auto rows = read_trace_rows(s.trace_path);
      throw InputError({s.trace_path, rows.at(i).line, 1}, "lat,lon",
                       "an order within 5 km of a road",
                       fmt::format("nearest road is {:.1f} km away", distance_m / 1000));
    }
  }
  return net;
}

}  // namespace scenarios
