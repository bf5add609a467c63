#include "sim/model/cold_unit.h"

#include <algorithm>

#include "sim/model/thermal.h"

namespace model {

ColdUnit::ColdUnit(const ColdUnitConfig& cfg, const TempClass& cls, double room_c,
                   std::vector<std::pair<sim::Time, sim::Time>> downs)
    : class_(cls),
      room_c_(room_c),
      setpoint_c_(cls.store_c),
      tau_off_s_(static_cast<double>(cfg.tau_off) / 1000.0),
      tau_on_s_(static_cast<double>(cfg.tau_on) / 1000.0) {
  std::sort(downs.begin(), downs.end());
  for (const auto& d : downs) {
    if (d.second <= d.first) continue;
    if (!downs_.empty() && d.first <= downs_.back().second)
      downs_.back().second = std::max(downs_.back().second, d.second);
    else
      downs_.push_back(d);
  }
  stretches_.push_back({0, setpoint_c_, setpoint_c_, tau_on_s_});
  auto add = [&](sim::Time at, double env, double tau) {
    const Stretch& last = stretches_.back();
    const double c = temperature_after(last.start_c, last.env_c, last.tau_s, at - last.from);
    stretches_.push_back({at, c, env, tau});
  };
  for (const auto& [from, to] : downs_) {
    add(std::max<sim::Time>(from, 0), room_c_, tau_off_s_);
    add(std::max<sim::Time>(to, 0), setpoint_c_, tau_on_s_);
  }
}

bool ColdUnit::down(sim::Time t) const {
  auto it = std::upper_bound(downs_.begin(), downs_.end(), std::pair(t, sim::kNever));
  return it != downs_.begin() && t < std::prev(it)->second;
}

sim::Time ColdUnit::next_change(sim::Time t) const {
  for (const auto& [from, to] : downs_) {
    if (from > t) return from;
    if (to > t) return to;
  }
  return sim::kNever;
}

double ColdUnit::tau_s(sim::Time t) const { return down(t) ? tau_off_s_ : tau_on_s_; }

std::size_t ColdUnit::stretch_at(sim::Time t) const {
  auto it = std::upper_bound(stretches_.begin(), stretches_.end(), t,
                             [](sim::Time x, const Stretch& s) { return x < s.from; });
  return it == stretches_.begin() ? 0 : static_cast<std::size_t>(it - stretches_.begin()) - 1;
}

template <class F>
void ColdUnit::walk_from(const UnitObservation& seen, sim::Time t, F f) const {
  double c = seen.c;
  sim::Time from = seen.t;
  for (std::size_t k = stretch_at(seen.t);; ++k) {
    const Stretch& s = stretches_[k];
    const bool last = k + 1 == stretches_.size() || stretches_[k + 1].from > t;
    const sim::Time to = last ? t : stretches_[k + 1].from;
    f(from, to, c, s);
    if (last) return;
    c = temperature_after(c, s.env_c, s.tau_s, to - from);
    from = to;
  }
}

double ColdUnit::temperature(sim::Time t, const UnitObservation* seen) const {
  if (!seen || t < seen->t) {
    const Stretch& s = stretches_[stretch_at(t)];
    return temperature_after(s.start_c, s.env_c, s.tau_s, t - s.from);
  }
  double c = seen->c;
  walk_from(*seen, t, [&](sim::Time from, sim::Time to, double start_c, const Stretch& s) {
    c = temperature_after(start_c, s.env_c, s.tau_s, to - from);
  });
  return c;
}

sim::Time ColdUnit::left_range(sim::Time t, const UnitObservation* seen) const {
  if (in_range(temperature(t, seen))) return sim::kNever;
  if (seen && t >= seen->t) {
    sim::Time left = seen->left;
    walk_from(*seen, t, [&](sim::Time from, sim::Time to, double start_c, const Stretch& s) {
      const double end_c = temperature_after(start_c, s.env_c, s.tau_s, to - from);
      if (in_range(end_c))
        left = sim::kNever;
      else if (in_range(start_c)) {
        const sim::Time dt = time_to_reach(start_c, s.env_c, s.tau_s,
                                           end_c > class_.max_c ? class_.max_c : class_.min_c);
        left = dt == sim::kNever ? to : from + dt;
      }
    });
    return left == sim::kNever ? seen->t : left;
  }
  // Back through the stretches to the one in which it left: each is monotone, so it left at
  // most once within it.
  for (std::size_t k = stretch_at(t) + 1; k-- > 0;) {
    const Stretch& s = stretches_[k];
    if (!in_range(s.start_c)) continue;
    const double bound = s.env_c > class_.max_c ? class_.max_c : class_.min_c;
    return s.from + time_to_reach(s.start_c, s.env_c, s.tau_s, bound);
  }
  return 0;
}

}  // namespace model
