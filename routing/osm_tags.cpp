#include "routing/osm_tags.h"

#include <charconv>
#include <initializer_list>

namespace routing::osm {

namespace {

constexpr float kMph = 1.609344f;
constexpr float kKnot = 1.852f;
// A zone whose law sets no number (German motorways): the road class's default applies.
constexpr float kNoLimit = 0;

struct LegalLimit {
  std::string_view country, type;
  float kmh;
};

// Legal limits of implicit zone codes for common countries, in km/h, from the OpenStreetMap wiki
// page "Default speed limits" (https://wiki.openstreetmap.org/wiki/Default_speed_limits), which
// cites each country's road traffic law; living streets at walking pace where the law says so
// (DE Verkehrsberuhigter Bereich, AT Wohnstrasse, SE gangfartsomrade). Where a limit differs
// within a country (Belgium's rural roads by region) the table has no entry.
constexpr float kW = kWalkingPaceKmh;
// clang-format off
constexpr LegalLimit kLegalLimits[] = {
    {"AT", "urban", 50}, {"AT", "rural", 100}, {"AT", "trunk", 100}, {"AT", "motorway", 130},
        {"AT", "living_street", kW}, {"AT", "bicycle_road", 30},
    {"BE", "urban", 50}, {"BE", "motorway", 120}, {"BE", "living_street", 20},
        {"BE", "cyclestreet", 30},
    {"CH", "urban", 50}, {"CH", "rural", 80}, {"CH", "trunk", 100}, {"CH", "motorway", 120},
        {"CH", "living_street", 20},
    {"CZ", "urban", 50}, {"CZ", "rural", 90}, {"CZ", "motorway", 130}, {"CZ", "living_street", 20},
    {"DE", "urban", 50}, {"DE", "rural", 100}, {"DE", "motorway", kNoLimit},
        {"DE", "living_street", kW}, {"DE", "bicycle_road", 30},
    {"DK", "urban", 50}, {"DK", "rural", 80}, {"DK", "motorway", 130}, {"DK", "living_street", 15},
    {"ES", "urban", 50}, {"ES", "rural", 90}, {"ES", "motorway", 120}, {"ES", "living_street", 20},
    {"FI", "urban", 50}, {"FI", "rural", 80}, {"FI", "motorway", 120}, {"FI", "living_street", 20},
    {"FR", "urban", 50}, {"FR", "rural", 80}, {"FR", "trunk", 110}, {"FR", "motorway", 130},
        {"FR", "living_street", 20},
    {"GB", "nsl_restricted", 30 * kMph}, {"GB", "nsl_single", 60 * kMph},
        {"GB", "nsl_dual", 70 * kMph}, {"GB", "motorway", 70 * kMph},
    {"HU", "urban", 50}, {"HU", "rural", 90}, {"HU", "trunk", 110}, {"HU", "motorway", 130},
        {"HU", "living_street", 20},
    {"IT", "urban", 50}, {"IT", "rural", 90}, {"IT", "trunk", 110}, {"IT", "motorway", 130},
    {"NL", "urban", 50}, {"NL", "rural", 80}, {"NL", "trunk", 100}, {"NL", "motorway", 130},
        {"NL", "living_street", 15},
    {"NO", "urban", 50}, {"NO", "rural", 80},
    {"PL", "urban", 50}, {"PL", "rural", 90}, {"PL", "motorway", 140}, {"PL", "living_street", 20},
    {"PT", "urban", 50}, {"PT", "rural", 90}, {"PT", "trunk", 100}, {"PT", "motorway", 120},
    {"RO", "urban", 50}, {"RO", "rural", 90}, {"RO", "trunk", 100}, {"RO", "motorway", 130},
    {"RU", "urban", 60}, {"RU", "rural", 90}, {"RU", "motorway", 110}, {"RU", "living_street", 20},
    {"SE", "urban", 50}, {"SE", "rural", 70}, {"SE", "living_street", kW},
    {"SK", "urban", 50}, {"SK", "rural", 90}, {"SK", "motorway", 130}, {"SK", "living_street", 20},
    {"UA", "urban", 50}, {"UA", "rural", 90}, {"UA", "motorway", 130}, {"UA", "living_street", 20},
};
// clang-format on

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "50", "50 km/h", "30 mph", "10 knots"; nullopt for anything else or outside (0, 300] km/h.
std::optional<float> number_with_unit(std::string_view text) {
  double v = 0;
  const auto [rest, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || rest == text.data()) return std::nullopt;
  const std::string_view unit = trim(std::string_view(rest, text.data() + text.size() - rest));
  double kmh = 0;
  if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph")
    kmh = v;
  else if (unit == "mph")
    kmh = v * kMph;
  else if (unit == "knots")
    kmh = v * kKnot;
  else
    return std::nullopt;
  if (!(kmh > 0) || kmh > 300) return std::nullopt;
  return static_cast<float>(kmh);
}

bool is(const char* value, std::string_view expected) { return value && value == expected; }

bool is_one_of(std::string_view v, std::initializer_list<std::string_view> values) {
  for (std::string_view x : values)
    if (v == x) return true;
  return false;
}

// A zone code from one of the keys that carry it when maxspeed gives no number.
std::optional<float> zone_limit(const Tags& tags, bool& understood) {
  for (const char* key : {"maxspeed:type", "source:maxspeed", "zone:maxspeed", "zone:traffic"}) {
    const char* value = tags(key);
    if (!value || std::string_view(value).find(':') == std::string_view::npos) continue;
    const MaxSpeed m = parse_maxspeed(value);
    understood = understood && m.understood;
    if (m.kmh) return m.kmh;
    if (m.understood) return std::nullopt;  // a zone without a number (DE:motorway)
  }
  return std::nullopt;
}

// Open (true), closed (false) or undecided (nullopt) for one access value or list.
std::optional<bool> access_decision(std::string_view value) {
  bool any_closed = false, all_known = true;
  while (true) {
    const auto semi = value.find(';');
    const std::string_view v = trim(value.substr(0, semi));
    if (is_one_of(v, {"yes", "designated", "official", "permissive", "discouraged", "use_sidepath",
                      "optional_sidepath", "destination", "delivery", "customers"}))
      return true;
    if (is_one_of(v, {"no", "private", "agricultural", "forestry", "permit", "military",
                      "emergency", "dismount", "bus", "psv", "hgv", "goods", "restricted"}))
      any_closed = true;
    else
      all_known = false;
    if (semi == std::string_view::npos) break;
    value.remove_prefix(semi + 1);
  }
  if (any_closed && all_known) return false;
  return std::nullopt;
}

bool open_for(const Tags& tags, std::initializer_list<const char*> hierarchy) {
  for (const char* key : hierarchy)
    if (const char* value = tags(key))
      if (const auto decision = access_decision(value)) return *decision;
  return true;
}

}  // namespace

std::optional<float> legal_limit_kmh(std::string_view country, std::string_view type) {
  for (const auto& l : kLegalLimits)
    if (l.country == country && l.type == type) return l.kmh;
  return std::nullopt;
}

MaxSpeed parse_maxspeed(std::string_view value) {
  value = trim(value.substr(0, value.find(';')));  // "50;60": the first counts
  if (const auto kmh = number_with_unit(value)) return {kmh, true};
  if (value == "walk") return {kWalkingPaceKmh, true};
  if (is_one_of(value, {"none", "signals", "variable", "unposted", "implicit", "no"}))
    return {std::nullopt, true};
  const auto colon = value.find(':');
  if (colon == 2) {  // "XX:type", XX an ISO 3166 country code
    const std::string_view country = value.substr(0, 2);
    std::string_view type = value.substr(3);
    // "zone30", "zone:30", "zone 30"
    if (type.starts_with("zone")) {
      std::string_view n = type.substr(4);
      if (n.starts_with(':') || n.starts_with(' ')) n.remove_prefix(1);
      if (const auto kmh = number_with_unit(n)) return {kmh, true};
    }
    if (const auto kmh = number_with_unit(type)) return {kmh, true};  // zone:maxspeed=DE:30
    if (type == "walk") return {kWalkingPaceKmh, true};
    if (const auto kmh = legal_limit_kmh(country, type))
      return {*kmh > 0 ? std::optional<float>(*kmh) : std::nullopt, true};
  }
  return {std::nullopt, false};
}

WaySpeeds way_speeds(const Tags& tags, float class_default_kmh) {
  WaySpeeds out;
  std::optional<float> both;
  bool no_limit = false;
  if (const char* v = tags("maxspeed")) {
    const MaxSpeed m = parse_maxspeed(v);
    out.understood = m.understood;
    both = m.kmh;
    no_limit = m.understood && !m.kmh && trim(v) == "none";
  }
  if (!both && !no_limit) both = zone_limit(tags, out.understood);
  const auto direction = [&](const char* key) {
    if (const char* v = tags(key)) {
      const MaxSpeed m = parse_maxspeed(v);
      out.understood = out.understood && m.understood;
      if (m.kmh) return *m.kmh;
    }
    return both.value_or(class_default_kmh);
  };
  out.forward_kmh = direction("maxspeed:forward");
  out.backward_kmh = direction("maxspeed:backward");
  return out;
}

ModeMask open_modes(const Tags& tags) {
  ModeMask open = 0;
  if (open_for(tags, {"motorcar", "motor_vehicle", "vehicle", "access"})) open |= kModeCar;
  if (open_for(tags, {"moped", "motor_vehicle", "vehicle", "access"})) open |= kModeMoped;
  if (open_for(tags, {"bicycle", "vehicle", "access"})) open |= kModeBicycle;
  if (open_for(tags, {"foot", "access"})) open |= kModeFoot;
  return open;
}

WayDirections way_directions(const Tags& tags, ModeMask open, bool motorway) {
  // +1: forward only, -1: backward only, 0: both ways, 2: neither (reversible).
  const auto oneway_of = [](const char* v, int otherwise) {
    if (is(v, "yes") || is(v, "1") || is(v, "true")) return 1;
    if (is(v, "-1")) return -1;
    if (is(v, "no") || is(v, "0") || is(v, "false")) return 0;
    if (is(v, "reversible") || is(v, "alternating")) return 2;
    return otherwise;
  };
  const char* oneway = tags("oneway");
  const bool implied =
      motorway || is(tags("junction"), "roundabout") || is(tags("junction"), "circular");
  const int vehicles = oneway_of(oneway, implied ? 1 : 0);

  int bicycle = oneway_of(tags("oneway:bicycle"), vehicles);
  if (!tags("oneway:bicycle") && vehicles != 0) {
    bool contraflow = false;
    for (const char* key : {"cycleway", "cycleway:left", "cycleway:right", "cycleway:both"})
      if (const char* v = tags(key))
        contraflow = contraflow || is_one_of(v, {"opposite", "opposite_lane", "opposite_track"});
    for (const char* key :
         {"cycleway:left:oneway", "cycleway:right:oneway", "cycleway:both:oneway"})
      contraflow = contraflow || is(tags(key), "-1") || is(tags(key), "no");
    if (contraflow && vehicles != 2) bicycle = 0;
  }
  const int moped = oneway_of(tags("oneway:moped"), vehicles);
  // A reversible way is skipped whole, as before: such roads are mostly express lanes and
  // tunnels, where walkers are not wanted either.
  const int foot = vehicles == 2 ? 2 : oneway_of(tags("oneway:foot"), 0);

  WayDirections d;
  const auto add = [&](ModeMask mode, int way) {
    if (!(open & mode)) return;
    if (way == 0 || way == 1) d.forward |= mode;
    if (way == 0 || way == -1) d.backward |= mode;
  };
  add(kModeCar, vehicles);
  add(kModeMoped, moped);
  add(kModeBicycle, bicycle);
  add(kModeFoot, foot);
  return d;
}

}  // namespace routing::osm
