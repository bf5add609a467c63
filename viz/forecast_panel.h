// What the live twin's window says of its newest forecast (sim/twin/forecast.h), under the live
// figures: when it was made and how far it looks, how many open orders are at risk, and the
// stores predicted to do worst over its horizon.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/model/twin_state.h"

namespace viz {

// An open order whose forecast probability of missing its promise is at least this is "at risk":
// ringed on the map and counted in the panel.
inline constexpr float kAtRisk = 0.2f;

// The panel's lines, empty when `state` carries no forecast (outlook_at == kNever):
//   "forecast of 18:40, next 30 min, 50 runs"
//   "at risk: 3 open orders"
//   "monte-carlo  on time 91%  queue 3.8" for at most `max_stores` stores, worst predicted
//   on-time share first ("no orders" for a store with none predicted).
std::vector<std::string> forecast_lines(const model::TwinState& state, std::size_t max_stores = 5);

}  // namespace viz
