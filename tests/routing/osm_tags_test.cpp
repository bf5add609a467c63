// How the OpenStreetMap importer reads a way's tags, value by value: speed limits as OSM writes
// them, access per transport mode, one-way per mode. Expected values are the legal limits the OSM
// wiki's "Default speed limits" page gives, worked by hand.
#include "routing/osm_tags.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace {

using routing::kModeBicycle;
using routing::kModeCar;
using routing::kModeFoot;
using routing::kModeMoped;
using routing::ModeMask;
namespace osm = routing::osm;

constexpr ModeMask kAll = routing::kAllModes;
constexpr float kMph = 1.609344f;

// A way's tags from a map, as the importer sees them.
osm::Tags tags_of(const std::map<std::string, std::string>& m) {
  return [m](const char* key) -> const char* {
    const auto it = m.find(key);
    return it == m.end() ? nullptr : it->second.c_str();
  };
}

std::optional<float> kmh(const char* value) { return osm::parse_maxspeed(value).kmh; }

TEST(OsmMaxspeed, NumbersWithAndWithoutUnits) {
  EXPECT_EQ(kmh("50"), 50.0f);
  EXPECT_EQ(kmh("50 km/h"), 50.0f);
  EXPECT_EQ(kmh(" 70 "), 70.0f);
  EXPECT_NEAR(*kmh("30 mph"), 48.28f, 0.01f);
  EXPECT_NEAR(*kmh("20mph"), 32.19f, 0.01f);
  EXPECT_NEAR(*kmh("10 knots"), 18.52f, 0.01f);
  EXPECT_EQ(kmh("50;60"), 50.0f);  // the first of a list
}

TEST(OsmMaxspeed, WalkIsWalkingPace) {
  EXPECT_EQ(kmh("walk"), osm::kWalkingPaceKmh);
  EXPECT_GE(osm::kWalkingPaceKmh, 4.0f);
  EXPECT_LE(osm::kWalkingPaceKmh, 7.0f);
}

TEST(OsmMaxspeed, WordsWithoutANumberLeaveTheClassDefaultAndAreUnderstood) {
  for (const char* v : {"none", "signals", "variable", "unposted", "implicit"}) {
    const auto m = osm::parse_maxspeed(v);
    EXPECT_FALSE(m.kmh) << v;
    EXPECT_TRUE(m.understood) << v;
  }
}

TEST(OsmMaxspeed, ZoneCodesOfCommonCountriesAreTheirLegalLimits) {
  struct Case {
    const char* value;
    float kmh;
  };
  const Case cases[] = {
      {"RU:urban", 60},
      {"RU:rural", 90},
      {"RU:motorway", 110},
      {"DE:urban", 50},
      {"DE:rural", 100},
      {"DE:bicycle_road", 30},
      {"AT:motorway", 130},
      {"AT:rural", 100},
      {"FR:urban", 50},
      {"FR:rural", 80},
      {"FR:motorway", 130},
      {"FR:living_street", 20},
      {"CH:rural", 80},
      {"CH:motorway", 120},
      {"IT:rural", 90},
      {"IT:motorway", 130},
      {"NL:rural", 80},
      {"NL:living_street", 15},
      {"PL:motorway", 140},
      {"ES:motorway", 120},
      {"CZ:rural", 90},
      {"UA:urban", 50},
      {"DK:living_street", 15},
      {"SE:rural", 70},
      {"GB:nsl_single", 60 * kMph},
      {"GB:nsl_dual", 70 * kMph},
      {"GB:motorway", 70 * kMph},
      {"GB:nsl_restricted", 30 * kMph},
  };
  for (const auto& c : cases) {
    const auto m = osm::parse_maxspeed(c.value);
    ASSERT_TRUE(m.kmh) << c.value;
    EXPECT_NEAR(*m.kmh, c.kmh, 1e-3) << c.value;
    EXPECT_TRUE(m.understood) << c.value;
  }
}

TEST(OsmMaxspeed, LivingStreetsAtWalkingPaceWhereTheLawSaysSo) {
  EXPECT_EQ(kmh("DE:living_street"), osm::kWalkingPaceKmh);
  EXPECT_EQ(kmh("AT:living_street"), osm::kWalkingPaceKmh);
  EXPECT_EQ(kmh("SE:living_street"), osm::kWalkingPaceKmh);
  EXPECT_EQ(kmh("DE:walk"), osm::kWalkingPaceKmh);
}

TEST(OsmMaxspeed, ZoneCodesWithANumberAnywhere) {
  EXPECT_EQ(kmh("DE:zone30"), 30.0f);
  EXPECT_EQ(kmh("DE:zone:30"), 30.0f);
  EXPECT_EQ(kmh("IT:zone20"), 20.0f);
  EXPECT_EQ(kmh("XK:zone:40"), 40.0f);  // a country not in the table
  EXPECT_NEAR(*kmh("GB:zone20 mph"), 32.19f, 0.01f);
}

TEST(OsmMaxspeed, GermanMotorwaysHaveNoLimitSoTheClassDefault) {
  const auto m = osm::parse_maxspeed("DE:motorway");
  EXPECT_FALSE(m.kmh);
  EXPECT_TRUE(m.understood);
}

TEST(OsmMaxspeed, UnknownCodesAndCountriesAreClassDefaultAndNotUnderstood) {
  for (const char* v : {"US:urban", "DE:nonsense", "fast", "50 furlongs", "0", "-30", "500"}) {
    const auto m = osm::parse_maxspeed(v);
    EXPECT_FALSE(m.kmh) << v;
    EXPECT_FALSE(m.understood) << v;
  }
}

TEST(OsmWaySpeeds, ForwardAndBackwardEachTheirOwn) {
  const auto s = osm::way_speeds(
      tags_of({{"maxspeed", "50"}, {"maxspeed:forward", "30"}, {"maxspeed:backward", "RU:urban"}}),
      45);
  EXPECT_EQ(s.forward_kmh, 30.0f);
  EXPECT_EQ(s.backward_kmh, 60.0f);
  const auto only_forward = osm::way_speeds(tags_of({{"maxspeed:forward", "20"}}), 45);
  EXPECT_EQ(only_forward.forward_kmh, 20.0f);
  EXPECT_EQ(only_forward.backward_kmh, 45.0f);  // the class default
}

TEST(OsmWaySpeeds, ZoneKeysCarryTheZoneWhenMaxspeedHasNoNumber) {
  EXPECT_EQ(osm::way_speeds(tags_of({{"source:maxspeed", "DE:rural"}}), 55).forward_kmh, 100.0f);
  EXPECT_EQ(osm::way_speeds(tags_of({{"zone:maxspeed", "DE:30"}}), 55).forward_kmh, 30.0f);
  EXPECT_EQ(osm::way_speeds(tags_of({{"zone:maxspeed", "DE:zone30"}}), 55).forward_kmh, 30.0f);
  EXPECT_EQ(osm::way_speeds(tags_of({{"zone:traffic", "FR:urban"}}), 55).backward_kmh, 50.0f);
  EXPECT_EQ(osm::way_speeds(tags_of({{"maxspeed:type", "GB:nsl_single"}}), 55).forward_kmh,
            60 * kMph);
  // A number in maxspeed wins over the zone; "source:maxspeed=sign" names no zone.
  EXPECT_EQ(osm::way_speeds(tags_of({{"maxspeed", "70"}, {"source:maxspeed", "DE:urban"}}), 55)
                .forward_kmh,
            70.0f);
  const auto sign = osm::way_speeds(tags_of({{"source:maxspeed", "sign"}}), 55);
  EXPECT_EQ(sign.forward_kmh, 55.0f);
  EXPECT_TRUE(sign.understood);
  // maxspeed=none on a motorway: no limit, the class default, whatever the zone.
  EXPECT_EQ(osm::way_speeds(tags_of({{"maxspeed", "none"}, {"zone:traffic", "DE:rural"}}), 110)
                .forward_kmh,
            110.0f);
}

TEST(OsmAccess, EachModeFollowsItsOwnHierarchy) {
  EXPECT_EQ(osm::open_modes(tags_of({})), kAll);
  EXPECT_EQ(osm::open_modes(tags_of({{"access", "no"}})), 0);
  EXPECT_EQ(osm::open_modes(tags_of({{"motor_vehicle", "no"}, {"bicycle", "yes"}})),
            kModeBicycle | kModeFoot);
  EXPECT_EQ(osm::open_modes(tags_of({{"motor_vehicle", "agricultural;forestry"}})),
            kModeBicycle | kModeFoot);
  EXPECT_EQ(osm::open_modes(tags_of({{"access", "no"}, {"motor_vehicle", "agricultural"}})), 0);
  EXPECT_EQ(osm::open_modes(tags_of({{"access", "no"}, {"foot", "yes"}})), kModeFoot);
  EXPECT_EQ(osm::open_modes(tags_of({{"vehicle", "no"}})), kModeFoot);
  EXPECT_EQ(osm::open_modes(tags_of({{"motorcar", "no"}})), kAll & ~kModeCar);
  EXPECT_EQ(osm::open_modes(tags_of({{"moped", "no"}})), kAll & ~kModeMoped);
  EXPECT_EQ(osm::open_modes(tags_of({{"bicycle", "dismount"}})), kAll & ~kModeBicycle);
  EXPECT_EQ(osm::open_modes(tags_of({{"access", "private"}, {"bicycle", "permissive"}})),
            kModeBicycle);
  EXPECT_EQ(osm::open_modes(tags_of({{"vehicle", "no"}, {"motorcar", "yes"}})),
            kModeCar | kModeFoot);
}

TEST(OsmAccess, DeliveryRidersMayDeliverToDestinations) {
  for (const char* v : {"destination", "delivery", "customers", "permissive", "designated",
                        "discouraged", "private;delivery"})
    EXPECT_EQ(osm::open_modes(tags_of({{"access", v}})), kAll) << v;
  for (const char* v : {"no", "private", "agricultural", "forestry", "permit", "military",
                        "emergency", "agricultural;forestry"})
    EXPECT_EQ(osm::open_modes(tags_of({{"access", v}})), 0) << v;
}

TEST(OsmAccess, UnknownValuesDoNotDecide) {
  // "unknown" on motor_vehicle leaves the decision to access=no.
  EXPECT_EQ(osm::open_modes(tags_of({{"motor_vehicle", "sometimes"}, {"access", "no"}})), 0);
  EXPECT_EQ(osm::open_modes(tags_of({{"motor_vehicle", "sometimes"}})), kAll);
}

TEST(OsmOneway, VehiclesAreBoundWalkersAreNot) {
  const auto d = osm::way_directions(tags_of({{"oneway", "yes"}}), kAll, false);
  EXPECT_EQ(d.forward, kAll);
  EXPECT_EQ(d.backward, kModeFoot);
  const auto rev = osm::way_directions(tags_of({{"oneway", "-1"}}), kAll, false);
  EXPECT_EQ(rev.forward, kModeFoot);
  EXPECT_EQ(rev.backward, kAll);
  const auto reversible = osm::way_directions(tags_of({{"oneway", "reversible"}}), kAll, false);
  EXPECT_EQ(reversible.forward, 0);
  EXPECT_EQ(reversible.backward, 0);
  const auto motorway = osm::way_directions(tags_of({}), kModeCar, true);
  EXPECT_EQ(motorway.forward, kModeCar);
  EXPECT_EQ(motorway.backward, 0);
  const auto roundabout = osm::way_directions(tags_of({{"junction", "roundabout"}}), kAll, false);
  EXPECT_EQ(roundabout.backward, kModeFoot);
  const auto not_oneway =
      osm::way_directions(tags_of({{"junction", "roundabout"}, {"oneway", "no"}}), kAll, false);
  EXPECT_EQ(not_oneway.backward, kAll);
}

TEST(OsmOneway, BicycleExceptions) {
  for (const auto& extra :
       std::vector<std::pair<std::string, std::string>>{{"oneway:bicycle", "no"},
                                                        {"cycleway", "opposite"},
                                                        {"cycleway", "opposite_lane"},
                                                        {"cycleway:left", "opposite_track"},
                                                        {"cycleway:right:oneway", "-1"},
                                                        {"cycleway:left:oneway", "no"}}) {
    const auto d =
        osm::way_directions(tags_of({{"oneway", "yes"}, {extra.first, extra.second}}), kAll, false);
    EXPECT_EQ(d.forward, kAll) << extra.first;
    EXPECT_EQ(d.backward, kModeBicycle | kModeFoot) << extra.first << "=" << extra.second;
  }
  // A street two-way for cars but one-way for bicycles.
  const auto d = osm::way_directions(tags_of({{"oneway:bicycle", "yes"}}), kAll, false);
  EXPECT_EQ(d.backward, kAll & ~kModeBicycle);
  // Modes closed by access get no direction.
  const auto closed = osm::way_directions(tags_of({}), kModeBicycle, false);
  EXPECT_EQ(closed.forward, kModeBicycle);
  EXPECT_EQ(closed.backward, kModeBicycle);
}

}  // namespace
