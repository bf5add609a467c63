#include "routing/dispatch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>

namespace {

using routing::DispatchJob;
using routing::DispatchProblem;
using routing::DispatchVehicle;
using routing::NodeId;
using routing::Stop;
using Routes = std::vector<std::vector<Stop>>;

// Nodes lie on a line one second apart: travel is |to - from| * 1000 ms at any departure.
class LineTravel : public routing::TravelOracle {
 public:
  std::int64_t travel_ms(std::uint32_t, NodeId from, NodeId to, std::int64_t) const override {
    return std::abs(static_cast<std::int64_t>(to) - static_cast<std::int64_t>(from)) * 1000;
  }
};

// LineTravel that knows no trip beats half its length in seconds: policies that prune by it must
// plan as they do without it.
class BoundedLineTravel : public LineTravel {
 public:
  std::int64_t lower_bound_ms(std::uint32_t, NodeId from, NodeId to) const override {
    return std::abs(static_cast<std::int64_t>(to) - static_cast<std::int64_t>(from)) * 500;
  }
};

// LineTravel that remembers every question asked.
class RecordingTravel : public LineTravel {
 public:
  std::int64_t travel_ms(std::uint32_t profile, NodeId from, NodeId to,
                         std::int64_t depart_ms) const override {
    calls.emplace_back(from, to, depart_ms);
    return LineTravel::travel_ms(profile, from, to, depart_ms);
  }
  mutable std::vector<std::tuple<NodeId, NodeId, std::int64_t>> calls;
};

Stop P(std::uint32_t job) { return {job, Stop::Kind::pickup}; }
Stop D(std::uint32_t job) { return {job, Stop::Kind::dropoff}; }

DispatchJob job(NodeId pickup, NodeId dropoff, std::int64_t ready = 0,
                std::int64_t deadline = 1'000'000'000, int size = 1,
                std::int64_t pickup_service = 0, std::int64_t dropoff_service = 0) {
  DispatchJob j;
  j.pickup = pickup;
  j.dropoff = dropoff;
  j.ready_ms = ready;
  j.deadline_ms = deadline;
  j.size = size;
  j.pickup_service_ms = pickup_service;
  j.dropoff_service_ms = dropoff_service;
  return j;
}

DispatchVehicle vehicle(NodeId at, std::int64_t free_ms = 0, int capacity = 1, int load = 0,
                        std::vector<Stop> route = {}) {
  DispatchVehicle v;
  v.at = at;
  v.free_ms = free_ms;
  v.capacity = capacity;
  v.load = load;
  v.route = std::move(route);
  return v;
}

DispatchProblem problem(std::vector<DispatchJob> jobs, std::vector<std::uint32_t> open,
                        std::vector<DispatchVehicle> vehicles, std::int64_t now = 0) {
  for (std::size_t i = 0; i < jobs.size(); ++i) jobs[i].id = static_cast<std::uint32_t>(100 + i);
  for (std::size_t i = 0; i < vehicles.size(); ++i) {
    vehicles[i].id = static_cast<std::uint32_t>(200 + i);
  }
  return {now, std::move(jobs), std::move(open), std::move(vehicles)};
}

Routes plan_with(const std::string& name, const DispatchProblem& p,
                 const routing::TravelOracle& travel) {
  auto policy = routing::make_dispatch_policy(name);
  if (!policy) throw std::runtime_error("no policy " + name);
  return policy->plan(p, travel);
}

// When a route ends, by the shared rules, recomputed here on LineTravel without time_route.
std::int64_t line_end_ms(const DispatchProblem& p, const DispatchVehicle& v,
                         const std::vector<Stop>& route) {
  std::int64_t clock = v.free_ms;
  std::int64_t here = v.at;
  for (const Stop& s : route) {
    const DispatchJob& j = p.jobs[s.job];
    const std::int64_t node = s.kind == Stop::Kind::pickup ? j.pickup : j.dropoff;
    clock += std::abs(node - here) * 1000;
    if (s.kind == Stop::Kind::pickup) {
      clock = std::max(clock, j.ready_ms) + j.pickup_service_ms;
    } else {
      clock += j.dropoff_service_ms;
    }
    here = node;
  }
  return clock;
}

// Checks a plan against the rules every policy must keep; returns what is wrong, or "".
std::string violations(const DispatchProblem& p, const Routes& routes) {
  if (routes.size() != p.vehicles.size()) return "one route per vehicle expected";
  std::set<std::uint32_t> committed_jobs;
  for (const auto& v : p.vehicles) {
    for (const Stop& s : v.route) committed_jobs.insert(s.job);
  }
  const std::set<std::uint32_t> open(p.open.begin(), p.open.end());
  std::map<Stop::Kind, std::set<std::uint32_t>> seen;
  for (std::size_t vi = 0; vi < routes.size(); ++vi) {
    const DispatchVehicle& v = p.vehicles[vi];
    const std::vector<Stop>& route = routes[vi];
    const std::string where = "vehicle " + std::to_string(vi) + ": ";

    std::size_t matched = 0;
    for (const Stop& s : route) {
      if (matched < v.route.size() && s == v.route[matched]) ++matched;
    }
    if (matched != v.route.size()) return where + "committed stops dropped or reordered";

    int load = v.load;
    std::set<std::uint32_t> picked_here;
    for (const Stop& s : route) {
      if (s.job >= p.jobs.size()) return where + "unknown job";
      if (!seen[s.kind].insert(s.job).second) return where + "stop repeated";
      const bool committed = committed_jobs.count(s.job) != 0;
      if (!committed && open.count(s.job) == 0) return where + "job neither open nor committed";
      if (s.kind == Stop::Kind::pickup) {
        picked_here.insert(s.job);
        load += p.jobs[s.job].size;
        const auto drop = std::find(route.begin(), route.end(), D(s.job));
        if (drop == route.end() || drop < std::find(route.begin(), route.end(), s)) {
          return where + "pickup without a later drop-off";
        }
      } else if (picked_here.count(s.job) == 0 &&
                 std::find(v.route.begin(), v.route.end(), s) == v.route.end()) {
        return where + "drop-off of goods neither picked up here nor on board";
      } else {
        load -= p.jobs[s.job].size;
      }
      if (load > v.capacity) return where + "over capacity";
      if (load < 0) return where + "negative load";
    }
  }
  return "";
}

// ---- time_route -------------------------------------------------------------------------------

TEST(RouteTiming, EmptyRouteEndsWhenTheVehicleIsFree) {
  const auto p = problem({}, {}, {vehicle(3, 4200)});
  const auto t = routing::time_route(p, p.vehicles[0], {}, LineTravel{});
  EXPECT_TRUE(t.feasible);
  EXPECT_EQ(t.end_ms, 4200);
  EXPECT_EQ(t.lateness_ms, 0);
  EXPECT_TRUE(t.arrive_ms.empty());
}

TEST(RouteTiming, WaitsForTheGoodsSpendsServiceAndCountsLateness) {
  // From node 0 at 1000: pickup at node 2 at 3000, goods ready at 5000, 100 ms service; drop-off
  // at node 5 at 8100, 200 ms service, done 8300 against a deadline of 8000.
  const auto p = problem({job(2, 5, 5000, 8000, 1, 100, 200)}, {}, {vehicle(0, 1000)});
  const auto t = routing::time_route(p, p.vehicles[0], {P(0), D(0)}, LineTravel{});
  EXPECT_TRUE(t.feasible);
  EXPECT_EQ(t.arrive_ms, (std::vector<std::int64_t>{3000, 8100}));
  EXPECT_EQ(t.done_ms, (std::vector<std::int64_t>{5100, 8300}));
  EXPECT_EQ(t.end_ms, 8300);
  EXPECT_EQ(t.lateness_ms, 300);
}

TEST(RouteTiming, EachLegDepartsWhenThePreviousStopIsDone) {
  const auto p = problem({job(2, 5, 5000, 8000, 1, 100, 200)}, {}, {vehicle(0, 1000)});
  RecordingTravel travel;
  routing::time_route(p, p.vehicles[0], {P(0), D(0)}, travel);
  using Call = std::tuple<NodeId, NodeId, std::int64_t>;
  EXPECT_EQ(travel.calls, (std::vector<Call>{{0, 2, 1000}, {2, 5, 5100}}));
}

TEST(RouteTiming, LatenessSumsOverDropoffs) {
  // Both picked up at node 0 at time 0; drop-offs at 4000 (deadline 3000) and 6000 (deadline
  // 4000).
  const auto p = problem({job(0, 4, 0, 3000), job(0, 6, 0, 4000)}, {}, {vehicle(0, 0, 2)});
  const auto t = routing::time_route(p, p.vehicles[0], {P(0), P(1), D(0), D(1)}, LineTravel{});
  EXPECT_TRUE(t.feasible);
  EXPECT_EQ(t.lateness_ms, 1000 + 2000);
  EXPECT_EQ(t.end_ms, 6000);
}

TEST(RouteTiming, CapacityBoundsTheGoodsOnBoard) {
  auto p = problem({job(0, 4), job(1, 5, 0, 1'000'000, 2)}, {}, {vehicle(0, 0, 2)});
  const std::vector<Stop> together = {P(0), P(1), D(0), D(1)};
  const std::vector<Stop> one_after_another = {P(0), D(0), P(1), D(1)};
  EXPECT_FALSE(routing::time_route(p, p.vehicles[0], together, LineTravel{}).feasible);
  EXPECT_TRUE(routing::time_route(p, p.vehicles[0], one_after_another, LineTravel{}).feasible);
  p.vehicles[0].capacity = 3;
  EXPECT_TRUE(routing::time_route(p, p.vehicles[0], together, LineTravel{}).feasible);
}

TEST(RouteTiming, PickupMustComeBeforeItsDropoff) {
  const auto p = problem({job(0, 4)}, {}, {vehicle(0, 0, 2, 1)});
  EXPECT_FALSE(routing::time_route(p, p.vehicles[0], {D(0), P(0)}, LineTravel{}).feasible);
}

TEST(RouteTiming, PickupWithoutDropoffIsInfeasible) {
  const auto p = problem({job(0, 4)}, {}, {vehicle(0, 0, 2)});
  EXPECT_FALSE(routing::time_route(p, p.vehicles[0], {P(0)}, LineTravel{}).feasible);
}

TEST(RouteTiming, RepeatedStopIsInfeasible) {
  const auto p = problem({job(0, 4)}, {}, {vehicle(0, 0, 2, 1)});
  EXPECT_FALSE(routing::time_route(p, p.vehicles[0], {P(0), D(0), D(0)}, LineTravel{}).feasible);
  EXPECT_FALSE(routing::time_route(p, p.vehicles[0], {D(0), D(0)}, LineTravel{}).feasible);
}

TEST(RouteTiming, GoodsOnBoardAreDroppedOffWithoutAPickup) {
  // Job 0's goods are on board (load 1 of capacity 1): they must leave before job 1 fits.
  const auto p = problem({job(0, 4), job(5, 6)}, {}, {vehicle(0, 0, 1, 1)});
  const auto& v = p.vehicles[0];
  const auto t = routing::time_route(p, v, {D(0), P(1), D(1)}, LineTravel{});
  EXPECT_TRUE(t.feasible);
  EXPECT_EQ(t.end_ms, 6000);
  EXPECT_FALSE(routing::time_route(p, v, {P(1), D(1), D(0)}, LineTravel{}).feasible);
  // Goods not counted in the load cannot be on board.
  auto empty = v;
  empty.load = 0;
  EXPECT_FALSE(routing::time_route(p, empty, {D(0)}, LineTravel{}).feasible);
}

// ---- registry ---------------------------------------------------------------------------------

TEST(DispatchRegistry, BuiltinsAreRegistered) {
  const auto names = routing::dispatch_policy_names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (const char* name : {"nearest_idle", "batch_insertion", "assignment"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
  EXPECT_NE(dynamic_cast<routing::NearestIdleDispatch*>(
                routing::make_dispatch_policy("nearest_idle").get()),
            nullptr);
  EXPECT_NE(dynamic_cast<routing::BatchInsertionDispatch*>(
                routing::make_dispatch_policy("batch_insertion").get()),
            nullptr);
  EXPECT_NE(
      dynamic_cast<routing::AssignmentDispatch*>(routing::make_dispatch_policy("assignment").get()),
      nullptr);
}

TEST(DispatchRegistry, UnknownNameGivesNullptr) {
  EXPECT_EQ(routing::make_dispatch_policy("no_such_policy"), nullptr);
  EXPECT_EQ(routing::make_dispatch_policy(""), nullptr);
}

// Sends every vehicle a fixed marker route, to tell it apart from the built-ins.
class MarkerDispatch : public routing::DispatchPolicy {
 public:
  explicit MarkerDispatch(std::uint32_t marker) : marker_(marker) {}
  Routes plan(const DispatchProblem& p, const routing::TravelOracle&) override {
    return Routes(p.vehicles.size(), {P(marker_)});
  }

 private:
  std::uint32_t marker_;
};

TEST(DispatchRegistry, CustomPolicyIsCreatedByNameAndReplacedByName) {
  routing::register_dispatch_policy("test_marker",
                                    [] { return std::make_unique<MarkerDispatch>(7); });
  const auto names = routing::dispatch_policy_names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(std::count(names.begin(), names.end(), "test_marker"), 1);

  const auto p = problem({}, {}, {vehicle(0)});
  EXPECT_EQ(plan_with("test_marker", p, LineTravel{}), Routes{{P(7)}});

  routing::register_dispatch_policy("test_marker",
                                    [] { return std::make_unique<MarkerDispatch>(8); });
  EXPECT_EQ(plan_with("test_marker", p, LineTravel{}), Routes{{P(8)}});
  EXPECT_EQ(routing::dispatch_policy_names().size(), names.size());
}

// ---- nearest_idle -----------------------------------------------------------------------------

TEST(NearestIdleDispatch, OldestJobGetsTheVehicleThatArrivesFirst) {
  // Pickups at node 0; vehicle 0 arrives at 5000, vehicle 1 at 1000. `open` lists job 2 first.
  const auto p = problem({job(0, 5), job(0, 6), job(0, 7)}, {2, 0, 1}, {vehicle(5), vehicle(1)});
  EXPECT_EQ(plan_with("nearest_idle", p, LineTravel{}), (Routes{{P(0), D(0)}, {P(2), D(2)}}));
}

TEST(NearestIdleDispatch, ArrivalCountsWhenTheVehicleIsFree) {
  // Vehicle 0 is at the pickup but free at 3000; vehicle 1 is two nodes away, free now.
  const auto p = problem({job(0, 5)}, {0}, {vehicle(0, 3000), vehicle(2, 0)});
  EXPECT_EQ(plan_with("nearest_idle", p, LineTravel{}), (Routes{{}, {P(0), D(0)}}));
}

TEST(NearestIdleDispatch, TiesGoToTheEarlierVehicleInTheList) {
  const auto p = problem({job(5, 6)}, {0}, {vehicle(4), vehicle(6)});
  EXPECT_EQ(plan_with("nearest_idle", p, LineTravel{}), (Routes{{P(0), D(0)}, {}}));
}

TEST(NearestIdleDispatch, NoVehicleNoAssignment) {
  const auto p = problem({job(0, 1)}, {0}, {});
  EXPECT_TRUE(plan_with("nearest_idle", p, LineTravel{}).empty());
}

TEST(NearestIdleDispatch, BusyVehiclesKeepTheirRoutesAndGetNothing) {
  // Vehicle 0 is at the pickup but still carries job 0.
  const auto p = problem({job(9, 4), job(0, 3)}, {1}, {vehicle(0, 0, 2, 1, {D(0)}), vehicle(8)});
  EXPECT_EQ(plan_with("nearest_idle", p, LineTravel{}), (Routes{{D(0)}, {P(1), D(1)}}));
}

// ---- batch_insertion --------------------------------------------------------------------------

// Two orders from the shop at node 0 to neighbours at nodes 10 and 11; vehicle A waits at the shop,
// vehicle B is at node 15. Job 1 is ready at 3000; pickups take 500 ms.
DispatchProblem two_neighbours(std::int64_t first_deadline) {
  return problem({job(0, 10, 0, first_deadline, 1, 500), job(0, 11, 3000, 30000, 1, 500)}, {0, 1},
                 {vehicle(0, 0, 2), vehicle(15, 0, 2)});
}

TEST(BatchInsertionDispatch, BundlesNearbyOrdersWhenBothPromisesHold) {
  // A alone: job 0 done at 10500. Bundled (A waits for job 1): pickups done 500 and 3500, drop-offs
  // at 13500 and 14500, both on time: +4000. B would drop job 1 off at 26500 (+26500).
  const auto p = two_neighbours(20000);
  const Routes routes = plan_with("batch_insertion", p, LineTravel{});
  EXPECT_EQ(routes, (Routes{{P(0), P(1), D(0), D(1)}, {}}));
  EXPECT_EQ(line_end_ms(p, p.vehicles[0], routes[0]), 14500);
}

TEST(BatchInsertionDispatch, DoesNotBundleWhenBundlingBreaksAPromise) {
  // Same, but job 0 is due at 10500: waiting for job 1 makes it 3000 ms late (+4000 + 10 * 3000),
  // so B takes job 1 although it drops it off later, at 26500.
  const auto p = two_neighbours(10500);
  const Routes routes = plan_with("batch_insertion", p, LineTravel{});
  EXPECT_EQ(routes, (Routes{{P(0), D(0)}, {P(1), D(1)}}));
  EXPECT_EQ(line_end_ms(p, p.vehicles[1], routes[1]), 26500);
}

TEST(BatchInsertionDispatch, JobThatFitsNoVehicleStaysOpen) {
  const auto p = problem({job(0, 3, 0, 1'000'000, 3), job(0, 2)}, {0, 1}, {vehicle(0, 0, 2)});
  EXPECT_EQ(plan_with("batch_insertion", p, LineTravel{}), (Routes{{P(1), D(1)}}));
}

TEST(BatchInsertionDispatch, KeepsCommittedStopsInOrder) {
  // The vehicle carries job 0 to node 10 and is committed to job 1 (node 2 to node 4). Job 2
  // (node 3 to node 5) fits on the way, so the route still ends at node 10 at 10000.
  const auto p =
      problem({job(0, 10), job(2, 4), job(3, 5)}, {2}, {vehicle(0, 0, 3, 1, {P(1), D(1), D(0)})});
  const Routes routes = plan_with("batch_insertion", p, LineTravel{});
  EXPECT_EQ(violations(p, routes), "");
  EXPECT_EQ(line_end_ms(p, p.vehicles[0], routes[0]), 10000);
}

// ---- assignment -------------------------------------------------------------------------------

// The assignment's cost of job j alone on an idle vehicle v: drop-off time from now plus ten times
// its lateness, computed on the line.
std::int64_t solo_cost(const DispatchProblem& p, std::size_t v, std::uint32_t j) {
  const std::int64_t done = line_end_ms(p, p.vehicles[v], {P(j), D(j)});
  return done - p.now + 10 * std::max<std::int64_t>(0, done - p.jobs[j].deadline_ms);
}

// The total of solo_cost over the jobs a plan gives out, one job per vehicle.
std::int64_t assignment_cost(const DispatchProblem& p, const Routes& routes) {
  std::int64_t total = 0;
  for (std::size_t v = 0; v < routes.size(); ++v) {
    if (routes[v].empty()) continue;
    EXPECT_EQ(routes[v].size(), 2u);
    total += solo_cost(p, v, routes[v][0].job);
  }
  return total;
}

std::int64_t brute_force_cost(const DispatchProblem& p) {
  std::vector<std::uint32_t> perm = {0, 1, 2};
  std::int64_t best = INT64_MAX;
  do {
    std::int64_t total = 0;
    for (std::size_t v = 0; v < 3; ++v) total += solo_cost(p, v, perm[v]);
    best = std::min(best, total);
  } while (std::next_permutation(perm.begin(), perm.end()));
  return best;
}

TEST(AssignmentDispatch, ThreeByThreeIsTheBruteForceOptimum) {
  // Nearest-first in job order would give job 0 to vehicle 0 (done at 2000) and job 1 to vehicle 1
  // (done at 7000): 9000 for the two. Swapped: 4000 + 3000 = 7000.
  const auto p = problem({job(3, 4), job(0, 1), job(29, 30)}, {0, 1, 2},
                         {vehicle(2), vehicle(6), vehicle(30)});
  const Routes routes = plan_with("assignment", p, LineTravel{});
  EXPECT_EQ(routes, (Routes{{P(1), D(1)}, {P(0), D(0)}, {P(2), D(2)}}));
  EXPECT_EQ(assignment_cost(p, routes), brute_force_cost(p));
}

TEST(AssignmentDispatch, RandomThreeByThreeCasesMatchTheBruteForceOptimum) {
  for (unsigned seed = 1; seed <= 200; ++seed) {
    std::mt19937 rng(seed);
    auto node = [&] { return static_cast<NodeId>(rng() % 40); };
    std::vector<DispatchJob> jobs;
    std::vector<DispatchVehicle> vehicles;
    const std::int64_t now = rng() % 5000;
    for (int i = 0; i < 3; ++i) {
      const std::int64_t ready = now + rng() % 20000;
      jobs.push_back(
          job(node(), node(), ready, ready + rng() % 60000, 1, rng() % 600, rng() % 600));
      vehicles.push_back(vehicle(node(), now + rng() % 10000));
    }
    const auto p = problem(jobs, {0, 1, 2}, vehicles, now);
    const Routes routes = plan_with("assignment", p, LineTravel{});
    ASSERT_EQ(violations(p, routes), "") << "seed " << seed;
    std::size_t placed = 0;
    for (const auto& r : routes) placed += r.empty() ? 0 : 1;
    EXPECT_EQ(placed, 3u) << "seed " << seed;
    EXPECT_EQ(assignment_cost(p, routes), brute_force_cost(p)) << "seed " << seed;
  }
}

TEST(AssignmentDispatch, PlacesAsManyJobsAsItCan) {
  // Vehicle 0 (capacity 2) is nearest to every job; only it can carry job 2 (size 2). Giving each
  // job in turn its cheapest vehicle would fill vehicle 0 with jobs 0 and 1 and leave job 2 out.
  // All three fit: job 2 and one of jobs 0 and 1 on vehicle 0, the other on vehicle 1 (at node
  // 20), where job 1 costs 18000 against job 0's 20000 (job 0 costs 2000 less on vehicle 0).
  const auto p = problem({job(1, 2), job(3, 4), job(5, 6, 0, 1'000'000, 2)}, {0, 1, 2},
                         {vehicle(0, 0, 2), vehicle(20, 0, 1)});
  EXPECT_EQ(plan_with("assignment", p, LineTravel{}),
            (Routes{{P(0), D(0), P(2), D(2)}, {P(1), D(1)}}));
}

TEST(AssignmentDispatch, ExtraJobsStayOpenAndTheCheapestIsPlaced) {
  const auto p = problem({job(7, 8), job(2, 3), job(5, 9)}, {0, 1, 2}, {vehicle(1)});
  EXPECT_EQ(plan_with("assignment", p, LineTravel{}), (Routes{{P(1), D(1)}}));
}

TEST(AssignmentDispatch, SequencesAVehiclesJobsByInsertion) {
  // Capacity 2 at the shop: both orders go together; the best sequence picks both (500 ms each),
  // drops at node 10 at 11000 and node 11 at 12000.
  const auto p = problem({job(0, 10, 0, 1'000'000, 1, 500), job(0, 11, 0, 1'000'000, 1, 500)},
                         {0, 1}, {vehicle(0, 0, 2)});
  const Routes routes = plan_with("assignment", p, LineTravel{});
  EXPECT_EQ(violations(p, routes), "");
  ASSERT_EQ(routes[0].size(), 4u);
  EXPECT_EQ(line_end_ms(p, p.vehicles[0], routes[0]), 12000);
}

// ---- every policy on random problems ----------------------------------------------------------

// A random problem whose vehicles' committed routes keep the rules: some jobs on board, some
// committed, the rest open (a few too big for any vehicle).
DispatchProblem random_problem(unsigned seed) {
  std::mt19937 rng(seed);
  auto below = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const std::int64_t now = below(10000);
  const int n_vehicles = below(5);
  const int n_jobs = 1 + below(12);
  std::vector<DispatchVehicle> vehicles;
  for (int v = 0; v < n_vehicles; ++v) {
    vehicles.push_back(vehicle(below(31), now + below(5000), 1 + below(3)));
  }
  std::vector<DispatchJob> jobs;
  std::vector<std::uint32_t> open;
  std::vector<std::vector<std::uint32_t>> on_board(vehicles.size()), committed(vehicles.size());
  for (int j = 0; j < n_jobs; ++j) {
    const std::int64_t ready = now - 1000 + below(11000);
    const int size = below(8) == 0 ? 1 + below(4) : 1;
    jobs.push_back(job(below(31), below(31), ready, ready + 5000 + below(35000), size, below(500),
                       below(500)));
    const int fate = below(3);
    const auto j32 = static_cast<std::uint32_t>(j);
    if (fate == 0 || vehicles.empty()) {
      open.push_back(j32);
      continue;
    }
    const auto v = static_cast<std::size_t>(below(n_vehicles));
    if (size > vehicles[v].capacity) {
      open.push_back(j32);
    } else if (fate == 1 && vehicles[v].load + size <= vehicles[v].capacity) {
      vehicles[v].load += size;
      on_board[v].push_back(j32);
    } else {
      committed[v].push_back(j32);
    }
  }
  for (std::size_t v = 0; v < vehicles.size(); ++v) {
    // Walk the stops at random: drop anything aboard, or pick up a committed job that fits.
    std::vector<std::uint32_t> aboard = on_board[v];
    std::vector<std::uint32_t> waiting = committed[v];
    int load = vehicles[v].load;
    while (!aboard.empty() || !waiting.empty()) {
      const bool can_pick =
          !waiting.empty() && load + jobs[waiting.front()].size <= vehicles[v].capacity;
      if (can_pick && (aboard.empty() || below(2) == 0)) {
        const std::uint32_t j = waiting.front();
        waiting.erase(waiting.begin());
        vehicles[v].route.push_back(P(j));
        aboard.push_back(j);
        load += jobs[j].size;
      } else {
        const auto k = static_cast<std::size_t>(below(static_cast<int>(aboard.size())));
        vehicles[v].route.push_back(D(aboard[k]));
        load -= jobs[aboard[k]].size;
        aboard.erase(aboard.begin() + static_cast<std::ptrdiff_t>(k));
      }
    }
  }
  return problem(jobs, open, vehicles, now);
}

class EveryPolicy : public testing::TestWithParam<const char*> {};

TEST_P(EveryPolicy, KeepsTheRulesOnRandomDispatchProblems) {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    const DispatchProblem p = random_problem(seed);
    Routes committed;
    for (const auto& v : p.vehicles) committed.push_back(v.route);
    ASSERT_EQ(violations(p, committed), "") << "generator, seed " << seed;

    const Routes routes = plan_with(GetParam(), p, LineTravel{});
    ASSERT_EQ(violations(p, routes), "") << "seed " << seed;
    EXPECT_EQ(plan_with(GetParam(), p, LineTravel{}), routes) << "seed " << seed;
    EXPECT_EQ(plan_with(GetParam(), p, BoundedLineTravel{}), routes) << "seed " << seed;

    if (std::string(GetParam()) == "nearest_idle") {
      for (std::size_t v = 0; v < p.vehicles.size(); ++v) {
        if (!p.vehicles[v].route.empty()) {
          EXPECT_EQ(routes[v], p.vehicles[v].route);
        } else {
          EXPECT_LE(routes[v].size(), 2u);
        }
      }
    }
    if (std::string(GetParam()) == "batch_insertion") {
      // Any job can always go at the end of a route whose vehicle can carry it.
      int max_capacity = 0;
      for (const auto& v : p.vehicles) max_capacity = std::max(max_capacity, v.capacity);
      std::set<std::uint32_t> placed;
      for (const auto& r : routes) {
        for (const Stop& s : r) placed.insert(s.job);
      }
      for (const std::uint32_t j : p.open) {
        EXPECT_EQ(placed.count(j) == 1, p.jobs[j].size <= max_capacity)
            << "seed " << seed << " job " << j;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Dispatch, EveryPolicy,
                         testing::Values("nearest_idle", "batch_insertion", "assignment"));

// The policies that re-time routes while comparing insertions ask the oracle each question once.
class MemoisingPolicy : public testing::TestWithParam<const char*> {};

TEST_P(MemoisingPolicy, NeverAsksTheSameTravelQuestionTwiceInOnePlan) {
  for (unsigned seed = 1; seed <= 50; ++seed) {
    const DispatchProblem p = random_problem(seed);
    RecordingTravel travel;
    plan_with(GetParam(), p, travel);
    auto calls = travel.calls;
    std::sort(calls.begin(), calls.end());
    EXPECT_EQ(std::adjacent_find(calls.begin(), calls.end()), calls.end()) << "seed " << seed;
  }
}

INSTANTIATE_TEST_SUITE_P(Dispatch, MemoisingPolicy,
                         testing::Values("batch_insertion", "assignment"));

}  // namespace
