// Dispatch for the Meal Delivery Routing Problem (Reyes et al. 2018): couriers on a plane pick
// up bundles of one restaurant's orders and drop them off in sequence, under the problem's timing
// rules. Plain types in, assignments out, so policies are tested without the simulation. Times
// are milliseconds since the start of the day.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace routing {

struct PlanePoint {
  double x = 0, y = 0;  // metres
};

// Euclidean travel at a constant speed, rounded up to whole minutes, and the service times.
struct MdrpRules {
  double metres_per_minute = 320;
  std::int64_t pickup_service_ms = 4 * 60'000;   // half before the pickup, half after
  std::int64_t dropoff_service_ms = 4 * 60'000;  // half before the drop-off, half after

  std::int64_t travel_ms(PlanePoint a, PlanePoint b) const {
    const double minutes = std::ceil(std::hypot(b.x - a.x, b.y - a.y) / metres_per_minute);
    return static_cast<std::int64_t>(minutes) * 60'000;
  }
};

// When each step of an assignment happens: a courier leaves `from` at `start`, rides to the
// restaurant, picks the bundle up at max(ready, arrival + half the pickup service), leaves half a
// service later, then rides to each drop-off in turn, drops at arrival + half the drop-off service
// and leaves half a service later.
struct MdrpTiming {
  std::int64_t arrive_restaurant = 0;
  std::int64_t pickup = 0;
  std::int64_t leave_restaurant = 0;
  std::vector<std::int64_t> arrive;  // per drop-off
  std::vector<std::int64_t> drop;
  std::int64_t free = 0;  // leaving the last drop-off
};
MdrpTiming time_assignment(const MdrpRules& rules, PlanePoint from, std::int64_t start,
                           PlanePoint restaurant, std::int64_t ready,
                           const std::vector<PlanePoint>& drops);

struct MdrpOpenOrder {
  std::uint32_t restaurant = 0;
  PlanePoint pickup, dropoff;
  std::int64_t placement = 0, ready = 0;
};

struct MdrpIdleCourier {
  PlanePoint at;
  std::int64_t off = 0;  // no pickup after this
};

// One instruction: courier `courier` picks up `orders` (indices into MdrpProblem::open, all of one
// restaurant) and drops them off in that order.
struct MdrpAssignment {
  std::size_t courier = 0;  // index into MdrpProblem::idle
  std::vector<std::size_t> orders;
};

struct MdrpProblem {
  std::int64_t now = 0;
  MdrpRules rules;
  std::vector<MdrpOpenOrder> open;    // placed and not assigned, oldest first
  std::vector<MdrpIdleCourier> idle;  // on duty, waiting for an instruction
};

class MdrpPolicy {
 public:
  virtual ~MdrpPolicy() = default;
  // 0: the policy is asked at every change (an order placed, a courier free); otherwise only
  // every epoch_ms from the start of the day.
  virtual std::int64_t epoch_ms() const { return 0; }
  // Assignments to start now. Each courier and order appears at most once, and every pickup is
  // at or before its courier's off time. Deterministic: equal problems give equal answers.
  virtual std::vector<MdrpAssignment> assign(const MdrpProblem& problem) = 0;
};

// Each open order in turn, oldest first, goes alone to the idle courier that reaches its
// restaurant first (ties: the earlier courier), if that courier can pick it up before going off.
class MdrpNearestIdle : public MdrpPolicy {
 public:
  std::vector<MdrpAssignment> assign(const MdrpProblem& problem) override;
};

// A rolling horizon with bundling, after Reyes et al.: every epoch, the open orders ready within
// the horizon are bundled per restaurant (orders ready within `ready_gap` of the bundle's first,
// up to a size that grows as couriers get scarce: ceil(orders / idle couriers), at most
// `max_bundle`), each bundle's drop-offs sequenced by cheapest insertion; then bundles are
// matched to idle couriers by a min-cost flow that assigns as many orders as it can and, among
// those assignments, the least sum of estimated click-to-door times. A bundle that some idle
// courier would pick up just as early if sent one epoch later waits for that epoch: it may grow
// meanwhile, and no courier is held back for it.
struct MdrpRollingHorizonParams {
  std::int64_t epoch_ms = 2 * 60'000;
  std::int64_t horizon_ms = 10 * 60'000;
  std::int64_t ready_gap_ms = 5 * 60'000;
  int max_bundle = 4;
};
class MdrpRollingHorizon : public MdrpPolicy {
 public:
  // A max_bundle below 1 counts as 1, an epoch below 1 ms as 1 ms.
  explicit MdrpRollingHorizon(MdrpRollingHorizonParams params = {});
  std::int64_t epoch_ms() const override { return params_.epoch_ms; }
  std::vector<MdrpAssignment> assign(const MdrpProblem& problem) override;

 private:
  MdrpRollingHorizonParams params_;
};

// "nearest_idle" or "rolling_horizon" (with `rolling`); nullptr for any other name.
std::unique_ptr<MdrpPolicy> make_mdrp_policy(const std::string& name,
                                             const MdrpRollingHorizonParams& rolling = {});
// The policy's parameters as text ("" for nearest_idle), for the record of a run.
std::string mdrp_policy_parameters(const std::string& name,
                                   const MdrpRollingHorizonParams& rolling = {});
std::vector<std::string> mdrp_policy_names();

}  // namespace routing
