#include "sim/output/run_writer.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/output/atomic_folder.h"
#include "sim/output/report_html.h"
#include "sim/output/time_format.h"

namespace output {

namespace fs = std::filesystem;

namespace {

nlohmann::ordered_json summary_json(const model::Summary& s) {
  nlohmann::ordered_json j;
  j["mean"] = s.mean;
  j["p50"] = s.p50;
  j["p90"] = s.p90;
  j["p99"] = s.p99;
  j["count"] = s.count;
  return j;
}

// RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string time_or_empty(sim::Time t) { return t == sim::kNever ? "" : seconds_text(t); }

// A share, or null when there was nothing to divide (model::kNoShare).
nlohmann::ordered_json share_json(double share) {
  return std::isnan(share) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(share);
}

nlohmann::ordered_json service_json(const model::ServiceKpis& k) {
  nlohmann::ordered_json j;
  j["orders"] = {{"placed", k.placed},
                 {"accepted", k.accepted},
                 {"delivered", k.delivered},
                 {"on_time", k.on_time},
                 {"rejected", k.rejected},
                 {"open", k.open},
                 {"rejected_by_reason", k.rejected_by_reason}};
  j["on_time_share"] = share_json(k.on_time_share);
  j["on_time_share_of_delivered"] = share_json(k.on_time_share_of_delivered);
  j["click_to_door_min"] = summary_json(k.click_to_door_min);
  j["pick_wait_min"] = summary_json(k.pick_wait_min);
  j["rider_hours"] = k.rider_hours;
  j["rider_utilisation"] = share_json(k.rider_utilisation);
  j["orders_per_rider_hour"] = share_json(k.orders_per_rider_hour);
  return j;
}

nlohmann::ordered_json hours_json(const std::vector<model::HourKpis>& hours) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const auto& h : hours) {
    nlohmann::ordered_json one;
    one["hour"] = h.hour;
    one.update(service_json(h.service));
    j.push_back(std::move(one));
  }
  return j;
}

}  // namespace

std::string kpis_json(const RunInfo& info, const model::Kpis& kpis,
                      const std::vector<std::string>& warnings) {
  nlohmann::ordered_json j;
  j["name"] = info.name;
  j["seed"] = info.seed;
  j["warnings"] = warnings;  // likely mistakes in the scenario or its run (RunResult::warnings)
  auto& orders = j["orders"];
  orders["placed"] = kpis.orders_placed;
  orders["delivered"] = kpis.orders_delivered;
  orders["rejected"] = kpis.orders_rejected;
  orders["open"] = kpis.orders_open;
  orders["accepted"] = kpis.orders_accepted;
  orders["rejected_by_reason"] = nlohmann::ordered_json::object();
  for (const auto& [reason, count] : kpis.rejected_by_reason)
    orders["rejected_by_reason"][reason] = count;
  j["on_time_share"] = share_json(kpis.on_time_share);
  j["on_time_share_of_delivered"] = share_json(kpis.on_time_share_of_delivered);
  j["click_to_door_min"] = summary_json(kpis.click_to_door_min);
  j["pick_wait_min"] = summary_json(kpis.pick_wait_min);
  j["rider_utilisation"] = share_json(kpis.rider_utilisation);
  j["orders_per_rider_hour"] = share_json(kpis.orders_per_rider_hour);
  j["km_per_order"] = kpis.km_per_order;
  if (kpis.has_drones) {
    auto& d = j["drones"];
    d["deliveries"] = kpis.drone_deliveries;
    d["accepted"] = kpis.drone_accepted;
    d["share"] = share_json(kpis.drone_share);
    d["on_time_share"] = share_json(kpis.drone_on_time_share);
    d["click_to_door_min"] = summary_json(kpis.drone_click_to_door_min);
    d["km_per_delivery"] = kpis.drone_km_per_delivery;
    d["energy_per_delivery_wh"] = kpis.energy_per_drone_delivery_wh;
    d["battery_swaps"] = kpis.battery_swaps;
    d["recharges"] = kpis.recharges;
    d["flights_aborted_weather"] = kpis.flights_aborted_weather;
    auto& r = j["riders"];
    r["deliveries"] = kpis.rider_deliveries;
    r["accepted"] = kpis.rider_accepted;
    r["share"] = share_json(kpis.rider_share);
    r["on_time_share"] = share_json(kpis.rider_on_time_share);
    r["click_to_door_min"] = summary_json(kpis.rider_click_to_door_min);
    r["km_per_delivery"] = kpis.rider_km_per_delivery;
  }
  if (kpis.has_cold_chain) {
    auto& c = j["cold_chain"];
    c["spoiled_orders"] = kpis.spoiled_orders;
    c["orders_refused_spoiled"] = kpis.orders_refused_spoiled;
    c["excursion_min"] = kpis.excursion_min;
    c["excursion_per_cold_order_min"] = kpis.excursion_per_cold_order_min;
    c["alerts"] = kpis.alerts;
    c["by_class"] = nlohmann::ordered_json::object();
    for (const auto& [name, k] : kpis.cold_by_class)
      c["by_class"][name] = {{"orders", k.orders},
                             {"spoiled", k.spoiled},
                             {"spoiled_share", k.spoiled_share},
                             {"excursion_min", k.excursion_min},
                             {"alerts", k.alerts}};
  }
  if (kpis.has_stock) {
    auto& st = j["stock"];
    st["stockouts"] = kpis.stockouts;
    st["orders_lost_stock"] = kpis.orders_lost_stock;
    st["items_missing"] = kpis.items_missing;
    st["items_substituted"] = kpis.items_substituted;
    st["orders_forwarded"] = kpis.orders_forwarded;
  }
  if (kpis.has_cost) {
    auto& c = j["cost"];
    c["rider_total"] = kpis.rider_cost;
    c["drone_total"] = kpis.drone_cost;
    c["per_order"] = kpis.cost_per_order;
    c["per_rider_order"] = kpis.cost_per_rider_order;
    c["per_drone_order"] = kpis.cost_per_drone_order;
  }
  j["hours"] = hours_json(kpis.hours);
  j["stores"] = nlohmann::ordered_json::array();
  for (const auto& store : kpis.stores) {
    nlohmann::ordered_json one;
    one["id"] = store.id;
    one.update(service_json(store.service));
    one["hours"] = hours_json(store.hours);
    j["stores"].push_back(std::move(one));
  }
  j["events"] = kpis.events;
  // Everything above depends only on the scenario and the seed; this differs between runs.
  j["performance"] = {{"wall_seconds", kpis.wall_seconds},
                      {"events_per_second", kpis.events_per_second}};
  return j.dump(2) + "\n";
}

bool has_operations(const model::RunResult& result) {
  return !result.hubs.empty() || !result.temp_classes.empty() ||
         std::any_of(result.stores.begin(), result.stores.end(),
                     [](const model::StoreRecord& s) { return !s.stock.empty(); });
}

std::string orders_csv(const model::RunResult& result) {
  const bool operations = has_operations(result);
  std::string out =
      "id,store,rider,status,reason,items,lat,lon,placed_s,assigned_s,pick_started_s,picked_s,"
      "packed_s,picked_up_s,at_door_s,delivered_s,rejected_s,click_to_door_min,distance_m";
  out += operations ? ",mode,drone,weight_kg,items_missing,items_substituted,forwarded,"
                      "flights_aborted,energy_wh,cost,spoiled,excursion_min\n"
                    : "\n";
  auto it = std::back_inserter(out);
  for (const auto& o : result.orders) {
    const bool has_store = o.store >= 0 && static_cast<std::size_t>(o.store) < result.stores.size();
    const std::string store = has_store ? csv_field(result.stores[o.store].id) : "";
    const std::string rider = o.rider >= 0 ? std::to_string(o.rider) : "";
    const bool delivered = o.delivered != sim::kNever && o.placed != sim::kNever;
    const std::string click_to_door =
        delivered ? fmt::format("{:.3f}", sim::to_minutes(o.delivered - o.placed)) : "";
    fmt::format_to(it, "{},{},{},{},{},{},{:.6f},{:.6f},{},{},{},{},{},{},{},{},{},{},{:.1f}", o.id,
                   store, rider, model::to_string(o.status), model::to_string(o.reason), o.items,
                   o.location.lat, o.location.lon, time_or_empty(o.placed),
                   time_or_empty(o.assigned), time_or_empty(o.pick_started),
                   time_or_empty(o.picked), time_or_empty(o.packed), time_or_empty(o.picked_up),
                   time_or_empty(o.at_door), time_or_empty(o.delivered), time_or_empty(o.rejected),
                   click_to_door, o.distance_m);
    if (operations) {
      sim::Time outside = 0;
      for (const auto& line : o.cold) outside += line.outside;
      fmt::format_to(it, ",{},{},{:.3f},{},{},{},{},{:.2f},{:.3f},{},{:.3f}",
                     model::to_string(o.mode), o.drone >= 0 ? std::to_string(o.drone) : "",
                     o.weight_kg, o.items_missing, o.items_substituted, o.forwarded,
                     o.flights_aborted, o.energy_wh, o.cost, o.spoiled ? 1 : 0,
                     sim::to_minutes(outside));
    }
    out += '\n';
  }
  return out;
}

std::string timeseries_csv(const model::RunResult& result) {
  const bool drones = !result.hubs.empty();
  std::string out =
      "store,time_s,clock,placed,delivered,on_time,rejected,in_flight,unassigned,pick_queue,"
      "riders_idle,riders_busy,riders_off";
  out += drones ? ",drones_airborne,drones_grounded\n" : "\n";
  auto it = std::back_inserter(out);
  const auto rows = [&](const std::string& store, const std::vector<model::Sample>& samples) {
    for (const auto& s : samples) {
      fmt::format_to(it, "{},{},{},{},{},{},{},{},{},{},{},{},{}", store, seconds_text(s.time),
                     clock_text(result.start_tod + s.time), s.placed, s.delivered, s.on_time,
                     s.rejected, s.in_flight, s.unassigned, s.pick_queue, s.riders_idle,
                     s.riders_busy, s.riders_off);
      if (drones) fmt::format_to(it, ",{},{}", s.drones_airborne, s.drones_grounded);
      out += '\n';
    }
  };
  rows(model::kCityRow, result.samples);
  for (const auto& store : result.stores) rows(csv_field(store.id), store.samples);
  return out;
}

namespace {

const char* to_string(model::SensorReading::Flag flag) {
  switch (flag) {
    case model::SensorReading::Flag::reading:
      return "reading";
    case model::SensorReading::Flag::alert:
      return "alert";
    case model::SensorReading::Flag::cleared:
      return "cleared";
  }
  return "?";
}

std::string class_field(const model::RunResult& result, std::uint32_t temp_class) {
  return temp_class < result.temp_classes.size() ? csv_field(result.temp_classes[temp_class])
                                                 : std::to_string(temp_class);
}

}  // namespace

std::string sensors_csv(const model::RunResult& result) {
  std::string out = "time_s,clock,sensor,class,value_c,flag\n";
  auto it = std::back_inserter(out);
  for (const auto& r : result.readings) {
    const bool known = r.sensor < result.sensors.size();
    fmt::format_to(it, "{},{},{},{},{:.2f},{}\n", seconds_text(r.time),
                   clock_seconds_text(result.start_tod + r.time),
                   known ? csv_field(result.sensors[r.sensor].id) : std::to_string(r.sensor),
                   known ? class_field(result, result.sensors[r.sensor].temp_class) : "", r.value_c,
                   to_string(r.flag));
  }
  return out;
}

std::string drones_csv(const model::RunResult& result) {
  std::string out =
      "id,hub,flights,deliveries,aborted,distance_m,energy_wh,airborne_s,swaps,recharges\n";
  auto it = std::back_inserter(out);
  for (const auto& d : result.drones)
    fmt::format_to(it, "{},{},{},{},{},{:.1f},{:.2f},{},{},{}\n", d.id,
                   d.hub < result.hubs.size() ? csv_field(result.hubs[d.hub].id) : "", d.flights,
                   d.deliveries, d.aborted, d.distance_m, d.energy_wh, seconds_text(d.airborne),
                   d.swaps, d.recharges);
  return out;
}

std::string stock_csv(const model::RunResult& result) {
  std::string out = "store,group,stockouts,replenishments,on_hand_end,on_hand_min\n";
  auto it = std::back_inserter(out);
  for (const auto& store : result.stores)
    for (const auto& s : store.stock)
      fmt::format_to(it, "{},{},{},{},{},{}\n", csv_field(store.id), csv_field(s.group),
                     s.stockouts, s.replenishments, s.on_hand_end, s.on_hand_min);
  return out;
}

namespace {

void write_run_files(const fs::path& folder, const RunInfo& info, const model::RunResult& result,
                     const model::Kpis& kpis, const routing::RoadNetwork& network) {
  write_file(folder / "scenario.yaml", info.resolved_yaml);
  write_file(folder / "kpis.json", kpis_json(info, kpis, result.warnings));
  write_file(folder / "orders.csv", orders_csv(result));
  write_file(folder / "timeseries.csv", timeseries_csv(result));
  if (!result.sensors.empty()) write_file(folder / "sensors.csv", sensors_csv(result));
  if (!result.drones.empty()) write_file(folder / "drones.csv", drones_csv(result));
  if (std::any_of(result.stores.begin(), result.stores.end(),
                  [](const model::StoreRecord& s) { return !s.stock.empty(); }))
    write_file(folder / "stock.csv", stock_csv(result));
  write_file(folder / "report.html", report_html(info.name, result, kpis, network));
  for (const auto& [name, bytes] : info.extra_files) write_file(folder / name, bytes);
}

}  // namespace

void write_run(const std::string& dir, const RunInfo& info, const model::RunResult& result,
               const model::Kpis& kpis, const routing::RoadNetwork& network) {
  replace_atomically(
      dir, [&](const fs::path& temp) { write_run_files(temp, info, result, kpis, network); });
}

namespace {

nlohmann::ordered_json intervals_json(const std::vector<model::KpiInterval>& intervals) {
  nlohmann::ordered_json kpis = nlohmann::ordered_json::object();
  for (const auto& c : intervals)
    kpis[c.name] = {{"mean", share_json(c.mean)},
                    {"sd", c.sd},
                    {"ci95_low", share_json(c.mean - c.half_width)},
                    {"ci95_high", share_json(c.mean + c.half_width)},
                    {"n", c.n}};
  return kpis;
}

}  // namespace

std::string replications_json(const std::string& name, const std::vector<std::uint64_t>& seeds,
                              const std::vector<model::KpiInterval>& intervals,
                              const std::vector<model::StoreIntervals>& stores) {
  nlohmann::ordered_json j;
  j["name"] = name;
  j["replications"] = seeds.size();
  j["seeds"] = seeds;
  j["kpis"] = intervals_json(intervals);
  j["stores"] = nlohmann::ordered_json::object();
  for (const auto& s : stores) j["stores"][s.store] = intervals_json(s.intervals);
  return j.dump(2) + "\n";
}

void write_replications(const std::string& dir, const RunInfo& info,
                        const std::vector<std::uint64_t>& seeds,
                        const std::vector<model::RunResult>& results,
                        const std::vector<model::Kpis>& kpis,
                        const std::vector<model::KpiInterval>& intervals,
                        const routing::RoadNetwork& network) {
  replace_atomically(dir, [&](const fs::path& temp) {
    for (std::size_t k = 0; k < results.size(); ++k) {
      const fs::path rep = temp / fmt::format("rep-{}", k);
      fs::create_directory(rep);
      write_run_files(rep, {info.name, seeds[k], info.resolved_yaml}, results[k], kpis[k], network);
    }
    write_file(temp / "replications.json",
               replications_json(info.name, seeds, intervals, model::store_intervals(kpis)));
  });
}

}  // namespace output
