#include "sim/model/weather.h"

namespace model {

FlightWeather::FlightWeather(const Weather& weather, const FlightLimits& limits,
                             sim::Time start_tod)
    : start_tod_(start_tod) {
  for (std::size_t h = 0; h < 24; ++h)
    ok_[h] =
        weather.wind_mps[h] <= limits.max_wind_mps && weather.rain_mmh[h] <= limits.max_rain_mmh;
}

std::size_t FlightWeather::hour(sim::Time t) const {
  const sim::Time tod = ((start_tod_ + t) % sim::kDay + sim::kDay) % sim::kDay;
  return static_cast<std::size_t>(tod / sim::kHour);
}

bool FlightWeather::flyable(sim::Time t) const { return ok_[hour(t)]; }

sim::Time FlightWeather::next_flyable(sim::Time t) const {
  if (flyable(t)) return t;
  // Clock hours start where (start_tod + t) is a multiple of an hour.
  sim::Time next = t + (sim::kHour - ((start_tod_ + t) % sim::kHour + sim::kHour) % sim::kHour);
  for (int k = 0; k < 24; ++k, next += sim::kHour)
    if (flyable(next)) return next;
  return sim::kNever;
}

sim::Time FlightWeather::next_grounding(sim::Time t) const {
  if (!flyable(t)) return t;
  sim::Time next = t + (sim::kHour - ((start_tod_ + t) % sim::kHour + sim::kHour) % sim::kHour);
  for (int k = 0; k < 24; ++k, next += sim::kHour)
    if (!flyable(next)) return next;
  return sim::kNever;
}

}  // namespace model
