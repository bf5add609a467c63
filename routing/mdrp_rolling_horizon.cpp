#include <algorithm>
#include <map>

#include "routing/mdrp_dispatch.h"
#include "routing/min_cost_flow.h"

namespace routing {
namespace {

struct Bundle {
  std::vector<std::size_t> orders;  // in drop-off order
  std::int64_t ready = 0;           // the latest ready time in the bundle
};

std::vector<PlanePoint> drop_points(const MdrpProblem& problem,
                                    const std::vector<std::size_t>& seq) {
  std::vector<PlanePoint> points;
  points.reserve(seq.size());
  for (const std::size_t o : seq) points.push_back(problem.open[o].dropoff);
  return points;
}

// Sum of the drop-off times counted from leaving the restaurant.
std::int64_t sum_of_drops(const MdrpProblem& problem, const std::vector<std::size_t>& seq) {
  MdrpRules ride = problem.rules;
  ride.pickup_service_ms = 0;
  const MdrpTiming t =
      time_assignment(ride, problem.open[seq.front()].pickup, 0, problem.open[seq.front()].pickup,
                      0, drop_points(problem, seq));
  std::int64_t sum = 0;
  for (const std::int64_t d : t.drop) sum += d;
  return sum;
}

// `order` inserted where it adds least to the sum of drop-off times (ties: the earliest place).
void insert_cheapest(const MdrpProblem& problem, std::vector<std::size_t>& seq, std::size_t order) {
  std::vector<std::size_t> best;
  std::int64_t best_sum = 0;
  for (std::size_t at = 0; at <= seq.size(); ++at) {
    std::vector<std::size_t> trial = seq;
    trial.insert(trial.begin() + static_cast<std::ptrdiff_t>(at), order);
    const std::int64_t sum = sum_of_drops(problem, trial);
    if (best.empty() || sum < best_sum) {
      best = std::move(trial);
      best_sum = sum;
    }
  }
  seq = std::move(best);
}

std::vector<Bundle> make_bundles(const MdrpProblem& problem, const MdrpRollingHorizonParams& p) {
  std::map<std::uint32_t, std::vector<std::size_t>> by_restaurant;
  std::size_t candidates = 0;
  for (std::size_t o = 0; o < problem.open.size(); ++o) {
    if (problem.open[o].ready > problem.now + p.horizon_ms) continue;
    by_restaurant[problem.open[o].restaurant].push_back(o);
    ++candidates;
  }
  const std::size_t couriers = std::max<std::size_t>(problem.idle.size(), 1);
  const std::size_t size = std::clamp<std::size_t>((candidates + couriers - 1) / couriers, 1,
                                                   static_cast<std::size_t>(p.max_bundle));
  std::vector<Bundle> bundles;
  for (auto& [restaurant, orders] : by_restaurant) {
    std::stable_sort(orders.begin(), orders.end(), [&](std::size_t a, std::size_t b) {
      return problem.open[a].ready < problem.open[b].ready;
    });
    std::int64_t first_ready = 0;
    for (const std::size_t o : orders) {
      const std::int64_t ready = problem.open[o].ready;
      if (bundles.empty() || bundles.back().orders.size() >= size ||
          problem.open[bundles.back().orders.front()].restaurant != restaurant ||
          ready - first_ready > p.ready_gap_ms) {
        bundles.push_back({{o}, ready});
        first_ready = ready;
        continue;
      }
      insert_cheapest(problem, bundles.back().orders, o);
      bundles.back().ready = std::max(bundles.back().ready, ready);
    }
  }
  return bundles;
}

struct Candidate {
  std::size_t bundle, courier;
  std::int64_t cost;  // sum of estimated click-to-door seconds
};

}  // namespace

MdrpRollingHorizon::MdrpRollingHorizon(MdrpRollingHorizonParams params) : params_(params) {
  params_.max_bundle = std::max(params_.max_bundle, 1);
  params_.epoch_ms = std::max<std::int64_t>(params_.epoch_ms, 1);
}

std::vector<MdrpAssignment> MdrpRollingHorizon::assign(const MdrpProblem& problem) {
  if (problem.idle.empty() || problem.open.empty()) return {};
  const std::vector<Bundle> bundles = make_bundles(problem, params_);
  if (bundles.empty()) return {};

  // A bundle that some courier would pick up just as early if sent next epoch waits for that
  // epoch: it may grow meanwhile, and no courier is held back for it.
  std::vector<Candidate> candidates;
  std::vector<std::int64_t> max_cost(bundles.size(), 0);
  for (std::size_t b = 0; b < bundles.size(); ++b) {
    const Bundle& bundle = bundles[b];
    const PlanePoint restaurant = problem.open[bundle.orders.front()].pickup;
    const std::vector<PlanePoint> drops = drop_points(problem, bundle.orders);
    std::vector<Candidate> mine;
    bool can_wait = false;
    for (std::size_t c = 0; c < problem.idle.size() && !can_wait; ++c) {
      const MdrpIdleCourier& courier = problem.idle[c];
      const MdrpTiming t =
          time_assignment(problem.rules, courier.at, problem.now, restaurant, bundle.ready, drops);
      if (t.pickup > courier.off) continue;
      const std::int64_t later =
          time_assignment(problem.rules, courier.at, problem.now + params_.epoch_ms, restaurant,
                          bundle.ready, {})
              .pickup;
      can_wait = later == t.pickup && later <= courier.off;
      std::int64_t cost = 0;
      for (std::size_t k = 0; k < drops.size(); ++k)
        cost += (t.drop[k] - problem.open[bundle.orders[k]].placement) / 1000;
      max_cost[b] = std::max(max_cost[b], cost);
      mine.push_back({b, c, cost});
    }
    if (!can_wait) candidates.insert(candidates.end(), mine.begin(), mine.end());
  }
  if (candidates.empty()) return {};

  // Vertices: source, bundles, the couriers some bundle can use, sink. Each bundle may bypass to
  // the sink at a cost, per order, above any set of assignments, so the flow assigns as many
  // orders as it can and, among those assignments, the cheapest.
  std::vector<std::size_t> courier_vertex(problem.idle.size(), 0);
  std::size_t n_vertices = 1 + bundles.size();
  for (const Candidate& c : candidates)
    if (courier_vertex[c.courier] == 0) courier_vertex[c.courier] = n_vertices++;
  const std::size_t source = 0, sink = n_vertices++;
  std::int64_t bypass = 1;
  for (const std::int64_t m : max_cost) bypass += m;

  UnitFlowNetwork flow(n_vertices);
  for (std::size_t b = 0; b < bundles.size(); ++b) {
    flow.add(source, 1 + b, 0);
    flow.add(1 + b, sink, bypass * static_cast<std::int64_t>(bundles[b].orders.size()));
  }
  std::vector<UnitFlowNetwork::Arc> arcs;
  arcs.reserve(candidates.size());
  for (const Candidate& c : candidates)
    arcs.push_back(flow.add(1 + c.bundle, courier_vertex[c.courier], c.cost));
  for (std::size_t c = 0; c < problem.idle.size(); ++c)
    if (courier_vertex[c] != 0) flow.add(courier_vertex[c], sink, 0);
  flow.solve(source, sink);

  std::vector<MdrpAssignment> out;
  for (std::size_t e = 0; e < candidates.size(); ++e)
    if (flow.used(arcs[e]))
      out.push_back({candidates[e].courier, bundles[candidates[e].bundle].orders});
  return out;
}

}  // namespace routing
