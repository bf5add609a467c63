// Newton's law of cooling for a product in a fridge, a rider's box or a drone's pod:
// dT/dt = (T_env - T) / tau, with tau the enclosure's time constant. Between two events the
// surroundings are constant, so the temperature is the exact exponential
// T(t) = T_env + (T0 - T_env) * exp(-t / tau), evaluated when needed instead of stepped.
#pragma once

#include "sim/engine/time.h"

namespace model {

// The product's temperature after `dt` in surroundings at `env_c`, starting at `start_c`.
// tau_s <= 0 means no insulation: the product takes the surroundings' temperature at once.
double temperature_after(double start_c, double env_c, double tau_s, sim::Time dt);

// How long, within those `dt`, the temperature lies outside [low_c, high_c] (exact, from the
// times the exponential crosses the bounds).
sim::Time time_outside(double start_c, double env_c, double tau_s, sim::Time dt, double low_c,
                       double high_c);

// How long the exponential from start_c towards env_c takes to reach `bound_c`; sim::kNever if
// it does not on the way.
sim::Time time_to_reach(double start_c, double env_c, double tau_s, double bound_c);

// A product's temperature through a sequence of surroundings (fridge, rider's box, doorstep),
// each held from one event to the next, with the time it has spent outside its class's range.
class ThermalTracker {
 public:
  ThermalTracker() = default;
  ThermalTracker(double start_c, double low_c, double high_c, sim::Time now);

  // From `now` on the product sits in surroundings at env_c behind insulation tau_s.
  void move_to(double env_c, double tau_s, sim::Time now);
  double temperature(sim::Time now) const;
  sim::Time time_outside(sim::Time now) const;

  // For checkpoints (sim/model/checkpoint.h): every member, in one place.
  template <class Archive>
  void serialize(Archive& ar) {
    ar(low_c_, high_c_, temp_c_, since_, env_c_, tau_s_, outside_);
  }

 private:
  double low_c_ = 0, high_c_ = 0;
  double temp_c_ = 0;  // at since_
  sim::Time since_ = 0;
  double env_c_ = 0, tau_s_ = 0;
  sim::Time outside_ = 0;  // up to since_
};

}  // namespace model
