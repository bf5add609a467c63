// Maps for GIS tools: a run's orders, stores and rider trips, and stores' isochrones, as GeoJSON
// (RFC 7946: a FeatureCollection, WGS84 longitude then latitude, polygons' outer rings
// counter-clockwise), so that QGIS, kepler.gl or GDAL's ogrinfo open them as they are.
#pragma once

#include <string>
#include <vector>

#include "routing/isochrone.h"
#include "sim/model/run_result.h"
#include "sim/model/twin_state.h"
#include "sim/model/world_config.h"

namespace output {

// A run's map (map.geojson), one FeatureCollection whose features say what they are in their
// "kind" property:
//   "order"         a Point at the customer: id, store, status, reason, click_to_door_min, late,
//                   and each phase's time as seconds since the scenario start (null if it did not
//                   happen) and as the clock ("placed_clock", "HH:MM:SS")
//   "store"         a Point: id, pickers, radius_m
//   "service_area"  the store's radius as a Polygon (64 vertices on the great circle)
//   "trip"          a LineString of one rider's positions from leaving idle to being idle again,
//                   taken from the twin's frames (`frames`; none: no trips). Each position is
//                   [lon, lat, 0, seconds since the scenario start]: the layout of kepler.gl's
//                   trip layer, whose fourth element RFC 7946 leaves to the reader; GDAL and QGIS
//                   read the first two or three. Properties: rider, store, vehicle, start, end
//                   (clock).
//   "hub"           a drone hub's Point, when the run had drones
std::string run_geojson(const model::WorldConfig& config, const model::RunResult& result,
                        const std::vector<model::TwinState>& frames);

// One store's isochrones for one vehicle, leaving at `depart_tod` (time of day).
struct StoreIsochrones {
  std::string store;
  std::string vehicle;
  double speed_kmh = 0;
  sim::Time depart_tod = 0;
  std::vector<routing::Isochrone> isochrones;
};

// isochrones.geojson: one MultiPolygon Feature per store, vehicle and limit, the largest limit
// first so that smaller areas draw on top; properties store, vehicle, speed_kmh, minutes, depart
// ("HH:MM"), nodes, road_km.
std::string isochrones_geojson(const std::vector<StoreIsochrones>& stores);

}  // namespace output
