// The report's sections on operations beyond the riders: drones against riders, the cold
// chain's spoilage and temperature paths, and store stock (sim/output/report_parts.h).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "sim/output/report_parts.h"
#include "sim/output/svg.h"
#include "sim/output/thermal_trace.h"
#include "sim/output/time_format.h"

namespace output::report {

using svg::escape;
using svg::num;

bool has_stock(const model::RunResult& result) {
  return std::any_of(result.stores.begin(), result.stores.end(),
                     [](const model::StoreRecord& s) { return !s.stock.empty(); });
}

namespace {

std::string class_name(const model::RunResult& result, std::uint32_t temp_class) {
  return temp_class < result.temp_classes.size() ? result.temp_classes[temp_class]
                                                 : fmt::format("class {}", temp_class);
}

// A tick step for a time axis in whole minutes: about `target` ticks over `span`.
sim::Time time_step(sim::Time span, int target) {
  for (sim::Time m : {1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 360, 720})
    if (span / (m * sim::kMinute) <= target) return m * sim::kMinute;
  return sim::kDay;
}

// Clock labels under a time axis from t0 to t1 (times since the start), at whole steps.
void time_labels(std::string& out, double left, double width, double y, sim::Time t0, sim::Time t1,
                 sim::Time start_tod) {
  const sim::Time step = time_step(t1 - t0, 8);
  const auto x_of = [&](sim::Time t) {
    return left + width * static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
  };
  for (sim::Time t = (t0 + step - 1) / step * step; t <= t1; t += step) {
    fmt::format_to(std::back_inserter(out),
                   "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n",
                   num(x_of(t)), num(y - 4), num(y));
    svg::text(out, x_of(t), y + 14, "middle", "tick", clock_text(start_tod + t));
  }
}

}  // namespace

void drones_section(std::string& out, const model::RunResult& result, const model::Kpis& k) {
  auto it = std::back_inserter(out);
  out +=
      "<section><h2>Drones and riders</h2>\n<table>\n<tr><th>Measure</th><th "
      "class=\"num\">Riders</th><th class=\"num\">Drones</th></tr>\n";
  const auto row = [&](std::string_view label, const std::string& riders,
                       const std::string& drones) {
    fmt::format_to(it, "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                   label, riders, drones);
  };
  constexpr std::string_view kNone = "&ndash;";
  row("Deliveries", fmt::format("{}", k.rider_deliveries), fmt::format("{}", k.drone_deliveries));
  row("Share of delivered", percent(k.rider_share), percent(k.drone_share));
  row("Accepted orders", fmt::format("{}", k.rider_accepted), fmt::format("{}", k.drone_accepted));
  row("On-time share of accepted", percent(k.rider_on_time_share), percent(k.drone_on_time_share));
  row("Click-to-door mean", minutes(k.rider_click_to_door_min.mean),
      minutes(k.drone_click_to_door_min.mean));
  if (k.has_cost)
    row("Cost per order", fmt::format("{:.2f}", k.cost_per_rider_order),
        fmt::format("{:.2f}", k.cost_per_drone_order));
  row("Km per delivery", fmt::format("{:.2f} km", k.rider_km_per_delivery),
      fmt::format("{:.2f} km", k.drone_km_per_delivery));
  row("Energy per delivery", std::string(kNone),
      fmt::format("{:.1f} Wh", k.energy_per_drone_delivery_wh));
  row("Battery swaps", std::string(kNone), fmt::format("{}", k.battery_swaps));
  row("Recharges in place", std::string(kNone), fmt::format("{}", k.recharges));
  row("Flights aborted for weather", std::string(kNone),
      fmt::format("{}", k.flights_aborted_weather));
  fmt::format_to(it, "</table>\n<p class=\"note\">{} hubs &middot; {} drones</p>\n",
                 result.hubs.size(), result.drones.size());

  out += "<h3 class=\"spaced\">Drones in the air</h3>\n";
  constexpr std::string_view kTitle = "Drones airborne over time, with weather groundings";
  const auto& samples = result.samples;
  if (samples.size() < 2 || samples.back().time <= samples.front().time) {
    empty_chart(out, kTitle, "No samples");
    out += "</section>\n";
    return;
  }
  std::uint32_t max_airborne = 0;
  for (const auto& s : samples) max_airborne = std::max(max_airborne, s.drones_airborne);
  const double step = std::max(1.0, svg::tick_step(max_airborne, 4));  // whole drones
  svg::Plot plot{70, 40, kChartWidth - 70 - 30, 160, rounded_max(max_airborne, step), 1};
  const sim::Time t0 = samples.front().time, t1 = samples.back().time;
  const auto x_of = [&](sim::Time t) {
    return plot.left + plot.width * static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
  };
  svg::open(out, kChartWidth, 240, kTitle);
  // Grounded spans first, under the line: from a sample with a hub grounded to the next sample.
  for (std::size_t i = 0; i + 1 < samples.size(); ++i) {
    if (samples[i].drones_grounded == 0) continue;
    std::size_t j = i;
    while (j + 1 < samples.size() && samples[j].drones_grounded > 0) ++j;
    fmt::format_to(it,
                   "<rect class=\"grounded\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">"
                   "<title>grounded by weather {}–{}</title></rect>\n",
                   num(x_of(samples[i].time)), num(plot.top),
                   num(x_of(samples[j].time) - x_of(samples[i].time)), num(plot.height),
                   clock_text(result.start_tod + samples[i].time),
                   clock_text(result.start_tod + samples[j].time));
    i = j - 1;
  }
  svg::left_axis(out, plot, step, [](double v) { return fmt::format("{}", std::lround(v)); });
  svg::axis_title(out, plot, false, "drones airborne");
  std::string path;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const double x = x_of(samples[i].time), y = plot.y(samples[i].drones_airborne);
    fmt::format_to(std::back_inserter(path), "{}{} {}", i == 0 ? "M" : "L", num(x), num(y));
  }
  fmt::format_to(it, "<path class=\"airborne-line\" d=\"{}\"/>\n", path);
  time_labels(out, plot.left, plot.width, plot.bottom(), t0, t1, result.start_tod);
  const double x = svg::legend_entry(out, plot.left, 20, "airborne-line", "drones airborne", true);
  svg::legend_entry(out, x, 20, "grounded", "hubs grounded by weather");
  svg::close(out);
  out += "</section>\n";
}

namespace {

// The temperature of the cold lines that spent the longest out of range, over time, with each
// drawn class's range shaded between dashed bounds.
void cold_chain_chart(std::string& out, const model::RunResult& result) {
  constexpr std::string_view kTitle = "Temperature of the orders longest out of range";
  constexpr std::size_t kWorst = 5;
  constexpr int kSamples = 100;
  std::map<std::pair<std::uint32_t, std::uint32_t>, const model::ColdLine*> lines;
  for (const auto& o : result.orders)
    for (const auto& line : o.cold) lines[{o.id, line.temp_class}] = &line;
  struct Drawn {
    const model::ThermalTrace* trace;
    const model::ColdLine* line;  // null when no order lists it
    sim::Time outside;
  };
  std::vector<Drawn> drawn;
  for (const auto& trace : result.traces) {
    if (trace.points.empty()) continue;
    const auto found = lines.find({trace.order, trace.temp_class});
    const model::ColdLine* line = found == lines.end() ? nullptr : found->second;
    drawn.push_back({&trace, line, line ? line->outside : 0});
  }
  if (drawn.empty()) return empty_chart(out, kTitle, "No temperature traces");
  std::stable_sort(drawn.begin(), drawn.end(), [](const Drawn& a, const Drawn& b) {
    return a.outside > b.outside;  // traces come in (order, class) order: ties keep it
  });
  drawn.resize(std::min(drawn.size(), kWorst));

  std::vector<std::vector<std::pair<sim::Time, double>>> paths;
  sim::Time t0 = sim::kNever, t1 = -sim::kNever;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  std::vector<std::uint32_t> classes;
  for (const auto& d : drawn) {
    const auto& points = d.trace->points;
    const sim::Time tail =
        std::max<sim::Time>(sim::kMinute, (points.back().time - points.front().time) / 10);
    paths.push_back(sample_trace(*d.trace, kSamples, tail));
    for (const auto& [t, c] : paths.back()) {
      t0 = std::min(t0, t);
      t1 = std::max(t1, t);
      lo = std::min(lo, c);
      hi = std::max(hi, c);
    }
    if (std::find(classes.begin(), classes.end(), d.trace->temp_class) == classes.end())
      classes.push_back(d.trace->temp_class);
  }
  std::sort(classes.begin(), classes.end());
  // A class's finite bounds are drawn; an open side (frozen has no lower bound) is not.
  for (std::uint32_t c : classes)
    if (c < result.class_ranges.size())
      for (double bound : {result.class_ranges[c].first, result.class_ranges[c].second})
        if (std::isfinite(bound)) lo = std::min(lo, bound), hi = std::max(hi, bound);
  if (t1 <= t0) t1 = t0 + sim::kMinute;
  const double step = svg::tick_step(std::max(1.0, hi - lo), 6);
  const double y_lo = std::floor((lo - 0.5) / step) * step;
  const double y_hi = std::ceil((hi + 0.5) / step) * step;

  constexpr double left = 70, top = 40, width = kChartWidth - 70 - 170, height = 260;
  const auto x_of = [&](sim::Time t) {
    return left + width * static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
  };
  const auto y_of = [&](double c) { return top + height * (y_hi - c) / (y_hi - y_lo); };
  auto it = std::back_inserter(out);
  svg::open(out, kChartWidth, top + height + 50, kTitle);
  for (int i = 0; y_lo + i * step <= y_hi + 1e-9; ++i) {
    const double v = y_lo + i * step, y = y_of(v);
    fmt::format_to(it, "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
                   num(left), num(y), num(left + width), num(y));
    svg::text(out, left - 6, y + 4, "end", "tick", fmt::format("{:g} °C", v));
  }
  for (std::uint32_t c : classes) {
    if (c >= result.class_ranges.size()) continue;
    const auto [min_c, max_c] = result.class_ranges[c];
    const std::string name = class_name(result, c);
    const double y_top = std::isfinite(max_c) ? y_of(max_c) : top;
    const double y_bottom = std::isfinite(min_c) ? y_of(min_c) : top + height;
    fmt::format_to(it,
                   "<rect class=\"cold-range\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">"
                   "<title>{} range {}</title></rect>\n",
                   num(left), num(y_top), num(width), num(y_bottom - y_top), escape(name),
                   range_text(min_c, max_c));
    for (double bound : {min_c, max_c})
      if (std::isfinite(bound))
        fmt::format_to(it, "<line class=\"range-line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
                       num(left), num(y_of(bound)), num(left + width), num(y_of(bound)));
    svg::text(out, left + width - 4, y_top - 4, "end", "range-label",
              fmt::format("{} {}", name, range_text(min_c, max_c)));
  }
  fmt::format_to(it, "<path class=\"axis\" d=\"M{} {}V{}H{}\"/>\n", num(left), num(top),
                 num(top + height), num(left + width));
  svg::axis_title(out, svg::Plot{left, top, width, height, 1, 1}, false, "product temperature");
  time_labels(out, left, width, top + height, t0, t1, result.start_tod);

  for (std::size_t i = 0; i < drawn.size(); ++i) {
    const auto& d = drawn[i];
    const std::string label =
        fmt::format("order {} ({})", d.trace->order, class_name(result, d.trace->temp_class));
    std::string path;
    for (std::size_t p = 0; p < paths[i].size(); ++p)
      fmt::format_to(std::back_inserter(path), "{}{} {}", p == 0 ? "M" : "L",
                     num(x_of(paths[i][p].first)), num(y_of(paths[i][p].second)));
    fmt::format_to(it,
                   "<path class=\"trace trace-{}\" d=\"{}\"><title>{}: {:.1f} min out of range"
                   "</title></path>\n",
                   i, path, escape(label), sim::to_minutes(d.outside));
    // Delivered at the trace's last point: mark it and name the line at the right.
    const auto& last = d.trace->points.back();
    fmt::format_to(it, "<circle class=\"trace-end trace-{}\" cx=\"{}\" cy=\"{}\" r=\"3\"/>\n", i,
                   num(x_of(last.time)), num(y_of(trace_temperature(*d.trace, last.time))));
    const double ly = top + 12 + 18 * static_cast<double>(i);
    fmt::format_to(it, "<line class=\"trace trace-{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
                   i, num(left + width + 12), num(ly - 4), num(left + width + 26), num(ly - 4));
    svg::text(out, left + width + 30, ly, "start", "trace-label", label);
  }
  svg::close(out);
}

}  // namespace

void cold_chain_section(std::string& out, const model::RunResult& result, const model::Kpis& k) {
  auto it = std::back_inserter(out);
  out +=
      "<section><h2>Cold chain</h2>\n<table>\n<tr><th>Class</th><th>Range</th>"
      "<th class=\"num\">Orders at the door</th><th class=\"num\">Spoiled</th>"
      "<th class=\"num\">Spoiled share</th><th class=\"num\">Minutes out of range</th>"
      "<th class=\"num\">Sensor alerts</th></tr>\n";
  for (std::uint32_t c = 0; c < result.temp_classes.size(); ++c) {
    const std::string name = class_name(result, c);
    const auto found = k.cold_by_class.find(name);
    const model::ColdClassKpis figures =
        found == k.cold_by_class.end() ? model::ColdClassKpis{} : found->second;
    const std::string range =
        c < result.class_ranges.size()
            ? range_text(result.class_ranges[c].first, result.class_ranges[c].second)
            : "";
    fmt::format_to(it,
                   "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                   "<td class=\"num\">{}</td><td class=\"num\">{:.1f}</td><td "
                   "class=\"num\">{}</td></tr>\n",
                   escape(name), range, figures.orders, figures.spoiled,
                   percent(figures.spoiled_share), figures.excursion_min, figures.alerts);
  }
  fmt::format_to(it,
                 "</table>\n<p class=\"note\">{} orders spoiled, {} refused at the door &middot; "
                 "{:.1f} min out of range in all, {:.1f} min per cold order &middot; {} "
                 "alerts</p>\n",
                 k.spoiled_orders, k.orders_refused_spoiled, k.excursion_min,
                 k.excursion_per_cold_order_min, k.alerts);
  out += "<h3 class=\"spaced\">Worst temperature paths</h3>\n";
  cold_chain_chart(out, result);
  out += "</section>\n";
}

void stock_section(std::string& out, const model::RunResult& result, const model::Kpis& k) {
  auto it = std::back_inserter(out);
  out +=
      "<section><h2>Stock</h2>\n<table>\n<tr><th>Store</th><th>Group</th>"
      "<th class=\"num\">Stockouts</th><th class=\"num\">Replenishments</th>"
      "<th class=\"num\">On hand at the end</th><th class=\"num\">Lowest on hand</th></tr>\n";
  for (const auto& store : result.stores)
    for (const auto& s : store.stock)
      fmt::format_to(it,
                     "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                     "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                     escape(store.id), escape(s.group), s.stockouts, s.replenishments,
                     s.on_hand_end, s.on_hand_min);
  fmt::format_to(it,
                 "</table>\n<p class=\"note\">{} orders lost for stock &middot; {} items missing, "
                 "{} substituted &middot; {} orders forwarded to another store</p>\n</section>\n",
                 k.orders_lost_stock, k.items_missing, k.items_substituted, k.orders_forwarded);
}

}  // namespace output::report
