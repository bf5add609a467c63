#include "scenarios/logistics_keys.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <set>
#include <string>
#include <utility>

#include <fmt/core.h>

#include "scenarios/units.h"

namespace scenarios::detail {

namespace {

constexpr long long kMaxUnits = 1'000'000'000;  // stock units, capacities
constexpr double kMinTempC = -100;              // dry ice is -78.5 °C
constexpr double kMaxTempC = 100;
constexpr double kMinOutdoorC = -90;  // the coldest and hottest air ever measured, about
constexpr double kMaxOutdoorC = 60;
constexpr double kMaxWindMps = 100;  // above the strongest gusts measured
constexpr double kMaxRainMmh = 500;  // above the heaviest rain measured in an hour
constexpr double kNoLimitC = model::kNoLimitC;

// "one of a, b" with a hint, or a note that there is nothing to choose from.
std::string choose_from(const std::vector<std::string>& options, const std::string& word,
                        const std::string& none) {
  return options.empty() ? none : one_of(options, word);
}

// The index in `names` of the text at `key` (required), or fails with `what`: one of names.
std::size_t read_name(const MapReader& m, const std::string& key,
                      const std::vector<std::string>& names, const std::string& what,
                      const std::string& none) {
  m.required(key);
  const std::string name = m.string(key, "");
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) m.fail(key, what + ": " + choose_from(names, name, none));
  return static_cast<std::size_t>(it - names.begin());
}

// A required safe id, unique among `taken` (whose entries are named `what[j]`).
std::string read_id(const MapReader& m, const std::string& key,
                    const std::vector<std::string>& taken, const std::string& list_path) {
  m.required(key);
  const std::string id = m.string(key, "");
  if (!is_safe_name(id)) m.fail(key, std::string("a name of ") + kSafeNameExpected);
  for (std::size_t j = 0; j < taken.size(); ++j)
    if (taken[j] == id)
      m.fail(key, fmt::format("{} no other entry has ({}[{}] has it)",
                              key == "id" ? "an id" : "a " + key, list_path, j));
  return id;
}

bool read_bool(const MapReader& m, const std::string& key, bool fallback) {
  return m.choice(key, fallback ? "true" : "false", {"false", "true"}) == "true";
}

// A number above 0 and at most `max`.
double read_positive(const MapReader& m, const std::string& key, double fallback, double max) {
  const YAML::Node n = m.get(key);
  if (!n) return fallback;
  double v = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v) || v <= 0 ||
      v > max)
    m.fail(key, "a number above 0 and at most " + format_number(max));
  return v;
}

// Exactly 24 numbers from min to max, one per clock hour 00..23.
std::array<double, 24> read_hours(const MapReader& m, const std::string& key,
                                  const std::array<double, 24>& fallback, double min, double max,
                                  const std::string& what) {
  if (!m.has(key)) return fallback;
  const std::string expected = "a list of 24 " + what + ", one per hour 00..23";
  const YAML::Node list = m.get(key);
  if (!list.IsSequence() || list.size() != 24) m.fail(key, expected);
  std::array<double, 24> out{};
  for (std::size_t h = 0; h < 24; ++h) {
    double v = 0;
    if (!list[h].IsScalar() || !YAML::convert<double>::decode(list[h], v) || !std::isfinite(v) ||
        v < min || v > max)
      m.origin().fail(list[h], fmt::format("{}[{}]", m.path(key), h),
                      "a number from " + format_number(min) + " to " + format_number(max),
                      describe(list[h]));
    out[h] = v;
  }
  return out;
}

std::vector<std::string> class_names(const model::WorldConfig& w) {
  std::vector<std::string> names;
  for (const auto& c : w.cold_chain.classes) names.push_back(c.name);
  return names;
}

std::vector<std::string> cold_class_names(const model::WorldConfig& w) {
  std::vector<std::string> names;
  for (const auto& c : w.cold_chain.classes)
    if (c.cold()) names.push_back(c.name);
  return names;
}

model::TempClass read_temp_class(const MapReader& c, std::size_t i,
                                 const std::vector<model::TempClass>& before) {
  model::TempClass t;
  std::vector<std::string> taken;
  for (const auto& b : before) taken.push_back(b.name);
  t.name = read_id(c, "name", taken, "cold_chain.classes");
  t.min_c = c.number("min_c", -kNoLimitC, kMinTempC, kMaxTempC);
  t.max_c = c.number("max_c", kNoLimitC, kMinTempC, kMaxTempC);
  if (t.min_c > t.max_c) c.fail("min_c", fmt::format("at most max_c ({})", format_number(t.max_c)));
  if (i == 0 && t.cold())
    c.fail(c.has("min_c") ? "min_c" : "max_c",
           "no range on classes[0]: the first class is ambient (goods at room temperature)");
  t.tolerance = c.duration("tolerance", t.tolerance, /*allow_zero=*/true);
  if (t.tolerance > sim::kDay) c.fail("tolerance", "at most 24h");
  // A setpoint inside the range: its middle, or 4 °C inside an open range's one limit.
  double store_c = 20;
  if (t.min_c > -kNoLimitC && t.max_c < kNoLimitC)
    store_c = (t.min_c + t.max_c) / 2;
  else if (t.max_c < kNoLimitC)
    store_c = t.max_c - 4;
  else if (t.min_c > -kNoLimitC)
    store_c = t.min_c + 4;
  t.store_c = c.number("store_c", store_c, kMinTempC, kMaxTempC);
  if (t.store_c < t.min_c || t.store_c > t.max_c)
    c.fail("store_c", "a setpoint within the class's range, from min_c to max_c");
  t.pack_c = c.number("pack_c", t.store_c, kMinTempC, kMaxTempC);
  return t;
}

model::Enclosure read_enclosure(const MapReader& parent, const std::string& key,
                                const model::Enclosure& fallback) {
  if (!parent.has(key)) return fallback;
  MapReader m(parent.origin(), parent.get(key), parent.path(key), {"tau", "ice_packs", "ice_hold"});
  model::Enclosure e = fallback;
  e.tau = m.duration("tau", e.tau, /*allow_zero=*/false);
  e.ice_packs = read_bool(m, "ice_packs", e.ice_packs);
  e.ice_hold = m.duration("ice_hold", e.ice_hold, /*allow_zero=*/true);
  for (const char* k : {"tau", "ice_hold"})
    if (m.has(k) && m.duration(k, 0, true) > sim::kDay) m.fail(k, "at most 24h");
  return e;
}

void read_sensors(const MapReader& cc, model::SensorConfig& s) {
  if (!cc.has("sensors")) return;
  MapReader m(cc.origin(), cc.get("sensors"), cc.path("sensors"),
              {"period", "noise_c", "log_period", "alert_after"});
  s.enabled = true;
  s.period = m.duration("period", s.period, /*allow_zero=*/false);
  s.noise_c = m.number("noise_c", s.noise_c, 0, 10);
  s.log_period = m.duration("log_period", s.log_period, /*allow_zero=*/false);
  s.alert_after = static_cast<int>(m.integer("alert_after", s.alert_after, 1, 1000));
  for (const char* k : {"period", "log_period"})
    if (m.has(k) && m.duration(k, 0, true) > sim::kDay) m.fail(k, "at most 24h");
}

// A stock policy's keys over `fallback`; the result must keep initial within capacity and the
// reorder point below it.
model::StockPolicy read_stock(const MapReader& parent, const std::string& key,
                              const model::StockPolicy& fallback) {
  if (!parent.has(key)) return fallback;
  MapReader m(parent.origin(), parent.get(key), parent.path(key),
              {"initial", "reorder_point", "reorder_qty", "lead_time", "capacity", "deliveries"});
  model::StockPolicy p = fallback;
  p.initial = static_cast<int>(m.integer("initial", p.initial, 0, kMaxUnits));
  p.reorder_point = static_cast<int>(m.integer("reorder_point", p.reorder_point, 0, kMaxUnits));
  p.reorder_qty = static_cast<int>(m.integer("reorder_qty", p.reorder_qty, 1, kMaxUnits));
  p.lead_time = m.duration("lead_time", p.lead_time, /*allow_zero=*/true);
  if (p.lead_time > 366 * sim::kDay) m.fail("lead_time", "at most 366d");
  p.capacity = static_cast<int>(m.integer("capacity", p.capacity, 1, kMaxUnits));
  if (p.initial > p.capacity) {
    if (m.has("initial")) m.fail("initial", fmt::format("at most the capacity ({})", p.capacity));
    m.fail("capacity", fmt::format("at least the initial stock ({})", p.initial));
  }
  if (p.reorder_point >= p.capacity) {
    if (m.has("reorder_point"))
      m.fail("reorder_point", fmt::format("below the capacity ({})", p.capacity));
    m.fail("capacity", fmt::format("above the reorder point ({})", p.reorder_point));
  }
  if (m.has("deliveries")) {
    const YAML::Node list = m.list("deliveries", "times of day, like [\"06:00\", \"14:00\"]");
    p.delivery_tod.clear();
    for (std::size_t j = 0; j < list.size(); ++j) {
      const auto tod = list[j].IsScalar() ? parse_time_of_day(list[j].Scalar()) : std::nullopt;
      if (!tod)
        m.origin().fail(list[j], fmt::format("{}[{}]", m.path("deliveries"), j),
                        "a time of day \"HH:MM\" or \"HH:MM:SS\" from 00:00 to 24:00",
                        describe(list[j]));
      p.delivery_tod.push_back(*tod);
    }
  }
  return p;
}

// One group per temperature class, named after it, with unlimited stock.
std::vector<model::SkuGroup> groups_per_class(const model::WorldConfig& w) {
  const auto& classes = w.cold_chain.classes;
  const bool default_three =
      class_names(w) == std::vector<std::string>{"ambient", "chilled", "frozen"};
  std::vector<model::SkuGroup> groups;
  for (std::size_t c = 0; c < classes.size(); ++c) {
    model::SkuGroup g;
    g.name = classes[c].name;
    g.temp_class = c;
    g.share = default_three ? std::array{0.65, 0.25, 0.10}[c] : 1.0;
    groups.push_back(g);
  }
  return groups;
}

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

// Keys that only some kinds of incident take.
struct KindKey {
  const char* key;
  std::vector<model::Incident::Kind> kinds;
};

}  // namespace

std::vector<model::TempClass> default_temp_classes() {
  model::TempClass ambient;
  ambient.name = "ambient";
  model::TempClass chilled;
  chilled.name = "chilled";
  chilled.min_c = 0;
  chilled.max_c = 8;
  chilled.tolerance = 30 * sim::kMinute;
  chilled.store_c = 4;
  chilled.pack_c = 2;
  model::TempClass frozen;
  frozen.name = "frozen";
  frozen.max_c = -18;
  frozen.tolerance = 15 * sim::kMinute;
  frozen.store_c = -22;
  frozen.pack_c = -25;
  return {ambient, chilled, frozen};
}

std::array<double, 24> default_outdoor_c() {
  //       00    01  02  03  04    05  06  07    08  09    10  11  12    13  14  15  16    17
  return {15.5, 15, 14.5, 14, 14, 14, 14.5, 15, 16, 17.5, 19, 20.5, 22, 23, 24, 24, 23.5, 22.5,
          //    18  19    20  21  22    23
          21, 19.5, 18.5, 17.5, 16.5, 16};
}

void read_cold_chain(const MapReader& top, model::WorldConfig& w) {
  auto& cc = w.cold_chain;
  cc.classes = default_temp_classes();
  cc.outdoor_c = default_outdoor_c();
  if (!top.has("cold_chain")) return;
  MapReader m(
      top.origin(), top.get("cold_chain"), "cold_chain",
      {"classes", "outdoor_c", "room_c", "product_tau", "door_open", "box", "spoiled", "sensors"});
  cc.enabled = true;
  if (m.has("classes")) {
    const YAML::Node list =
        m.list("classes", "temperature classes, each {name, min_c, max_c, ...}");
    if (list.size() == 0) m.fail("classes", "a list of at least one class (ambient first)");
    cc.classes.clear();
    for (std::size_t i = 0; i < list.size(); ++i) {
      MapReader c(m.origin(), list[i], fmt::format("cold_chain.classes[{}]", i),
                  {"name", "min_c", "max_c", "tolerance", "store_c", "pack_c"});
      cc.classes.push_back(read_temp_class(c, i, cc.classes));
    }
  }
  cc.outdoor_c =
      read_hours(m, "outdoor_c", cc.outdoor_c, kMinOutdoorC, kMaxOutdoorC, "temperatures in °C");
  cc.room_c = m.number("room_c", cc.room_c, -30, 50);
  cc.product_tau = m.duration("product_tau", cc.product_tau, /*allow_zero=*/false);
  cc.door_open = m.duration("door_open", cc.door_open, /*allow_zero=*/true);
  for (const char* k : {"product_tau", "door_open"})
    if (m.has(k) && m.duration(k, 0, true) > sim::kDay) m.fail(k, "at most 24h");
  cc.box = read_enclosure(m, "box", cc.box);
  cc.spoiled = m.choice("spoiled", "count", {"count", "refuse"}) == "refuse"
                   ? model::SpoiledAction::refuse
                   : model::SpoiledAction::count;
  read_sensors(m, cc.sensors);
}

void read_catalog(const MapReader& top, model::WorldConfig& w) {
  auto& cat = w.catalog;
  if (!top.has("catalog")) {
    if (w.cold_chain.enabled) cat.groups = groups_per_class(w);
    return;
  }
  MapReader m(top.origin(), top.get("catalog"), "catalog", {"on_stockout", "groups"});
  cat.enabled = true;
  constexpr model::StockoutAction kActions[] = {
      model::StockoutAction::substitute, model::StockoutAction::split,
      model::StockoutAction::next_store, model::StockoutAction::reject};
  std::vector<std::string> actions;
  for (auto a : kActions) actions.emplace_back(model::to_string(a));
  const std::string action = m.choice("on_stockout", "substitute", actions);
  for (auto a : kActions)
    if (action == model::to_string(a)) cat.on_stockout = a;
  if (!m.has("groups")) {
    cat.groups = groups_per_class(w);
    return;
  }
  const YAML::Node list = m.list("groups", "SKU groups, each {name, class, share, stock, ...}");
  if (list.size() == 0) m.fail("groups", "a list of at least one group");
  const std::vector<std::string> classes = class_names(w);
  std::vector<std::string> taken;
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapReader g(m.origin(), list[i], fmt::format("catalog.groups[{}]", i),
                {"name", "class", "share", "kg_per_item", "litres_per_item", "stock"});
    model::SkuGroup group;
    group.name = read_id(g, "name", taken, "catalog.groups");
    taken.push_back(group.name);
    if (g.has("class"))
      group.temp_class = read_name(g, "class", classes, "a temperature class", "");
    group.share = read_positive(g, "share", group.share, 1e9);
    group.kg_per_item = read_positive(g, "kg_per_item", group.kg_per_item, 1000);
    group.litres_per_item = read_positive(g, "litres_per_item", group.litres_per_item, 10'000);
    group.stock = read_stock(g, "stock", group.stock);
    cat.groups.push_back(group);
  }
}

void read_store_units_and_stock(const MapReader& m, const model::WorldConfig& w,
                                model::StoreConfig& store) {
  const auto& classes = w.cold_chain.classes;
  if (m.has("units")) {
    if (!w.cold_chain.enabled)
      m.fail("units", "no units without a cold_chain section (units hold cold classes)");
    const YAML::Node list = m.list("units", "fridges and freezers, each {class, capacity, ...}");
    const std::vector<std::string> names = class_names(w);
    const std::vector<std::string> cold = cold_class_names(w);
    for (std::size_t j = 0; j < list.size(); ++j) {
      MapReader u(m.origin(), list[j], fmt::format("{}[{}]", m.path("units"), j),
                  {"class", "capacity", "tau_off", "tau_on"});
      model::ColdUnitConfig unit;
      unit.temp_class = read_name(u, "class", names, "a cold class", "");
      if (!classes[unit.temp_class].cold())
        u.fail("class", "a cold class (one with min_c or max_c): " +
                            choose_from(cold, "", "none is defined"));
      for (std::size_t k = 0; k < store.units.size(); ++k)
        if (store.units[k].temp_class == unit.temp_class)
          u.fail("class",
                 fmt::format("a class no other unit of the store has (units[{}] has it)", k));
      unit.capacity = static_cast<int>(u.integer("capacity", unit.capacity, 1, kMaxUnits));
      unit.tau_off = u.duration("tau_off", unit.tau_off, /*allow_zero=*/false);
      unit.tau_on = u.duration("tau_on", unit.tau_on, /*allow_zero=*/false);
      for (const char* k : {"tau_off", "tau_on"})
        if (u.has(k) && u.duration(k, 0, true) > 7 * sim::kDay) u.fail(k, "at most 7d");
      store.units.push_back(unit);
    }
  } else if (w.cold_chain.enabled) {
    for (std::size_t c = 0; c < classes.size(); ++c)
      if (classes[c].cold()) {
        model::ColdUnitConfig unit;
        unit.temp_class = c;
        store.units.push_back(unit);
      }
  }

  const auto& groups = w.catalog.groups;
  if (m.has("stock") && !w.catalog.enabled)
    m.fail("stock", "no stock without a catalog section (stock is unlimited)");
  if (!w.catalog.enabled) return;
  std::vector<std::string> names;
  for (const auto& g : groups) names.push_back(g.name);
  if (!m.has("stock")) {
    for (const auto& g : groups) store.stock.push_back(g.stock);
    return;
  }
  MapReader overrides(m.origin(), m.get("stock"), m.path("stock"), names);
  for (const auto& g : groups) store.stock.push_back(read_stock(overrides, g.name, g.stock));
}

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

void read_costs(const MapReader& top, model::WorldConfig& w) {
  if (!top.has("costs")) return;
  MapReader m(top.origin(), top.get("costs"), "costs",
              {"rider_per_km", "rider_per_hour", "drone_per_km", "drone_per_hour"});
  auto& c = w.costs;
  c.rider_per_km = m.number("rider_per_km", c.rider_per_km, 0, 1e6);
  c.rider_per_hour = m.number("rider_per_hour", c.rider_per_hour, 0, 1e6);
  c.drone_per_km = m.number("drone_per_km", c.drone_per_km, 0, 1e6);
  c.drone_per_hour = m.number("drone_per_hour", c.drone_per_hour, 0, 1e6);
}

void read_incidents(const MapReader& top, model::WorldConfig& w) {
  using Kind = model::Incident::Kind;
  if (!top.has("incidents")) return;
  const YAML::Node list = top.list("incidents", "incidents, each {kind, from, to, ...}");
  constexpr Kind kKinds[] = {Kind::unit_down, Kind::store_closed, Kind::storm, Kind::hub_down};
  std::vector<std::string> kinds, stores, hubs;
  for (auto k : kKinds) kinds.emplace_back(model::to_string(k));
  for (const auto& st : w.stores) stores.push_back(st.id);
  for (const auto& h : w.drones.hubs) hubs.push_back(h.id);
  const std::vector<std::string> classes = class_names(w);
  const std::vector<KindKey> kind_keys = {
      {"store", {Kind::unit_down, Kind::store_closed}},
      {"class", {Kind::unit_down}},
      {"hub", {Kind::hub_down}},
      {"wind_mps", {Kind::storm}},
      {"rain_mmh", {Kind::storm}},
      {"road_factor", {Kind::storm}},
  };
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapReader m(
        top.origin(), list[i], fmt::format("incidents[{}]", i),
        {"kind", "from", "to", "store", "class", "hub", "wind_mps", "rain_mmh", "road_factor"});
    model::Incident inc;
    m.required("kind");
    const std::string kind = m.choice("kind", "", kinds);
    for (auto k : kKinds)
      if (kind == model::to_string(k)) inc.kind = k;
    for (const auto& kk : kind_keys) {
      if (!m.has(kk.key) || std::find(kk.kinds.begin(), kk.kinds.end(), inc.kind) != kk.kinds.end())
        continue;
      std::string takers;
      for (std::size_t j = 0; j < kk.kinds.size(); ++j)
        takers += (j ? " or " : "") + std::string(model::to_string(kk.kinds[j]));
      m.fail(kk.key,
             fmt::format("no {} on a {} incident: only kind {} takes one", kk.key, kind, takers));
    }
    m.required("from");
    m.required("to");
    const sim::Time from_tod = m.time_of_day("from", 0);
    const sim::Time to_tod = m.time_of_day("to", 0);
    const bool whole_day = from_tod == 0 && to_tod == sim::kDay;
    if (from_tod % sim::kDay == to_tod % sim::kDay && !whole_day)
      m.fail("to",
             "a time other than the incident's start (a whole day is from \"00:00\" to "
             "\"24:00\")");
    // The first start at or after the scenario start; a `to` not after `from` is the next day.
    inc.from = ((from_tod - w.start_tod) % sim::kDay + sim::kDay) % sim::kDay;
    const sim::Time length =
        whole_day ? sim::kDay : ((to_tod - from_tod) % sim::kDay + sim::kDay) % sim::kDay;
    inc.to = inc.from + length;
    if (inc.kind == Kind::unit_down || inc.kind == Kind::store_closed)
      inc.store = read_name(m, "store", stores, "the id of a store", "");
    if (inc.kind == Kind::unit_down) {
      inc.temp_class = read_name(m, "class", classes, "a temperature class", "");
      std::vector<std::string> unit_classes;
      bool found = false;
      for (const auto& u : w.stores[inc.store].units) {
        unit_classes.push_back(classes[u.temp_class]);
        found = found || u.temp_class == inc.temp_class;
      }
      if (!found)
        m.fail("class", fmt::format("the class of a unit of store '{}': {}", w.stores[inc.store].id,
                                    choose_from(unit_classes, classes[inc.temp_class],
                                                "it has none (units need a cold_chain section)")));
    }
    if (inc.kind == Kind::hub_down)
      inc.hub = read_name(m, "hub", hubs, "the id of a drone hub", "none (drones.hubs is empty)");
    if (inc.kind == Kind::storm) {
      inc.wind_mps = m.number("wind_mps", inc.wind_mps, 0, kMaxWindMps);
      inc.rain_mmh = m.number("rain_mmh", inc.rain_mmh, 0, kMaxRainMmh);
      const YAML::Node f = m.get("road_factor");
      if (f) {
        double v = 0;
        if (!f.IsScalar() || !YAML::convert<double>::decode(f, v) || !std::isfinite(v) || v <= 0 ||
            v > 1)
          m.fail("road_factor", "a speed factor above 0 and at most 1 (0.8: 20% slower)");
        inc.road_factor = v;
      }
    }
    w.incidents.push_back(inc);
  }
}

std::string format_kmh(double mps) {
  for (int digits = 1; digits <= 17; ++digits) {
    const double kmh = std::stod(fmt::format("{:.{}g}", mps * 3.6, digits));
    if (kmh / 3.6 == mps) return format_number(kmh);
  }
  return format_number(mps * 3.6);
}

}  // namespace scenarios::detail
