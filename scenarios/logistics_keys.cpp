#include "scenarios/logistics_keys.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <set>
#include <string>
#include <utility>

#include <fmt/core.h>

#include "scenarios/key_readers.h"
#include "scenarios/units.h"

namespace scenarios::detail {

namespace {

constexpr long long kMaxUnits = 1'000'000'000;  // stock units, capacities
constexpr double kMinTempC = -100;              // dry ice is -78.5 °C
constexpr double kMaxTempC = 100;
constexpr double kMinOutdoorC = -90;  // the coldest and hottest air ever measured, about
constexpr double kMaxOutdoorC = 60;
constexpr double kNoLimitC = model::kNoLimitC;

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
