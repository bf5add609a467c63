#include "scenarios/scenario_checks.h"

#include <algorithm>
#include <filesystem>

#include <fmt/core.h>

#include "scenarios/units.h"
#include "sim/model/demand.h"

namespace scenarios {

namespace {

bool inside(routing::LatLon p, const MapReport& r) {
  return p.lat >= r.south_west.lat && p.lat <= r.north_east.lat && p.lon >= r.south_west.lon &&
         p.lon <= r.north_east.lon;
}

std::string extent_text(const MapReport& r) {
  return fmt::format("lat {:.5f} to {:.5f}, lon {:.5f} to {:.5f}", r.south_west.lat,
                     r.north_east.lat, r.south_west.lon, r.north_east.lon);
}

void set_extent(MapReport& r, const routing::RoadNetwork& net) {
  if (net.node_count() == 0) return;
  r.south_west = r.north_east = net.position(0);
  for (std::size_t n = 1; n < net.node_count(); ++n) {
    const routing::LatLon p = net.position(static_cast<routing::NodeId>(n));
    r.south_west = {std::min(r.south_west.lat, p.lat), std::min(r.south_west.lon, p.lon)};
    r.north_east = {std::max(r.north_east.lat, p.lat), std::max(r.north_east.lon, p.lon)};
  }
}

// The sampled customers' street nodes.
std::vector<routing::NodeId> sample_customers(const model::WorldConfig& world,
                                              const routing::RoadNetwork& net) {
  std::vector<routing::NodeId> nodes;
  if (world.demand.use_trace) {
    for (const auto& row : world.demand.trace) nodes.push_back(net.nearest_node(row.location));
    return nodes;
  }
  model::WorldConfig config = world;
  config.seed = kDemandSampleSeed;
  model::DemandGenerator demand(config, net);
  routing::LatLon at;
  for (int k = 0; k < kDemandSample; ++k) nodes.push_back(demand.draw_customer(&at));
  return nodes;
}

// Where a rider group's shift falls, in time since the start, as the world places it.
std::pair<sim::Time, sim::Time> shift_window(const model::WorldConfig& c,
                                             const model::RiderGroupConfig& g) {
  sim::Time from = g.shift_from_tod - c.start_tod;
  sim::Time to = g.shift_to_tod - c.start_tod;
  if (to <= from) to += sim::kDay;
  if (to <= 0) from += sim::kDay, to += sim::kDay;
  return {from, to};
}

// The file by its name alone: warnings go into kpis.json, which must not depend on the folder
// the scenario was run from.
std::string file_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string where(const Scenario& s, const std::string& key) {
  const SourceMark m = s.mark(key);
  const std::string file = m.file.starts_with("--set ") ? m.file : file_name(m.file);
  return m.line > 0 ? fmt::format("{}:{}: {}", file, m.line, key) : file + ": " + key;
}

}  // namespace

MapReport map_report(const Scenario& s, const routing::RoadNetwork& net) {
  MapReport r;
  set_extent(r, net);
  const auto& stores = s.world.stores;
  for (const auto& st : stores) {
    double road_m = 0;
    net.nearest_node(st.location, &road_m);
    r.stores.push_back({st.id, road_m, 0});
  }
  const std::vector<routing::NodeId> customers = sample_customers(s.world, net);
  r.customers = static_cast<int>(customers.size());
  if (customers.empty()) return r;
  std::vector<int> covered(stores.size(), 0);
  int outside = 0, cut_off = 0;
  for (const routing::NodeId c : customers) {
    const routing::LatLon at = net.position(c);
    bool any = false;
    for (std::size_t i = 0; i < stores.size(); ++i)
      if (routing::haversine_m(stores[i].location, at) <= stores[i].radius_m)
        ++covered[i], any = true;
    if (!any)
      ++outside;
    else if (!net.in_main_part(c))
      ++cut_off;
  }
  const double n = static_cast<double>(customers.size());
  for (std::size_t i = 0; i < stores.size(); ++i) r.stores[i].demand_share = covered[i] / n;
  r.out_of_radius = outside / n;
  r.unreachable = cut_off / n;
  return r;
}

std::vector<std::string> map_warnings(const Scenario& s, const routing::RoadNetwork& net,
                                      const MapReport* report) {
  std::vector<std::string> out;
  MapReport extent;
  set_extent(extent, net);
  const model::WorldConfig& w = s.world;
  for (std::size_t i = 0; i < w.demand.hotspots.size(); ++i) {
    const auto& h = w.demand.hotspots[i];
    if (inside(h.center, extent)) continue;
    const std::string key = fmt::format("demand.hotspots[{}]", i);
    std::string swapped;
    if (inside({h.center.lon, h.center.lat}, extent))
      swapped = " (latitude and longitude look swapped: swapped, it is on the map)";
    double road_m = 0;
    net.nearest_node(h.center, &road_m);
    out.push_back(fmt::format(
        "{}: the hotspot at {:.5f},{:.5f} is outside the map ({}), {:.1f} km from the nearest "
        "road; its customers are placed on the map's nearest streets{}",
        where(s, key), h.center.lat, h.center.lon, extent_text(extent), road_m / 1000, swapped));
  }
  if (w.demand.use_trace) {
    std::size_t off = 0;
    std::size_t first = 0;
    for (std::size_t i = 0; i < w.demand.trace.size(); ++i)
      if (!inside(w.demand.trace[i].location, extent)) first = off++ == 0 ? i : first;
    if (off > 0) {
      const auto& p = w.demand.trace[first].location;
      out.push_back(fmt::format(
          "{}: {} of {} trace orders are outside the map ({}), the first at {:.5f},{:.5f}; "
          "they are placed on the map's nearest streets",
          file_name(s.trace_path), off, w.demand.trace.size(), extent_text(extent), p.lat, p.lon));
    }
  }
  for (std::size_t g = 0; g < w.riders.size(); ++g) {
    const auto& group = w.riders[g];
    if (group.shift_from_tod < 0 || group.shift_to_tod < 0) continue;
    const auto [from, to] = shift_window(w, group);
    if (from < w.duration) continue;
    out.push_back(fmt::format(
        "{}: the shift {} to {} lies entirely outside the simulated window ({} to {}, when "
        "orders are placed); its {} rider{} take no order before the drain",
        where(s, fmt::format("fleet.riders[{}].shift", g)),
        format_time_of_day(group.shift_from_tod), format_time_of_day(group.shift_to_tod),
        format_time_of_day(w.start_tod), format_time_of_day((w.start_tod + w.duration) % sim::kDay),
        group.count, group.count == 1 ? "" : "s"));
  }
  for (std::size_t i = 0; i < w.stores.size(); ++i)
    for (std::size_t j = i + 1; j < w.stores.size(); ++j) {
      const double d = routing::haversine_m(w.stores[i].location, w.stores[j].location);
      if (d < kMinStoreSpacingM)
        out.push_back(
            fmt::format("{}: stores '{}' and '{}' are {:.0f} m apart (less than {:.0f} "
                        "m): the same store written twice?",
                        where(s, fmt::format("stores[{}].location", j)), w.stores[i].id,
                        w.stores[j].id, d, kMinStoreSpacingM));
    }
  if (report && report->customers > 0 &&
      report->out_of_radius + report->unreachable > kMaxLostDemandShare)
    out.push_back(fmt::format(
        "{:.1f}% of the demand (estimated from {} {}) would be lost: {:.1f}% outside every "
        "store's radius, {:.1f}% on streets cut off from the stores; move or add stores, widen "
        "a radius, or move the hotspots",
        100 * (report->out_of_radius + report->unreachable), report->customers,
        w.demand.use_trace ? "trace orders" : "sampled customers", 100 * report->out_of_radius,
        100 * report->unreachable));
  return out;
}

}  // namespace scenarios
