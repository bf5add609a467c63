#include "tools/scenario_warnings.h"

#include <fmt/core.h>

#include "scenarios/scenario_checks.h"

namespace {

void print_warnings(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) fmt::print(stderr, "halfhour: warning: {}\n", w);
}

}  // namespace

std::vector<std::string> warn_on_map(const scenarios::Scenario& s,
                                     const routing::RoadNetwork& net) {
  const std::vector<std::string> found = scenarios::map_warnings(s, net);
  print_warnings(found);
  std::vector<std::string> all = s.warnings;
  all.insert(all.end(), found.begin(), found.end());
  return all;
}

void add_run_warnings(model::RunResult& result, const std::vector<std::string>& scenario_warnings) {
  print_warnings(result.warnings);
  result.warnings.insert(result.warnings.begin(), scenario_warnings.begin(),
                         scenario_warnings.end());
}

void print_map_report(const scenarios::Scenario& s, const routing::RoadNetwork& net, bool warn) {
  const scenarios::MapReport r = scenarios::map_report(s, net);
  if (warn) print_warnings(scenarios::map_warnings(s, net, &r));
  fmt::print("road network extent: lat {:.5f} to {:.5f}, lon {:.5f} to {:.5f}\n", r.south_west.lat,
             r.north_east.lat, r.south_west.lon, r.north_east.lon);
  const char* source = s.world.demand.use_trace ? "trace orders" : "sampled customers";
  for (std::size_t i = 0; i < r.stores.size(); ++i)
    fmt::print("store {} ({}): {:.0f} m from its road, radius {:.0f} m covers {:.1f}% of demand\n",
               i, r.stores[i].id, r.stores[i].road_m, s.world.stores[i].radius_m,
               100 * r.stores[i].demand_share);
  fmt::print("demand outside every store's radius: {:.1f}%, unreachable: {:.1f}% (of {} {})\n",
             100 * r.out_of_radius, 100 * r.unreachable, r.customers, source);
}
