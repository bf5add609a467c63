// A store's fridge or freezer over the run: its contents sit at the setpoint while it runs, warm
// towards the room while it is down, and cool back once it runs again; each stretch is an exact
// exponential (see thermal.h), so the temperature at any time is a lookup, not a simulation.
#pragma once

#include <utility>
#include <vector>

#include "sim/engine/time.h"
#include "sim/model/cold_chain_config.h"

namespace model {

// A temperature the live twin observed in a unit (sim/model/observations.h): from `t` on, the
// unit's contents continue from `c` instead of the model's own temperature then.
struct UnitObservation {
  sim::Time t = sim::kNever;  // kNever: none
  double c = 0;
  sim::Time left = sim::kNever;  // when the contents last left the class's range, if outside at t
};

class ColdUnit {
 public:
  // `downs`: the [from, to) scenario times it is down, in any order, overlaps allowed.
  ColdUnit(const ColdUnitConfig& cfg, const TempClass& cls, double room_c,
           std::vector<std::pair<sim::Time, sim::Time>> downs);

  bool down(sim::Time t) const;
  // The first time after t when it goes down or runs again; sim::kNever if it never does.
  sim::Time next_change(sim::Time t) const;
  // What goods inside it at t drift towards, and how fast.
  double env_c(sim::Time t) const { return down(t) ? room_c_ : setpoint_c_; }
  double tau_s(sim::Time t) const;
  // With `seen` (may be null), from seen->t on the contents continue from the observed
  // temperature, warming or cooling as the unit's state then says.
  double temperature(sim::Time t, const UnitObservation* seen = nullptr) const;
  // When its contents last left the class's range, if they are outside it at t; sim::kNever if
  // they are inside.
  sim::Time left_range(sim::Time t, const UnitObservation* seen = nullptr) const;
  const TempClass& temp_class() const { return class_; }

 private:
  struct Stretch {
    sim::Time from;
    double start_c, env_c, tau_s;
  };
  std::size_t stretch_at(sim::Time t) const;
  // Calls f(from, to, start_c, stretch) for each piece of the path from `seen` to t.
  template <class F>
  void walk_from(const UnitObservation& seen, sim::Time t, F f) const;
  bool in_range(double c) const { return c >= class_.min_c && c <= class_.max_c; }

  TempClass class_;
  double room_c_, setpoint_c_;
  double tau_off_s_, tau_on_s_;
  std::vector<std::pair<sim::Time, sim::Time>> downs_;  // merged, in time order
  std::vector<Stretch> stretches_;                      // from t = 0
};

}  // namespace model
