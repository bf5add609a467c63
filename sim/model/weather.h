// Hourly weather over the scenario (wind and rain per clock hour) and what it means for drones:
// above the wind or rain limit they are grounded, and so they are during a storm. Hours repeat
// daily; times are ms since the scenario start, `start_tod` the time of day at t = 0.
#pragma once

#include <array>
#include <vector>

#include "sim/engine/time.h"

namespace model {

struct Weather {
  std::array<double, 24> wind_mps{};  // per clock hour 00..23
  std::array<double, 24> rain_mmh{};
};

struct FlightLimits {
  double max_wind_mps = 12;
  double max_rain_mmh = 2;
};

// A spell of bad weather from `from` to `to` (scenario times) that grounds drones.
struct Storm {
  sim::Time from = 0, to = 0;
};

class FlightWeather {
 public:
  FlightWeather(const Weather& weather, const FlightLimits& limits, sim::Time start_tod,
                std::vector<Storm> storms = {});

  bool flyable(sim::Time t) const;
  // The first instant at or after t when drones may fly; sim::kNever if never.
  sim::Time next_flyable(sim::Time t) const;
  // The first instant after t when they are grounded; sim::kNever if never.
  sim::Time next_grounding(sim::Time t) const;

 private:
  std::size_t hour(sim::Time t) const;
  // The first hour boundary or storm edge after t.
  sim::Time next_boundary(sim::Time t) const;
  std::array<bool, 24> ok_{};
  std::vector<Storm> storms_;
  sim::Time start_tod_;
};

}  // namespace model
