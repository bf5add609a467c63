// How the OpenStreetMap importer reads a way's tags: its speed limit per direction, the transport
// modes whose access it allows, and the directions each mode may ride it. Pure functions of the
// tags, so they can be tested without a file.
//
// Speed limits (https://wiki.openstreetmap.org/wiki/Key:maxspeed): a number in km/h, or with a
// unit ("30 mph", "10 knots"); "walk" at walking pace; an implicit zone code "XX:type" (XX the
// ISO 3166 country) at that country's legal limit from the table in osm_tags.cpp, or the number
// it names ("DE:zone30", "DE:zone:30", "DE:30"); "none", "signals", "variable", "unposted" carry no
// number and leave the road class's default. maxspeed:forward/backward win for their direction;
// when maxspeed gives no number, a zone code in maxspeed:type, source:maxspeed, zone:maxspeed or
// zone:traffic sets the limit.
//
// Access (https://wiki.openstreetmap.org/wiki/Key:access): each mode follows its own hierarchy,
// the most specific key with a value it knows deciding:
//   car:     motorcar -> motor_vehicle -> vehicle -> access
//   moped:   moped -> motor_vehicle -> vehicle -> access           (the scooter profile)
//   bicycle: bicycle -> vehicle -> access                          (bicycles and e-bikes)
//   foot:    foot -> access                                        (walking riders)
// A delivery rider may use yes, designated, official, permissive, discouraged (legal, only
// discouraged), use_sidepath and optional_sidepath (the side path is not in the network), and
// also destination, delivery and customers: a delivery is a visit to a destination on that
// street. Closed: no, private, agricultural, forestry, permit, military, emergency, dismount (a
// cyclist must push), bus, psv and the other vehicle-type values. A list "a;b" opens if one of
// its values opens, and closes if they all close. Values not known here do not decide; the next
// key does. Conditional access (*:conditional) is not read.
//
// One-way (https://wiki.openstreetmap.org/wiki/Key:oneway): oneway=yes/1/true/-1, implied on
// motorways and roundabouts unless oneway=no, binds vehicles; reversible ways are closed to all.
// Bicycles follow oneway:bicycle, and ride both ways where cycleway, cycleway:left/right/both is
// opposite, opposite_lane or opposite_track, or cycleway:left/right/both:oneway is -1 or no.
// Mopeds follow oneway:moped. Walkers ignore oneway except oneway:foot.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "routing/road_network.h"

namespace routing::osm {

// A way's tags: the value of a key, or nullptr when it has none.
using Tags = std::function<const char*(const char* key)>;

// Walking pace for maxspeed=walk and living-street zones of countries whose law says "walking
// pace": 7 km/h, the top of the 4-7 km/h range courts read German "Schrittgeschwindigkeit" as.
inline constexpr float kWalkingPaceKmh = 7;

struct MaxSpeed {
  std::optional<float> kmh;  // nullopt: the road class's default
  bool understood = true;    // false for a value this importer cannot read (counted, reported)
};
// One maxspeed value, e.g. "50", "30 mph", "walk", "RU:urban", "DE:zone:30", "none".
MaxSpeed parse_maxspeed(std::string_view value);

// The legal limit of a zone code's type in a country ("DE", "urban"); nullopt when the table has
// none.
std::optional<float> legal_limit_kmh(std::string_view country, std::string_view type);

struct WaySpeeds {
  float forward_kmh = 0;
  float backward_kmh = 0;
  bool understood = true;  // false when a value had to be ignored
};
WaySpeeds way_speeds(const Tags& tags, float class_default_kmh);

// The modes the way's access tags allow (bits of ModeMask); 0 when closed to every mode.
ModeMask open_modes(const Tags& tags);

struct WayDirections {
  ModeMask forward = 0;   // modes that may ride it in the way's direction
  ModeMask backward = 0;  // and against it
};
// `open` as from open_modes; motorway: whether the class implies one-way.
WayDirections way_directions(const Tags& tags, ModeMask open, bool motorway);

}  // namespace routing::osm
