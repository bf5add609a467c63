// Isochrones: what a vehicle can reach from one node within a travel time, as a set of streets
// and as an area a map can draw.
//
// Travel times to every node come from the contraction hierarchy by PHAST (Delling, Goldberg,
// Nowatzyk and Werneck, "PHAST: Hardware-accelerated shortest path trees", IPDPS 2011): a
// Dijkstra search up the hierarchy from the origin, then one sweep over all nodes from the
// highest rank down, each taking the best of its incoming downward edges. Exact (the same times
// as Dijkstra on the metric) in O(n + m) after a search of a few hundred nodes.
//
// The area is the reached road widened on each side: every street reached whole, plus the reached
// part of a street where the time runs out (cut in proportion to its travel time), buffered by
// `buffer_m` and merged (Boost.Geometry buffer with round joins and ends), the "road buffer"
// isochrone; unlike a hull of the reached nodes it never covers a river, rail line or park that
// no street crosses. Polygons are valid (OGC simple features) and simplified (Douglas-Peucker, at
// most a fifth of the buffer, less where that would make a ring cross itself).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "routing/contraction_hierarchy.h"
#include "routing/geo.h"
#include "routing/road_network.h"
#include "routing/travel_times.h"

namespace routing {

// Milliseconds from `origin` to every node over the hierarchy's metric, indexed by NodeId;
// kInfWeight where unreachable. Throws std::out_of_range for an origin outside the hierarchy.
std::vector<Weight> one_to_all(const ContractionHierarchy& ch, NodeId origin);

// One polygon of an isochrone's area, WGS84: the outer ring then its holes, each closed (first
// point repeated last), the outer ring counter-clockwise and holes clockwise (RFC 7946, 3.1.6).
struct IsoPolygon {
  std::vector<LatLon> outer;
  std::vector<std::vector<LatLon>> holes;
};

struct Isochrone {
  std::int64_t limit_ms = 0;
  std::size_t nodes = 0;  // nodes reached within the limit, the origin included
  double road_km = 0;     // directed road reached (a two-way street counts both ways)
  std::vector<IsoPolygon> area;
};

// The isochrones of `origin` for each limit in `limits_ms` (any order; one result each, in the
// same order), from times `ms` = one_to_all over `arcs` (the metric the times were computed on,
// e.g. travel_time_metric). `buffer_m` > 0. Throws std::invalid_argument when `ms` does not
// have one entry per node or buffer_m is not positive.
std::vector<Isochrone> isochrones(const RoadNetwork& net, const std::vector<MetricArc>& arcs,
                                  const std::vector<Weight>& ms, NodeId origin,
                                  std::span<const std::int64_t> limits_ms, double buffer_m = 50);

// The same for a vehicle leaving `origin` at time of day `depart_tod_ms`, at the speeds of the
// congestion level of that moment (the whole trip at one level, as TravelTimes prices a trip
// before its FIFO repair; a level change inside the limit is not followed).
std::vector<Isochrone> isochrones(const TravelTimes& tt, NodeId origin, std::int64_t depart_tod_ms,
                                  std::span<const std::int64_t> limits_ms, double buffer_m = 50);

}  // namespace routing
