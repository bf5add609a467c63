// The report's "where the minutes go": the mean time of each phase of a delivered order, stacked
// by the hour it was placed, so that a planner sees which phase grows at the peak (queue for a
// picker, picking, check and pack, the wait for a rider and the hand-over, the ride, the door).
#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "sim/output/report_parts.h"
#include "sim/output/svg.h"
#include "sim/output/time_format.h"

namespace output::report {

namespace {

struct Phase {
  std::string_view name;
  std::string_view colour;
};

// Each phase runs from one timestamp of the order to the next (OrderRecord).
constexpr std::array<Phase, 6> kPhases = {{
    {"to pick start (queue)", "#c9d3df"},
    {"picking", "#4e79a7"},
    {"check and pack", "#76b7b2"},
    {"rider wait and hand-over", "#f28e2b"},
    {"ride", "#59a14f"},
    {"at the door", "#b07aa1"},
}};

// The phases' lengths in ms, or false when a delivered order lacks a timestamp.
bool phase_lengths(const model::OrderRecord& o, std::array<double, 6>& ms) {
  const std::array<sim::Time, 7> t = {o.placed,    o.pick_started, o.picked,   o.packed,
                                      o.picked_up, o.at_door,      o.delivered};
  for (sim::Time x : t)
    if (x == sim::kNever) return false;
  for (std::size_t k = 0; k < ms.size(); ++k) ms[k] = static_cast<double>(t[k + 1] - t[k]);
  return true;
}

}  // namespace

void phases_chart(std::string& out, const model::RunResult& result) {
  constexpr std::string_view kTitle =
      "Where the minutes go: mean time in each phase of a delivered order, by hour placed";
  const std::size_t hours = result.hours.size();
  if (hours == 0) return empty_chart(out, kTitle, "No hourly data");
  std::vector<std::array<double, 6>> sum(hours, std::array<double, 6>{});
  std::vector<std::uint32_t> count(hours, 0);
  for (const auto& o : result.orders) {
    std::array<double, 6> ms{};
    if (o.status != model::OrderStatus::delivered || !phase_lengths(o, ms)) continue;
    const auto h = std::min(static_cast<std::size_t>(o.placed / sim::kHour), hours - 1);
    for (std::size_t k = 0; k < ms.size(); ++k) sum[h][k] += ms[k];
    ++count[h];
  }
  double max_total = 0;
  for (std::size_t h = 0; h < hours; ++h) {
    double total = 0;
    for (double v : sum[h]) total += v;
    if (count[h] > 0) max_total = std::max(max_total, sim::to_minutes(total) / count[h]);
  }
  if (max_total <= 0) return empty_chart(out, kTitle, "No delivered order with every phase");
  auto it = std::back_inserter(out);
  const double step = svg::tick_step(max_total, 5);
  svg::Plot plot{70, 50, kChartWidth - 70 - 30, 240, rounded_max(max_total, step), 1};
  svg::open(out, kChartWidth, 330, kTitle);
  svg::left_axis(out, plot, step, [](double v) { return fmt::format("{:g}", v); });
  svg::axis_title(out, plot, false, "minutes (mean)");
  const double band = plot.width / static_cast<double>(hours);
  for (std::size_t h = 0; h < hours; ++h) {
    if (count[h] == 0) continue;
    const std::string clock = clock_text(result.start_tod + static_cast<sim::Time>(h) * sim::kHour);
    double base = 0;
    for (std::size_t k = 0; k < kPhases.size(); ++k) {
      const double m = sim::to_minutes(sum[h][k]) / count[h];
      fmt::format_to(
          it,
          "<rect style=\"fill:{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">"
          "<title>{}: {} {:.1f} min ({} orders)</title></rect>\n",
          kPhases[k].colour, svg::num(plot.left + band * (static_cast<double>(h) + 0.15)),
          svg::num(plot.y(base + m)), svg::num(band * 0.7),
          svg::num(plot.y(base) - plot.y(base + m)), clock, kPhases[k].name, m, count[h]);
      base += m;
    }
  }
  const std::size_t every = std::max<std::size_t>(1, (hours + 15) / 16);
  for (std::size_t h = 0; h < hours; h += every)
    svg::text(out, plot.left + band * (static_cast<double>(h) + 0.5), plot.bottom() + 18, "middle",
              "tick", clock_text(result.start_tod + static_cast<sim::Time>(h) * sim::kHour));
  double x = plot.left;
  for (std::size_t k = 0; k < kPhases.size(); ++k) {
    const double y = k < 3 ? 14 : 32;
    if (k == 3) x = plot.left;
    fmt::format_to(it, "<rect style=\"fill:{}\" x=\"{}\" y=\"{}\" width=\"12\" height=\"10\"/>\n",
                   kPhases[k].colour, svg::num(x), svg::num(y - 9));
    svg::text(out, x + 16, y, "start", "", kPhases[k].name);
    x += 230;
  }
  svg::close(out);
}

}  // namespace output::report
