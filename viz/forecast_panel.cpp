#include "viz/forecast_panel.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace viz {

std::vector<std::string> forecast_lines(const model::TwinState& s, std::size_t max_stores) {
  std::vector<std::string> lines;
  if (s.outlook_at == sim::kNever) return lines;
  const sim::Time clock = (s.start_tod + s.outlook_at) / sim::kMinute;
  lines.push_back(fmt::format("forecast of {:02}:{:02}, next {} min, {} runs", clock / 60 % 24,
                              clock % 60, s.outlook_horizon / sim::kMinute, s.outlook_runs));
  const auto at_risk = std::count_if(s.orders.begin(), s.orders.end(), [](const auto& o) {
    return o.delivered == sim::kNever && o.late_risk >= kAtRisk;
  });
  lines.push_back(fmt::format("at risk: {} open order{}", at_risk, at_risk == 1 ? "" : "s"));
  std::vector<std::size_t> order(s.stores.size());
  std::iota(order.begin(), order.end(), 0);
  // Worst first; a store with no orders predicted (NaN) last.
  const auto key = [&](std::size_t i) {
    const float p = s.stores[i].outlook_on_time;
    return std::isnan(p) ? 2.0f : p;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  for (std::size_t k = 0; k < order.size() && k < max_stores; ++k) {
    const auto& st = s.stores[order[k]];
    if (st.outlook_on_time < 0) continue;  // not in the forecast
    lines.push_back(std::isnan(st.outlook_on_time)
                        ? fmt::format("{}  no orders", st.id)
                        : fmt::format("{}  on time {:.0f}%  queue {:.1f}", st.id,
                                      100 * st.outlook_on_time, st.outlook_queue));
  }
  return lines;
}

}  // namespace viz
