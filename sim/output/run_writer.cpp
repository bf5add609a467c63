#include "sim/output/run_writer.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

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

void write_file(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(fmt::format("cannot create {}", path.string()));
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

}  // namespace

std::string kpis_json(const RunInfo& info, const model::Kpis& kpis) {
  nlohmann::ordered_json j;
  j["name"] = info.name;
  j["seed"] = info.seed;
  auto& orders = j["orders"];
  orders["placed"] = kpis.orders_placed;
  orders["delivered"] = kpis.orders_delivered;
  orders["rejected"] = kpis.orders_rejected;
  orders["open"] = kpis.orders_open;
  orders["rejected_by_reason"] = nlohmann::ordered_json::object();
  for (const auto& [reason, count] : kpis.rejected_by_reason)
    orders["rejected_by_reason"][reason] = count;
  j["on_time_share"] = kpis.on_time_share;
  j["click_to_door_min"] = summary_json(kpis.click_to_door_min);
  j["pick_wait_min"] = summary_json(kpis.pick_wait_min);
  j["rider_utilisation"] = kpis.rider_utilisation;
  j["orders_per_rider_hour"] = kpis.orders_per_rider_hour;
  j["km_per_order"] = kpis.km_per_order;
  j["events"] = kpis.events;
  // Everything above depends only on the scenario and the seed; this differs between runs.
  j["performance"] = {{"wall_seconds", kpis.wall_seconds},
                      {"events_per_second", kpis.events_per_second}};
  return j.dump(2) + "\n";
}

std::string orders_csv(const model::RunResult& result) {
  std::string out =
      "id,store,rider,status,reason,items,lat,lon,placed_s,assigned_s,pick_started_s,packed_s,"
      "picked_up_s,delivered_s,rejected_s,click_to_door_min,distance_m\n";
  auto it = std::back_inserter(out);
  for (const auto& o : result.orders) {
    const bool has_store = o.store >= 0 && static_cast<std::size_t>(o.store) < result.stores.size();
    const std::string store = has_store ? csv_field(result.stores[o.store].id) : "";
    const std::string rider = o.rider >= 0 ? std::to_string(o.rider) : "";
    const bool delivered = o.delivered != sim::kNever && o.placed != sim::kNever;
    const std::string click_to_door =
        delivered ? fmt::format("{:.3f}", sim::to_minutes(o.delivered - o.placed)) : "";
    fmt::format_to(it, "{},{},{},{},{},{},{:.6f},{:.6f},{},{},{},{},{},{},{},{},{:.1f}\n", o.id,
                   store, rider, model::to_string(o.status), model::to_string(o.reason), o.items,
                   o.location.lat, o.location.lon, time_or_empty(o.placed),
                   time_or_empty(o.assigned), time_or_empty(o.pick_started),
                   time_or_empty(o.packed), time_or_empty(o.picked_up), time_or_empty(o.delivered),
                   time_or_empty(o.rejected), click_to_door, o.distance_m);
  }
  return out;
}

std::string timeseries_csv(const model::RunResult& result) {
  std::string out =
      "time_s,clock,placed,delivered,on_time,rejected,in_flight,unassigned,pick_queue,"
      "riders_idle,riders_busy,riders_off\n";
  auto it = std::back_inserter(out);
  for (const auto& s : result.samples)
    fmt::format_to(it, "{},{},{},{},{},{},{},{},{},{},{},{}\n", seconds_text(s.time),
                   clock_text(result.start_tod + s.time), s.placed, s.delivered, s.on_time,
                   s.rejected, s.in_flight, s.unassigned, s.pick_queue, s.riders_idle,
                   s.riders_busy, s.riders_off);
  return out;
}

namespace {

void write_run_files(const fs::path& folder, const RunInfo& info, const model::RunResult& result,
                     const model::Kpis& kpis, const routing::RoadNetwork& network) {
  write_file(folder / "scenario.yaml", info.resolved_yaml);
  write_file(folder / "kpis.json", kpis_json(info, kpis));
  write_file(folder / "orders.csv", orders_csv(result));
  write_file(folder / "timeseries.csv", timeseries_csv(result));
  write_file(folder / "report.html", report_html(info.name, result, kpis, network));
}

// Fills a temporary sibling of `dir` with `fill`, then renames it into place.
void replace_atomically(const std::string& dir, const std::function<void(const fs::path&)>& fill) {
  fs::path target = fs::path(dir).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "out/run/" names "out/run"
  if (target.empty() || target == "." || target == "..")
    throw std::runtime_error(fmt::format("cannot write run to '{}': not a folder name", dir));
  const std::string suffix = fmt::format(".tmp-{}", ::getpid());
  const fs::path temp = target.parent_path() / (target.filename().string() + suffix);
  const fs::path old = target.parent_path() / (target.filename().string() + ".old" + suffix);

  try {
    if (target.has_parent_path()) fs::create_directories(target.parent_path());
    fs::remove_all(temp);
    fs::create_directory(temp);
    fill(temp);

    // Move the previous run aside rather than deleting it first, so that a failed rename can
    // put it back.
    const bool replacing = fs::exists(fs::symlink_status(target));
    if (replacing) {
      fs::remove_all(old);
      fs::rename(target, old);
    }
    try {
      fs::rename(temp, target);
    } catch (...) {
      if (replacing) {
        std::error_code ignored;
        fs::rename(old, target, ignored);
      }
      throw;
    }
    if (replacing) {
      std::error_code ignored;  // the new run is in place; a leftover is only untidy
      fs::remove_all(old, ignored);
    }
  } catch (const std::exception& e) {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
    throw std::runtime_error(fmt::format("cannot write run to '{}': {}", dir, e.what()));
  }
}

}  // namespace

void write_run(const std::string& dir, const RunInfo& info, const model::RunResult& result,
               const model::Kpis& kpis, const routing::RoadNetwork& network) {
  replace_atomically(
      dir, [&](const fs::path& temp) { write_run_files(temp, info, result, kpis, network); });
}

std::string replications_json(const std::string& name, const std::vector<std::uint64_t>& seeds,
                              const std::vector<model::KpiInterval>& intervals) {
  nlohmann::ordered_json j;
  j["name"] = name;
  j["replications"] = seeds.size();
  j["seeds"] = seeds;
  nlohmann::ordered_json kpis = nlohmann::ordered_json::object();
  for (const auto& c : intervals)
    kpis[c.name] = {{"mean", c.mean},
                    {"sd", c.sd},
                    {"ci95_low", c.mean - c.half_width},
                    {"ci95_high", c.mean + c.half_width}};
  j["kpis"] = kpis;
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
    write_file(temp / "replications.json", replications_json(info.name, seeds, intervals));
  });
}

}  // namespace output
