#include "tools/isochrones_command.h"

#include <cmath>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "routing/isochrone.h"
#include "scenarios/units.h"
#include "sim/output/atomic_folder.h"
#include "sim/output/geojson.h"
#include "sim/output/time_format.h"

CLI::App* add_isochrones_command(CLI::App& app, IsochroneOptions& opt) {
  auto* cmd = app.add_subcommand(
      "isochrones", "What each store's riders reach within given minutes, as GeoJSON polygons");
  add_scenario_options(cmd, opt.run);
  cmd->add_option("--at", opt.at, "Time of day the riders leave (HH:MM), for its traffic");
  cmd->add_option("--minutes", opt.minutes, "Travel-time limits in minutes")->delimiter(',');
  cmd->add_option("--buffer", opt.buffer_m, "Metres of area on each side of a reached street");
  cmd->add_option("-o,--out", opt.out,
                  "The GeoJSON file (default: <output.dir>/<name>-isochrones.geojson)");
  cmd->add_flag("--quiet,-q", opt.run.quiet, "Print nothing on success");
  return cmd;
}

int run_isochrones_command(const IsochroneOptions& opt) {
  const auto at = scenarios::parse_time_of_day(opt.at);
  if (!at) bad_option("--at", "a time of day HH:MM", opt.at);
  std::vector<std::int64_t> limits;
  for (const double m : opt.minutes) {
    if (!(m > 0 && m <= 24 * 60))
      bad_option("--minutes", "minutes above 0, at most 1440", fmt::format("{}", m));
    limits.push_back(std::llround(m * static_cast<double>(sim::kMinute)));
  }
  if (limits.empty()) bad_option("--minutes", "at least one limit", "none");
  if (!(opt.buffer_m >= 1 && opt.buffer_m <= 1000))
    bad_option("--buffer", "metres from 1 to 1000", fmt::format("{}", opt.buffer_m));

  const scenarios::Scenario s = load_map_scenario(opt.run);
  const auto network = load_network_reported(s);
  const auto& c = s.world;
  const routing::CongestionProfile congestion(c.congestion);
  // One hierarchy per vehicle and speed, as the world builds them.
  std::map<std::pair<std::string, double>, std::unique_ptr<routing::TravelTimes>> travel;
  std::vector<output::StoreIsochrones> out;
  for (std::size_t k = 0; k < c.stores.size(); ++k) {
    const auto& store = c.stores[k];
    const routing::NodeId node = network->nearest_node(store.location);
    std::map<std::pair<std::string, double>, bool> done;
    for (const auto& group : c.riders) {
      if (group.store != k) continue;
      const auto key = std::pair(std::string(model::to_string(group.vehicle)), group.speed_kmh);
      if (!done.emplace(key, true).second) continue;
      auto& tt = travel[key];
      if (!tt)
        tt = std::make_unique<routing::TravelTimes>(
            network, *routing::vehicle_profile(key.first, key.second), congestion, c.routing_cache,
            opt.run.threads);
      output::StoreIsochrones si{store.id, key.first, key.second, *at,
                                 routing::isochrones(*tt, node, *at, limits, opt.buffer_m)};
      if (!opt.run.quiet)
        for (const auto& iso : si.isochrones)
          fmt::print("{} {} {:.0f} km/h, leaving {}: {:g} min reach {} nodes, {:.1f} km of road\n",
                     store.id, key.first, key.second, output::clock_text(*at),
                     static_cast<double>(iso.limit_ms) / sim::kMinute, iso.nodes, iso.road_km);
      out.push_back(std::move(si));
    }
  }
  const std::string path =
      opt.out.empty() ? s.output_dir + "/" + s.name + "-isochrones.geojson" : opt.out;
  output::replace_file_atomically(path, output::isochrones_geojson(out));
  if (!opt.run.quiet) fmt::print("isochrones: {}\n", path);
  return 0;
}
