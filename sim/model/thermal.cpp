#include "sim/model/thermal.h"

#include <algorithm>
#include <cmath>

namespace model {

double temperature_after(double start_c, double env_c, double tau_s, sim::Time dt) {
  if (dt <= 0) return start_c;
  if (tau_s <= 0) return env_c;
  const double seconds = static_cast<double>(dt) / 1000.0;
  return env_c + (start_c - env_c) * std::exp(-seconds / tau_s);
}

namespace {

// When (in ms from the start) the exponential from start_c towards env_c reaches `bound`;
// never (sim::kNever) if it does not on the way.
sim::Time crossing(double start_c, double env_c, double tau_s, double bound) {
  const double from = start_c - env_c, to = bound - env_c;
  if (from == 0 || to == 0 || (from > 0) != (to > 0) || std::abs(to) > std::abs(from))
    return to == from ? 0 : sim::kNever;
  if (tau_s <= 0) return 0;
  return static_cast<sim::Time>(std::llround(-tau_s * std::log(to / from) * 1000.0));
}

}  // namespace

sim::Time time_to_reach(double start_c, double env_c, double tau_s, double bound_c) {
  return crossing(start_c, env_c, tau_s, bound_c);
}

sim::Time time_outside(double start_c, double env_c, double tau_s, sim::Time dt, double low_c,
                       double high_c) {
  if (dt <= 0) return 0;
  const bool inside_env = env_c >= low_c && env_c <= high_c;
  const bool inside_start = start_c >= low_c && start_c <= high_c;
  if (inside_start && inside_env) return 0;  // the path runs between two points of the range
  if (tau_s <= 0) return inside_env ? 0 : dt;
  // The temperature moves monotonically from start towards env: it is outside first (until it
  // enters the range), or last (once it leaves), or all along.
  if (!inside_start && inside_env) {
    const double bound = start_c > high_c ? high_c : low_c;
    return std::min(dt, crossing(start_c, env_c, tau_s, bound));
  }
  if (inside_start && !inside_env) {
    const double bound = env_c > high_c ? high_c : low_c;
    const sim::Time leaves = crossing(start_c, env_c, tau_s, bound);
    return leaves >= dt ? 0 : dt - leaves;
  }
  // Both outside: on the same side it never comes in; across the range it passes through it.
  if ((start_c > high_c) == (env_c > high_c) && (start_c < low_c) == (env_c < low_c)) return dt;
  const bool falling = start_c > env_c;
  const sim::Time enters = crossing(start_c, env_c, tau_s, falling ? high_c : low_c);
  const sim::Time leaves = crossing(start_c, env_c, tau_s, falling ? low_c : high_c);
  if (enters >= dt) return dt;
  return dt - (std::min(dt, leaves) - enters);
}

ThermalTracker::ThermalTracker(double start_c, double low_c, double high_c, sim::Time now)
    : low_c_(low_c), high_c_(high_c), temp_c_(start_c), since_(now), env_c_(start_c), tau_s_(0) {}

void ThermalTracker::move_to(double env_c, double tau_s, sim::Time now) {
  outside_ = time_outside(now);
  temp_c_ = temperature(now);
  since_ = now;
  env_c_ = env_c;
  tau_s_ = tau_s;
}

double ThermalTracker::temperature(sim::Time now) const {
  return temperature_after(temp_c_, env_c_, tau_s_, now - since_);
}

sim::Time ThermalTracker::time_outside(sim::Time now) const {
  return outside_ + model::time_outside(temp_c_, env_c_, tau_s_, now - since_, low_c_, high_c_);
}

}  // namespace model
