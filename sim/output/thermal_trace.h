// Evaluating a cold line's recorded temperature path (model::ThermalTrace) for charts: each point
// starts an exponential towards its surroundings that holds until the next point.
#pragma once

#include <utility>
#include <vector>

#include "sim/engine/time.h"
#include "sim/model/run_result.h"

namespace output {

// The trace's temperature at `t`: from the last point at or before t, env_c + (temp_c - env_c) *
// exp(-(t - time) / tau_s), or env_c once t is past the point when tau_s <= 0. Before the first
// point it is the first point's temperature. Precondition: the trace has points.
double trace_temperature(const model::ThermalTrace& trace, sim::Time t);

// `count` >= 2 (time, temperature) pairs evenly spaced from the first point's time to the last
// point's time plus `tail`, every point's own time included so the corners are kept. Empty for a
// trace without points.
std::vector<std::pair<sim::Time, double>> sample_trace(const model::ThermalTrace& trace, int count,
                                                       sim::Time tail);

}  // namespace output
