// best_insertion's pruning by lower bounds against a brute force that times every position.
#include "routing/route_insertion.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>
#include <tuple>

namespace {

using routing::DispatchJob;
using routing::DispatchProblem;
using routing::DispatchVehicle;
using routing::NodeId;
using routing::Stop;

// Nodes on a 7-wide grid, 1 s per block along the streets, and every trip first waits out a
// barrier closed for the first 2 s of every 5 s: times depend on the departure, and leaving later
// never arrives earlier (FIFO, as time_route's callers promise). Lower bound: the straight line
// at full speed (or 0, to time everything).
class StreetTravel : public routing::TravelOracle {
 public:
  explicit StreetTravel(bool bounded) : bounded_(bounded) {}
  std::int64_t travel_ms(std::uint32_t, NodeId from, NodeId to,
                         std::int64_t depart_ms) const override {
    ++asked;
    const auto [dx, dy] = offset(from, to);
    const std::int64_t wait = std::max<std::int64_t>(0, 2000 - depart_ms % 5000);
    return wait + (std::abs(dx) + std::abs(dy)) * 1000;
  }
  std::int64_t lower_bound_ms(std::uint32_t, NodeId from, NodeId to) const override {
    if (!bounded_) return 0;
    const auto [dx, dy] = offset(from, to);
    return static_cast<std::int64_t>(std::sqrt(static_cast<double>(dx * dx + dy * dy)) * 1000);
  }
  mutable long asked = 0;

 private:
  static std::pair<std::int64_t, std::int64_t> offset(NodeId a, NodeId b) {
    return {std::int64_t{b % 7} - a % 7, std::int64_t{b / 7} - a / 7};
  }
  bool bounded_;
};

struct Case {
  DispatchProblem problem;
  std::vector<std::vector<Stop>> routes;  // by vehicle
  std::uint32_t job = 0;                  // the job to insert
};

// 1-3 vehicles sharing 0-7 committed jobs, each vehicle's in a random order that keeps its
// capacity, and one more job to insert.
Case random_case(unsigned seed) {
  std::mt19937 rng(seed);
  auto below = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  Case c;
  DispatchProblem& p = c.problem;
  p.now = below(20000);
  const int jobs = 1 + below(8);
  for (int j = 0; j < jobs; ++j) {
    DispatchJob job;
    job.id = static_cast<std::uint32_t>(j);
    job.pickup = static_cast<NodeId>(below(49));
    job.dropoff = static_cast<NodeId>(below(49));
    job.ready_ms = p.now + below(15000);
    job.deadline_ms = job.ready_ms + 4000 + below(30000);
    job.size = below(6) == 0 ? 2 : 1;
    job.pickup_service_ms = below(800);
    job.dropoff_service_ms = below(800);
    p.jobs.push_back(job);
  }
  const int vehicles = 1 + below(3);
  std::vector<std::vector<std::uint32_t>> waiting(static_cast<std::size_t>(vehicles));
  for (int v = 0; v < vehicles; ++v) {
    DispatchVehicle vehicle;
    vehicle.id = static_cast<std::uint32_t>(v);
    vehicle.at = static_cast<NodeId>(below(49));
    vehicle.free_ms = p.now + below(4000);
    vehicle.capacity = 2 + below(2);
    p.vehicles.push_back(vehicle);
  }
  for (std::uint32_t j = 0; j + 1 < p.jobs.size(); ++j) {
    const auto v = static_cast<std::size_t>(below(vehicles));
    if (p.jobs[j].size <= p.vehicles[v].capacity) waiting[v].push_back(j);
  }
  c.routes.resize(p.vehicles.size());
  for (std::size_t v = 0; v < p.vehicles.size(); ++v) {
    std::vector<std::uint32_t> aboard;
    int load = 0;
    while (!waiting[v].empty() || !aboard.empty()) {
      const std::uint32_t next = waiting[v].empty() ? 0 : waiting[v].back();
      const bool fits = !waiting[v].empty() && load + p.jobs[next].size <= p.vehicles[v].capacity;
      if (fits && (aboard.empty() || below(2) == 0)) {
        c.routes[v].push_back({next, Stop::Kind::pickup});
        load += p.jobs[next].size;
        aboard.push_back(next);
        waiting[v].pop_back();
      } else {
        const auto k = static_cast<std::size_t>(below(static_cast<int>(aboard.size())));
        c.routes[v].push_back({aboard[k], Stop::Kind::dropoff});
        load -= p.jobs[aboard[k]].size;
        aboard.erase(aboard.begin() + static_cast<std::ptrdiff_t>(k));
      }
    }
  }
  c.job = static_cast<std::uint32_t>(p.jobs.size() - 1);
  p.open.push_back(c.job);
  return c;
}

// Times every (pickup, drop-off) position in order and keeps the first of least added cost.
routing::Insertion brute_force(const Case& c, const routing::TravelOracle& travel,
                               std::size_t vehicle = 0) {
  const DispatchVehicle& v = c.problem.vehicles[vehicle];
  const std::vector<Stop>& route = c.routes[vehicle];
  const std::int64_t before = routing::route_cost(routing::time_route(c.problem, v, route, travel));
  routing::Insertion best;
  for (std::size_t i = 0; i <= route.size(); ++i) {
    for (std::size_t j = i + 1; j <= route.size() + 1; ++j) {
      std::vector<Stop> r = route;
      r.insert(r.begin() + static_cast<std::ptrdiff_t>(i), {c.job, Stop::Kind::pickup});
      r.insert(r.begin() + static_cast<std::ptrdiff_t>(j), {c.job, Stop::Kind::dropoff});
      const routing::RouteTiming t = routing::time_route(c.problem, v, r, travel);
      if (!t.feasible) continue;
      const std::int64_t added = routing::route_cost(t) - before;
      if (!best.found || added < best.added_cost) best = {true, added, r};
    }
  }
  return best;
}

TEST(BestInsertion, PruningByLowerBoundsFindsWhatTimingEveryPositionFinds) {
  int found = 0;
  for (unsigned seed = 1; seed <= 2000; ++seed) {
    const Case c = random_case(seed);
    const routing::Insertion expected = brute_force(c, StreetTravel(false));
    for (const bool bounded : {false, true}) {
      const routing::Insertion got = routing::best_insertion(
          c.problem, c.problem.vehicles[0], c.routes[0], c.job, StreetTravel(bounded));
      ASSERT_EQ(got.found, expected.found) << "seed " << seed;
      if (!got.found) continue;
      EXPECT_EQ(got.added_cost, expected.added_cost) << "seed " << seed;
      EXPECT_EQ(got.route, expected.route) << "seed " << seed;
    }
    found += expected.found;
  }
  EXPECT_GT(found, 1500);  // the cases are mostly ones that fit
}

TEST(BestInsertion, ABoundLeavesOutOnlyInsertionsThatDoNotBeatIt) {
  for (unsigned seed = 1; seed <= 500; ++seed) {
    const Case c = random_case(seed);
    const StreetTravel travel(true);
    const routing::Insertion best = brute_force(c, travel);
    if (!best.found) continue;
    const DispatchVehicle& v = c.problem.vehicles[0];
    const routing::Insertion above =
        routing::best_insertion(c.problem, v, c.routes[0], c.job, travel, best.added_cost + 1);
    ASSERT_TRUE(above.found) << "seed " << seed;
    EXPECT_EQ(above.route, best.route) << "seed " << seed;
    const routing::Insertion at =
        routing::best_insertion(c.problem, v, c.routes[0], c.job, travel, best.added_cost);
    EXPECT_FALSE(at.found) << "seed " << seed;
  }
}

TEST(BestInsertion, LowerBoundsSpareTravelQuestions) {
  long exact_questions[2] = {0, 0};
  for (unsigned seed = 1; seed <= 2000; ++seed) {
    const Case c = random_case(seed);
    for (const bool bounded : {false, true}) {
      const StreetTravel travel(bounded);
      routing::best_insertion(c.problem, c.problem.vehicles[0], c.routes[0], c.job, travel);
      exact_questions[bounded] += travel.asked;
    }
  }
  // Without a bound (0 for the drop-off's legs) far more positions price below the best and are
  // timed.
  EXPECT_LT(exact_questions[1], exact_questions[0] * 3 / 4)
      << exact_questions[1] << " of " << exact_questions[0];
}

TEST(CheapestInsertion, IsTheLeastOfEachRoutesBestTiesToTheEarlierVehicle) {
  int spread = 0;
  for (unsigned seed = 1; seed <= 2000; ++seed) {
    const Case c = random_case(seed);
    const StreetTravel travel(true);
    routing::RouteInsertion expected;
    for (std::size_t v = 0; v < c.problem.vehicles.size(); ++v) {
      routing::Insertion ins = brute_force(c, travel, v);
      if (ins.found &&
          (!expected.insertion.found || ins.added_cost < expected.insertion.added_cost)) {
        expected = {v, std::move(ins)};
      }
    }
    std::vector<std::size_t> all(c.problem.vehicles.size());
    for (std::size_t v = 0; v < all.size(); ++v) all[v] = v;
    const routing::RouteInsertion got =
        routing::cheapest_insertion(c.problem, all, c.routes, c.job, travel);
    ASSERT_EQ(got.insertion.found, expected.insertion.found) << "seed " << seed;
    if (!got.insertion.found) continue;
    EXPECT_EQ(got.vehicle, expected.vehicle) << "seed " << seed;
    EXPECT_EQ(got.insertion.added_cost, expected.insertion.added_cost) << "seed " << seed;
    EXPECT_EQ(got.insertion.route, expected.insertion.route) << "seed " << seed;
    spread += expected.vehicle > 0;
  }
  EXPECT_GT(spread, 300);  // not always the first vehicle
}

}  // namespace
