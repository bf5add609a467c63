#include "sim/output/thermal_trace.h"

#include <algorithm>
#include <cmath>

namespace output {

double trace_temperature(const model::ThermalTrace& trace, sim::Time t) {
  const auto& points = trace.points;
  // The last point at or before t (the first one when t precedes them all).
  auto it =
      std::upper_bound(points.begin(), points.end(), t,
                       [](sim::Time time, const model::ThermalPoint& p) { return time < p.time; });
  if (it == points.begin()) return points.front().temp_c;
  const model::ThermalPoint& p = *std::prev(it);
  if (t == p.time) return p.temp_c;
  if (p.tau_s <= 0) return p.env_c;
  const double seconds = static_cast<double>(t - p.time) / sim::kSecond;
  return p.env_c + (p.temp_c - p.env_c) * std::exp(-seconds / p.tau_s);
}

std::vector<std::pair<sim::Time, double>> sample_trace(const model::ThermalTrace& trace, int count,
                                                       sim::Time tail) {
  std::vector<std::pair<sim::Time, double>> out;
  if (trace.points.empty()) return out;
  count = std::max(count, 2);
  const sim::Time from = trace.points.front().time;
  const sim::Time to = trace.points.back().time + std::max<sim::Time>(tail, 0);
  std::vector<sim::Time> times;
  for (int i = 0; i < count; ++i) times.push_back(from + (to - from) * i / (count - 1));
  for (const auto& p : trace.points) times.push_back(p.time);
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  out.reserve(times.size());
  for (sim::Time t : times) out.emplace_back(t, trace_temperature(trace, t));
  return out;
}

}  // namespace output
