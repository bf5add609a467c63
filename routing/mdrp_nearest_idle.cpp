#include "routing/mdrp_dispatch.h"

namespace routing {

std::vector<MdrpAssignment> MdrpNearestIdle::assign(const MdrpProblem& problem) {
  std::vector<MdrpAssignment> out;
  std::vector<bool> taken(problem.idle.size(), false);
  for (std::size_t o = 0; o < problem.open.size(); ++o) {
    const MdrpOpenOrder& order = problem.open[o];
    std::size_t best = problem.idle.size();
    std::int64_t best_travel = 0;
    for (std::size_t c = 0; c < problem.idle.size(); ++c) {
      if (taken[c]) continue;
      const std::int64_t travel = problem.rules.travel_ms(problem.idle[c].at, order.pickup);
      if (best < problem.idle.size() && travel >= best_travel) continue;
      const MdrpTiming t = time_assignment(problem.rules, problem.idle[c].at, problem.now,
                                           order.pickup, order.ready, {});
      if (t.pickup > problem.idle[c].off) continue;
      best = c;
      best_travel = travel;
    }
    if (best == problem.idle.size()) continue;
    taken[best] = true;
    out.push_back({best, {o}});
  }
  return out;
}

}  // namespace routing
