#include "sim/model/weather.h"

#include <algorithm>

namespace model {

FlightWeather::FlightWeather(const Weather& weather, const FlightLimits& limits,
                             sim::Time start_tod, std::vector<Storm> storms)
    : storms_(std::move(storms)), start_tod_(start_tod) {
  for (std::size_t h = 0; h < 24; ++h)
    ok_[h] =
        weather.wind_mps[h] <= limits.max_wind_mps && weather.rain_mmh[h] <= limits.max_rain_mmh;
}

std::size_t FlightWeather::hour(sim::Time t) const {
  const sim::Time tod = ((start_tod_ + t) % sim::kDay + sim::kDay) % sim::kDay;
  return static_cast<std::size_t>(tod / sim::kHour);
}

bool FlightWeather::flyable(sim::Time t) const {
  for (const Storm& s : storms_)
    if (t >= s.from && t < s.to) return false;
  return ok_[hour(t)];
}

sim::Time FlightWeather::next_boundary(sim::Time t) const {
  // Clock hours start where (start_tod + t) is a multiple of an hour.
  sim::Time next = t + (sim::kHour - ((start_tod_ + t) % sim::kHour + sim::kHour) % sim::kHour);
  for (const Storm& s : storms_)
    for (sim::Time edge : {s.from, s.to})
      if (edge > t) next = std::min(next, edge);
  return next;
}

// Past the last storm, the hours repeat every day: a day and a bit of boundaries decide.
sim::Time FlightWeather::next_flyable(sim::Time t) const {
  sim::Time last = t;
  for (const Storm& s : storms_) last = std::max(last, s.to);
  for (sim::Time next = t; next <= last + sim::kDay + sim::kHour; next = next_boundary(next))
    if (flyable(next)) return next;
  return sim::kNever;
}

sim::Time FlightWeather::next_grounding(sim::Time t) const {
  sim::Time last = t;
  for (const Storm& s : storms_) last = std::max(last, s.to);
  for (sim::Time next = t; next <= last + sim::kDay + sim::kHour; next = next_boundary(next))
    if (!flyable(next)) return next;
  return sim::kNever;
}

}  // namespace model
