#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include "routing/osm_import.h"
#include "scenarios/scenario.h"
#include "scenarios/trace_csv.h"
#include "scenarios/units.h"
#include "scenarios/yaml_reader.h"

namespace scenarios {

using detail::describe;
using detail::MapReader;
using detail::Origin;

namespace fs = std::filesystem;

SourceMark Scenario::mark(const std::string& key) const {
  auto it = marks.find(key);
  return it != marks.end() ? it->second : SourceMark{file, 0, 0};
}

namespace {

constexpr double kMaxStoreToRoadM = 1000;

std::string resolve_path(const std::string& scenario_file, const std::string& p) {
  const fs::path path(p);
  if (path.is_absolute()) return p;
  return (fs::path(scenario_file).parent_path() / path).lexically_normal().string();
}

// --set: "a.b[2].c=value" applied to the tree before validation.
void apply_override(YAML::Node root, const std::string& text, Origin& origin) {
  const SourceMark where{"--set " + text, 0, 0};
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(where, "", "KEY=VALUE with KEY a dotted path like fleet.riders[0].count",
                     "'" + text + "'");
  const std::string path = text.substr(0, eq);
  YAML::Node value;
  try {
    value = YAML::Load(text.substr(eq + 1));
  } catch (const YAML::Exception& e) {
    throw InputError(where, path, "a YAML value", "'" + text.substr(eq + 1) + "' (" + e.msg + ")");
  }
  static const std::regex kToken(R"(([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]|(\.))");
  std::vector<std::variant<std::string, std::size_t>> steps;
  std::size_t pos = 0;
  for (std::sregex_iterator it(path.begin(), path.end(), kToken), end; it != end; ++it) {
    if (static_cast<std::size_t>(it->position()) != pos) break;
    pos += it->length();
    if ((*it)[1].matched) steps.emplace_back((*it)[1].str());
    if ((*it)[2].matched) steps.emplace_back(std::stoul((*it)[2].str()));
  }
  if (pos != path.size() || steps.empty() || !std::holds_alternative<std::string>(steps[0]))
    throw InputError(where, path, "a dotted path like fleet.riders[0].count", "'" + path + "'");

  YAML::Node node = root;
  std::string so_far;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const bool last = i + 1 == steps.size();
    if (const auto* key = std::get_if<std::string>(&steps[i])) {
      so_far += (so_far.empty() ? "" : ".") + *key;
      if (!node.IsMap() && !node.IsNull())
        throw InputError(where, so_far, "a path through maps and lists", describe(node));
      if (last) {
        node[*key] = value;
      } else {
        if (!node[*key]) node[*key] = YAML::Node(YAML::NodeType::Map);
        node.reset(node[*key]);
      }
    } else {
      const std::size_t index = std::get<std::size_t>(steps[i]);
      so_far += "[" + std::to_string(index) + "]";
      if (!node.IsSequence() || index >= node.size())
        throw InputError(where, so_far,
                         node.IsSequence()
                             ? fmt::format("an index below {}", node.size())
                             : std::string("a list"),
                         node.IsSequence() ? std::to_string(index) : describe(node));
      if (last) {
        node[index] = value;
      } else {
        node.reset(node[index]);
      }
    }
  }
  origin.overrides.emplace_back(so_far, text);
}

routing::LatLon read_lat_lon(const MapReader& parent, const std::string& key,
                             std::map<std::string, SourceMark>& marks) {
  MapReader m(parent.origin(), parent.required(key), parent.path(key), {"lat", "lon"});
  m.required("lat");
  m.required("lon");
  marks[parent.path(key)] = parent.mark(key);
  return {m.number("lat", 0, -90, 90), m.number("lon", 0, -180, 180)};
}

model::Distribution read_distribution(const MapReader& parent, const std::string& key,
                                      model::Distribution fallback) {
  if (!parent.has(key)) return fallback;
  MapReader m(parent.origin(), parent.get(key), parent.path(key), {"dist", "mean", "cv"});
  model::Distribution d = fallback;
  const std::string dist = m.string("dist", model::to_string(fallback.kind));
  if (dist == "fixed") {
    d.kind = model::Distribution::Kind::fixed;
  } else if (dist == "exponential") {
    d.kind = model::Distribution::Kind::exponential;
  } else if (dist == "lognormal") {
    d.kind = model::Distribution::Kind::lognormal;
  } else {
    m.fail("dist", "one of fixed, exponential, lognormal");
  }
  d.mean = m.duration("mean", fallback.mean, /*allow_zero=*/d.kind == model::Distribution::Kind::fixed);
  d.cv = d.kind == model::Distribution::Kind::lognormal ? m.number("cv", fallback.cv > 0 ? fallback.cv : 0.5, 0.01, 10) : 0;
  if (d.kind != model::Distribution::Kind::lognormal && m.has("cv"))
    m.fail("cv", "no cv: it applies to dist: lognormal only");
  return d;
}

void read_network(const MapReader& top, Scenario& s) {
  MapReader net(top.origin(), top.required("network"), "network", {"grid", "osm"});
  if (net.has("grid") == net.has("osm"))
    throw InputError(top.mark("network"), "network", "exactly one of grid or osm",
                     net.has("grid") ? "both" : "neither");
  if (net.has("osm")) {
    s.marks["network.osm"] = net.mark("osm");
    s.network = OsmSource{resolve_path(s.file, net.string("osm", ""))};
    return;
  }
  s.marks["network.grid"] = net.mark("grid");
  MapReader g(top.origin(), net.get("grid"), "network.grid",
              {"rows", "cols", "spacing_m", "speed_kmh", "origin"});
  routing::GridSpec spec;
  g.required("rows");
  g.required("cols");
  spec.rows = static_cast<int>(g.integer("rows", 0, 1));
  spec.cols = static_cast<int>(g.integer("cols", 0, 1));
  if (static_cast<long long>(spec.rows) * spec.cols > 50'000'000)
    g.fail("rows", "at most 50 million nodes in all");
  spec.spacing_m = g.number("spacing_m", 100, 1, 100'000);
  spec.speed_kmh = g.number("speed_kmh", 25, 1, 300);
  if (g.has("origin")) spec.origin = read_lat_lon(g, "origin", s.marks);
  s.network = spec;
}

void read_stores(const MapReader& top, Scenario& s) {
  YAML::Node list = top.required("stores");
  if (!list.IsSequence() || list.size() == 0)
    top.origin().fail(list, "stores", "a list of at least one store", describe(list));
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = fmt::format("stores[{}]", i);
    MapReader m(top.origin(), list[i], path,
                {"id", "location", "radius", "pickers", "pick_time", "pack_time"});
    s.marks[path] = top.origin().mark(list[i], path);
    model::StoreConfig store;
    m.required("id");
    store.id = m.string("id", "");
    static const std::regex kId("[A-Za-z0-9][A-Za-z0-9._-]*");
    if (!std::regex_match(store.id, kId)) m.fail("id", "an id of letters, digits, '.', '_' or '-'");
    for (const auto& other : s.world.stores)
      if (other.id == store.id) m.fail("id", "an id no other store has");
    store.location = read_lat_lon(m, "location", s.marks);
    store.radius_m = m.distance_m("radius", store.radius_m);
    store.pickers = static_cast<int>(m.integer("pickers", store.pickers, 1));
    store.pick_time = read_distribution(m, "pick_time", store.pick_time);
    store.pack_time = read_distribution(m, "pack_time", store.pack_time);
    s.world.stores.push_back(store);
  }
}

void read_fleet(const MapReader& top, Scenario& s) {
  if (!top.has("fleet")) return;
  MapReader fleet(top.origin(), top.get("fleet"), "fleet", {"riders"});
  if (!fleet.has("riders")) return;
  YAML::Node list = fleet.get("riders");
  if (!list.IsSequence()) top.origin().fail(list, "fleet.riders", "a list", describe(list));
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = fmt::format("fleet.riders[{}]", i);
    MapReader m(top.origin(), list[i], path,
                {"store", "count", "vehicle", "speed_kmh", "capacity", "shift"});
    model::RiderGroupConfig g;
    m.required("store");
    const std::string store = m.string("store", "");
    auto it = std::find_if(s.world.stores.begin(), s.world.stores.end(),
                           [&](const auto& st) { return st.id == store; });
    if (it == s.world.stores.end()) {
      std::vector<std::string> ids;
      for (const auto& st : s.world.stores) ids.push_back(st.id);
      std::string expected = "the id of a store";
      if (auto guess = detail::did_you_mean(store, ids)) expected += " ('" + *guess + "'?)";
      m.fail("store", expected);
    }
    g.store = static_cast<std::size_t>(it - s.world.stores.begin());
    m.required("count");
    g.count = static_cast<int>(m.integer("count", 1, 1));
    const std::string vehicle = m.string("vehicle", "ebike");
    bool known = false;
    for (auto v : {model::Vehicle::ebike, model::Vehicle::scooter, model::Vehicle::car,
                   model::Vehicle::bicycle})
      if (vehicle == model::to_string(v)) g.vehicle = v, known = true;
    if (!known) m.fail("vehicle", "one of ebike, scooter, car, bicycle");
    g.speed_kmh = m.number("speed_kmh", model::default_speed_kmh(g.vehicle), 1, 200);
    g.capacity = static_cast<int>(m.integer("capacity", 1, 1));
    if (m.has("shift")) {
      MapReader shift(top.origin(), m.get("shift"), m.path("shift"), {"from", "to"});
      shift.required("from");
      shift.required("to");
      g.shift_from_tod = shift.time_of_day("from", 0);
      g.shift_to_tod = shift.time_of_day("to", 0);
      if (g.shift_from_tod == g.shift_to_tod) shift.fail("to", "a time other than the shift's start");
    }
    s.world.riders.push_back(g);
  }
}

void read_demand(const MapReader& top, Scenario& s) {
  auto& d = s.world.demand;
  if (!top.has("demand")) return;
  MapReader m(top.origin(), top.get("demand"), "demand",
              {"orders_per_day", "profile", "hotspots", "background_weight", "basket", "trace"});
  if (m.has("trace")) {
    for (const char* k : {"orders_per_day", "profile", "hotspots", "background_weight", "basket"})
      if (m.has(k))
        throw InputError(m.mark(k), m.path(k), "either demand.trace or a generated demand",
                         "both trace and " + std::string(k));
    s.marks["demand.trace"] = m.mark("trace");
    d.use_trace = true;
    const std::string path = resolve_path(s.file, m.string("trace", ""));
    if (!fs::is_regular_file(path)) m.fail("trace", "a CSV file that exists (" + path + ")");
    d.trace = read_trace_csv(path);
    return;
  }
  d.orders_per_day = m.number("orders_per_day", d.orders_per_day, 0, 1e9);
  if (m.has("orders_per_day") && d.orders_per_day <= 0) m.fail("orders_per_day", "a number above 0");
  if (m.has("profile")) {
    YAML::Node p = m.get("profile");
    if (!p.IsSequence() || p.size() != 24)
      m.fail("profile", "a list of 24 weights, one per hour 00..23");
    double sum = 0;
    for (std::size_t h = 0; h < 24; ++h) {
      double w = 0;
      const std::string key = fmt::format("demand.profile[{}]", h);
      if (!p[h].IsScalar() || !YAML::convert<double>::decode(p[h], w) || !(w >= 0) || !std::isfinite(w))
        top.origin().fail(p[h], key, "a weight >= 0", describe(p[h]));
      d.profile[h] = w;
      sum += w;
    }
    if (sum <= 0) m.fail("profile", "at least one weight above 0");
  }
  if (m.has("hotspots")) {
    YAML::Node list = m.get("hotspots");
    if (!list.IsSequence()) m.fail("hotspots", "a list of {lat, lon, radius, weight}");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string path = fmt::format("demand.hotspots[{}]", i);
      MapReader h(top.origin(), list[i], path, {"lat", "lon", "radius", "weight"});
      h.required("lat");
      h.required("lon");
      model::Hotspot spot;
      spot.center = {h.number("lat", 0, -90, 90), h.number("lon", 0, -180, 180)};
      spot.radius_m = h.distance_m("radius", spot.radius_m);
      spot.weight = h.number("weight", 1, 0, 1e9);
      d.hotspots.push_back(spot);
    }
  }
  d.background_weight = m.number("background_weight", d.background_weight, 0, 1e9);
  double total = d.background_weight;
  for (const auto& h : d.hotspots) total += h.weight;
  if (total <= 0) m.fail("background_weight", "a weight above 0 when no hotspot has weight");
  if (m.has("basket")) {
    MapReader basket(top.origin(), m.get("basket"), "demand.basket", {"items"});
    MapReader items(top.origin(), basket.required("items"), "demand.basket.items", {"dist", "mean"});
    if (items.string("dist", "poisson") != "poisson") items.fail("dist", "poisson");
    d.basket_mean_items = items.number("mean", d.basket_mean_items, 1, 1000);
  }
}

void read_dispatch(const MapReader& top, Scenario& s) {
  if (!top.has("dispatch")) return;
  MapReader m(top.origin(), top.get("dispatch"), "dispatch", {"policy", "epoch"});
  const std::string policy = m.string("policy", "nearest_idle");
  if (policy != "nearest_idle") m.fail("policy", "one of nearest_idle");
  s.world.dispatch.epoch = m.duration("epoch", s.world.dispatch.epoch, /*allow_zero=*/true);
}

// The scenario as run, every default filled in, in the layout it was read in.
std::string emit_resolved(const Scenario& s) {
  const auto& w = s.world;
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << s.name;
  out << YAML::Key << "seed" << YAML::Value << w.seed;
  out << YAML::Key << "start" << YAML::Value << YAML::DoubleQuoted << format_time_of_day(w.start_tod);
  out << YAML::Key << "duration" << YAML::Value << format_duration(w.duration);
  out << YAML::Key << "drain" << YAML::Value << format_duration(w.drain);
  out << YAML::Key << "promise" << YAML::Value << format_duration(w.promise);
  out << YAML::Key << "network" << YAML::Value << YAML::BeginMap;
  if (const auto* g = std::get_if<routing::GridSpec>(&s.network)) {
    out << YAML::Key << "grid" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "rows" << YAML::Value << g->rows << YAML::Key << "cols" << YAML::Value << g->cols;
    out << YAML::Key << "spacing_m" << YAML::Value << format_number(g->spacing_m);
    out << YAML::Key << "speed_kmh" << YAML::Value << format_number(g->speed_kmh);
    out << YAML::Key << "origin" << YAML::Value << YAML::BeginMap << YAML::Key << "lat"
        << YAML::Value << format_number(g->origin.lat) << YAML::Key << "lon" << YAML::Value
        << format_number(g->origin.lon) << YAML::EndMap;
    out << YAML::EndMap;
  } else {
    out << YAML::Key << "osm" << YAML::Value << std::get<OsmSource>(s.network).path;
  }
  out << YAML::EndMap;
  auto distribution = [&](const model::Distribution& d) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "dist" << YAML::Value << model::to_string(d.kind)
        << YAML::Key << "mean" << YAML::Value << format_duration(d.mean);
    if (d.kind == model::Distribution::Kind::lognormal)
      out << YAML::Key << "cv" << YAML::Value << format_number(d.cv);
    out << YAML::EndMap;
  };
  out << YAML::Key << "stores" << YAML::Value << YAML::BeginSeq;
  for (const auto& st : w.stores) {
    out << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << st.id;
    out << YAML::Key << "location" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
        << "lat" << YAML::Value << format_number(st.location.lat) << YAML::Key << "lon"
        << YAML::Value << format_number(st.location.lon) << YAML::EndMap;
    out << YAML::Key << "radius" << YAML::Value << format_distance(st.radius_m);
    out << YAML::Key << "pickers" << YAML::Value << st.pickers;
    out << YAML::Key << "pick_time" << YAML::Value;
    distribution(st.pick_time);
    out << YAML::Key << "pack_time" << YAML::Value;
    distribution(st.pack_time);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "fleet" << YAML::Value << YAML::BeginMap << YAML::Key << "riders"
      << YAML::Value << YAML::BeginSeq;
  for (const auto& g : w.riders) {
    out << YAML::BeginMap;
    out << YAML::Key << "store" << YAML::Value << w.stores[g.store].id;
    out << YAML::Key << "count" << YAML::Value << g.count;
    out << YAML::Key << "vehicle" << YAML::Value << model::to_string(g.vehicle);
    out << YAML::Key << "speed_kmh" << YAML::Value << format_number(g.speed_kmh);
    out << YAML::Key << "capacity" << YAML::Value << g.capacity;
    if (g.shift_from_tod >= 0)
      out << YAML::Key << "shift" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
          << "from" << YAML::Value << YAML::DoubleQuoted << format_time_of_day(g.shift_from_tod)
          << YAML::Key << "to" << YAML::Value << YAML::DoubleQuoted
          << format_time_of_day(g.shift_to_tod) << YAML::EndMap;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  const auto& d = w.demand;
  out << YAML::Key << "demand" << YAML::Value << YAML::BeginMap;
  if (d.use_trace) {
    out << YAML::Key << "trace" << YAML::Value << s.trace_path;
  } else {
    out << YAML::Key << "orders_per_day" << YAML::Value << format_number(d.orders_per_day);
    out << YAML::Key << "profile" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (double v : d.profile) out << format_number(v);
    out << YAML::EndSeq;
    out << YAML::Key << "hotspots" << YAML::Value << YAML::BeginSeq;
    for (const auto& h : d.hotspots)
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "lat" << YAML::Value
          << format_number(h.center.lat) << YAML::Key << "lon" << YAML::Value
          << format_number(h.center.lon) << YAML::Key << "radius" << YAML::Value
          << format_distance(h.radius_m) << YAML::Key << "weight" << YAML::Value
          << format_number(h.weight) << YAML::EndMap;
    out << YAML::EndSeq;
    out << YAML::Key << "background_weight" << YAML::Value << format_number(d.background_weight);
    out << YAML::Key << "basket" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
        << "items" << YAML::Value << YAML::BeginMap << YAML::Key << "dist" << YAML::Value
        << "poisson" << YAML::Key << "mean" << YAML::Value << format_number(d.basket_mean_items)
        << YAML::EndMap << YAML::EndMap;
  }
  out << YAML::EndMap;
  out << YAML::Key << "dispatch" << YAML::Value << YAML::BeginMap << YAML::Key << "policy"
      << YAML::Value << model::to_string(w.dispatch.policy) << YAML::Key << "epoch" << YAML::Value
      << format_duration(w.dispatch.epoch) << YAML::EndMap;
  out << YAML::Key << "output" << YAML::Value << YAML::BeginMap << YAML::Key << "dir"
      << YAML::Value << s.output_dir << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  Origin origin{path, {}};
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw InputError({path, 0, 0}, "", "a scenario file", "no such file");
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::ParserException& e) {
    throw InputError({path, e.mark.line + 1, e.mark.column + 1}, "", "valid YAML", e.msg);
  } catch (const YAML::Exception& e) {
    throw InputError({path, 0, 0}, "", "a readable YAML file", e.msg);
  }
  if (!root || root.IsNull()) throw InputError({path, 0, 0}, "", "a scenario", "an empty file");
  if (!root.IsMap()) origin.fail(root, "(top level)", "a map of keys like name, network, stores", describe(root));
  for (const auto& text : overrides) apply_override(root, text, origin);

  Scenario s;
  s.file = path;
  MapReader top(origin, root, "",
                {"name", "seed", "start", "duration", "drain", "promise", "network", "stores",
                 "fleet", "demand", "dispatch", "output"});
  top.required("name");
  s.name = top.string("name", "");
  static const std::regex kName("[A-Za-z0-9][A-Za-z0-9._-]*");
  if (!std::regex_match(s.name, kName)) top.fail("name", "a name of letters, digits, '.', '_' or '-' (it names the output folder)");
  auto& w = s.world;
  w.seed = static_cast<std::uint64_t>(top.integer("seed", 1, 0));
  w.start_tod = top.time_of_day("start", w.start_tod);
  if (w.start_tod >= sim::kDay) top.fail("start", "a time of day before 24:00");
  w.duration = top.duration("duration", w.duration, false);
  if (w.duration > 366 * sim::kDay) top.fail("duration", "at most a year");
  w.drain = top.duration("drain", w.drain, true);
  w.promise = top.duration("promise", w.promise, false);
  read_network(top, s);
  read_stores(top, s);
  read_fleet(top, s);
  read_demand(top, s);
  read_dispatch(top, s);
  if (top.has("output")) {
    MapReader out(origin, top.get("output"), "output", {"dir"});
    s.output_dir = out.string("dir", s.output_dir);
    if (s.output_dir.empty()) out.fail("dir", "a folder name");
  }
  if (w.demand.use_trace) s.trace_path = top.get("demand")["trace"].Scalar();
  s.resolved_yaml = emit_resolved(s);
  return s;
}

std::shared_ptr<const routing::RoadNetwork> load_network(const Scenario& s) {
  std::shared_ptr<const routing::RoadNetwork> net;
  if (const auto* g = std::get_if<routing::GridSpec>(&s.network)) {
    net = std::make_shared<routing::RoadNetwork>(routing::make_grid(*g));
  } else {
    try {
      net = std::make_shared<routing::RoadNetwork>(
          routing::import_osm(std::get<OsmSource>(s.network).path));
    } catch (const routing::MapError& e) {
      throw InputError(s.mark("network.osm"), "network.osm",
                       "a readable OpenStreetMap file with drivable roads", e.detail() + " (" + e.file() + ")");
    }
  }
  for (std::size_t i = 0; i < s.world.stores.size(); ++i) {
    double d = 0;
    net->nearest_node(s.world.stores[i].location, &d);
    if (d > kMaxStoreToRoadM) {
      const std::string key = fmt::format("stores[{}].location", i);
      throw InputError(s.mark(key), key, "a location within 1 km of a road on the map",
                       d >= 10'000 ? fmt::format("the nearest road {:.0f} km away", d / 1000)
                                   : fmt::format("the nearest road {:.0f} m away", d));
    }
  }
  return net;
}

}  // namespace scenarios
