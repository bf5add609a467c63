// The report's per-store section: a table of each store's figures and a chart of each store's
// on-time share by hour of the day.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "sim/output/report_parts.h"
#include "sim/output/svg.h"

namespace output::report {

namespace {

using svg::escape;
using svg::num;

std::string minutes_or_na(double m, std::size_t count) {
  return count ? minutes(m) : std::string("n/a");
}

void store_table(std::string& out, const model::RunResult& result, const model::Kpis& k) {
  auto it = std::back_inserter(out);
  std::vector<std::uint32_t> riders(result.stores.size(), 0);
  for (const auto& r : result.riders)
    if (r.store >= 0 && static_cast<std::size_t>(r.store) < riders.size()) ++riders[r.store];
  // The reasons that rejected some order of some store, in the city's order.
  std::vector<std::string> reasons;
  for (const auto& [reason, count] : k.rejected_by_reason) {
    bool any = false;
    for (const auto& s : k.stores) any = any || s.service.rejected_by_reason.at(reason) > 0;
    if (any) reasons.push_back(reason);
  }
  out +=
      "<table>\n<tr><th>Store</th><th class=\"num\">Riders</th><th class=\"num\">Accepted</th>"
      "<th class=\"num\">Delivered</th><th class=\"num\">On time</th>"
      "<th class=\"num\">On time of delivered</th><th class=\"num\">Click-to-door p50</th>"
      "<th class=\"num\">p90</th><th class=\"num\">Rider utilisation</th>"
      "<th class=\"num\">Pick wait mean</th><th class=\"num\">Mean pick queue (orders)</th>"
      "<th class=\"num\">Open</th>";
  for (const auto& reason : reasons)
    fmt::format_to(it, "<th class=\"num\">Rejected: {}</th>", escape(reason));
  out += "</tr>\n";
  for (std::size_t s = 0; s < k.stores.size() && s < result.stores.size(); ++s) {
    const auto& v = k.stores[s].service;
    const double queue = result.end_time > 0 ? result.stores[s].queue_area_ms / result.end_time : 0;
    fmt::format_to(it,
                   "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                   "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                   "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                   "<td class=\"num\">{}</td><td class=\"num\">{:.2f}</td>"
                   "<td class=\"num\">{}</td>",
                   escape(k.stores[s].id), riders[s], v.accepted, v.delivered,
                   percent(v.on_time_share), percent(v.on_time_share_of_delivered),
                   minutes_or_na(v.click_to_door_min.p50, v.click_to_door_min.count),
                   minutes_or_na(v.click_to_door_min.p90, v.click_to_door_min.count),
                   percent(v.rider_utilisation),
                   minutes_or_na(v.pick_wait_min.mean, v.pick_wait_min.count), queue, v.open);
    for (const auto& reason : reasons)
      fmt::format_to(it, "<td class=\"num\">{}</td>", v.rejected_by_reason.at(reason));
    out += "</tr>\n";
  }
  out +=
      "</table>\n<p class=\"note\">A store's figures are those of the orders it took; orders "
      "outside every radius or unreachable by road belong to no store.</p>\n";
}

void on_time_by_hour_chart(std::string& out, const model::Kpis& k) {
  constexpr std::string_view kTitle = "On-time share by store and hour of the day";
  std::set<int> hours;
  for (const auto& s : k.stores)
    for (const auto& h : s.hours)
      if (h.service.accepted > 0) hours.insert(h.hour);
  if (hours.empty()) return empty_chart(out, kTitle, "No accepted orders");
  auto it = std::back_inserter(out);
  const std::vector<int> columns(hours.begin(), hours.end());
  svg::Plot plot{70, 40, kChartWidth - 70 - 30, 220, 100, 1};
  svg::open(out, kChartWidth, 300, kTitle);
  svg::left_axis(out, plot, 20, [](double v) { return fmt::format("{} %", std::lround(v)); });
  svg::axis_title(out, plot, false, "on time / accepted");
  const double band = plot.width / static_cast<double>(columns.size());
  const auto x_of = [&](std::size_t c) {
    return plot.left + band * (static_cast<double>(c) + 0.5);
  };
  for (std::size_t c = 0; c < columns.size(); ++c)
    svg::text(out, x_of(c), plot.bottom() + 18, "middle", "tick",
              fmt::format("{:02}:00", columns[c]));
  double legend_x = plot.left;
  for (std::size_t s = 0; s < k.stores.size(); ++s) {
    const std::string cls = fmt::format("store-line trace-{}", s % 5);
    std::string path;
    bool pen_down = false;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto found =
          std::find_if(k.stores[s].hours.begin(), k.stores[s].hours.end(),
                       [&](const model::HourKpis& h) { return h.hour == columns[c]; });
      if (found == k.stores[s].hours.end() || std::isnan(found->service.on_time_share)) {
        pen_down = false;  // nothing accepted in this hour: break the line
        continue;
      }
      const double y = plot.y(100 * found->service.on_time_share);
      fmt::format_to(std::back_inserter(path), "{}{} {}", pen_down ? "L" : "M", num(x_of(c)),
                     num(y));
      pen_down = true;
      fmt::format_to(it,
                     "<circle class=\"store-dot trace-{}\" cx=\"{}\" cy=\"{}\" r=\"3\">"
                     "<title>{} {:02}:00: {} on time of {} accepted</title></circle>\n",
                     s % 5, num(x_of(c)), num(y), escape(k.stores[s].id), columns[c],
                     percent(found->service.on_time_share), found->service.accepted);
    }
    if (!path.empty()) fmt::format_to(it, "<path class=\"{}\" d=\"{}\"/>\n", cls, path);
    legend_x = svg::legend_entry(out, legend_x, 20, cls, k.stores[s].id, true);
  }
  svg::close(out);
}

}  // namespace

void stores_section(std::string& out, const model::RunResult& result, const model::Kpis& k) {
  if (k.stores.empty()) return;
  out += "<section><h2>Stores</h2>\n";
  store_table(out, result, k);
  on_time_by_hour_chart(out, k);
  out += "</section>\n";
}

}  // namespace output::report
