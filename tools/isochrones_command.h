// halfhour isochrones: what each store's riders can reach within 10, 20 and 30 minutes (or the
// given limits) when they leave at a time of day, as GeoJSON polygons a GIS tool opens.
#pragma once

#include <string>
#include <vector>

#include "tools/run_options.h"

namespace CLI {
class App;
}

struct IsochroneOptions {
  RunOptions run;
  std::string at = "18:00";
  std::vector<double> minutes = {10, 20, 30};
  double buffer_m = 50;
  std::string out;  // default: <output.dir>/<name>-isochrones.geojson
};

CLI::App* add_isochrones_command(CLI::App& app, IsochroneOptions& opt);

// Writes the file atomically and prints a line per store and vehicle. Throws
// scenarios::InputError for a bad --at, --minutes or --buffer (exit 2).
int run_isochrones_command(const IsochroneOptions& opt);
