#include "sim/model/mdrp_simulation.h"

#include <algorithm>
#include <stdexcept>

#include "sim/engine/simulator.h"

namespace model {
namespace {

enum Kind : std::uint16_t { kPlaced, kOnDuty, kFree, kEpoch, kDispatch };

class MdrpDay : public sim::LogicalProcess {
 public:
  MdrpDay(const MdrpInstance& instance, routing::MdrpPolicy& policy)
      : in_(instance),
        policy_(policy),
        idle_(instance.couriers.size(), false),
        at_(instance.couriers.size()) {
    run_.deliveries.resize(instance.orders.size());
    run_.couriers.resize(instance.couriers.size());
    for (std::size_t c = 0; c < instance.couriers.size(); ++c) {
      at_[c] = {MdrpPlace::Kind::start, c};
      last_off_ = std::max(last_off_, instance.couriers[c].off_ms);
    }
    for (const MdrpOrder& o : instance.orders)
      last_placement_ = std::max(last_placement_, o.placement_ms);
  }

  void handle(const sim::Event& e, sim::Context& ctx) override {
    switch (e.payload.kind) {
      case kPlaced:
        open_.push_back(e.payload.a);
        ++placed_;
        request_dispatch(ctx);
        break;
      case kOnDuty:
      case kFree:
        idle_[e.payload.a] = true;
        request_dispatch(ctx);
        break;
      case kEpoch:
        dispatch(ctx);
        if (ctx.now() + policy_.epoch_ms() <= std::max(last_off_, last_placement_) &&
            (placed_ < in_.orders.size() || !open_.empty()))
          ctx.schedule(ctx.now() + policy_.epoch_ms(), {kEpoch, 0, 0}, 2);
        break;
      case kDispatch:
        dispatch(ctx);
        break;
    }
  }

  MdrpRun take() { return std::move(run_); }

 private:
  void request_dispatch(sim::Context& ctx) {
    if (policy_.epoch_ms() > 0 || dispatch_pending_) return;
    dispatch_pending_ = true;
    ctx.schedule(ctx.now(), {kDispatch, 0, 0}, 1);
  }

  routing::PlanePoint point(MdrpPlace p) const {
    switch (p.kind) {
      case MdrpPlace::Kind::start:
        return in_.couriers[p.index].at;
      case MdrpPlace::Kind::restaurant:
        return in_.restaurants[p.index].at;
      case MdrpPlace::Kind::order:
        break;
    }
    return in_.orders[p.index].at;
  }

  void dispatch(sim::Context& ctx) {
    dispatch_pending_ = false;
    const std::int64_t now = ctx.now();
    routing::MdrpProblem problem;
    problem.now = now;
    problem.rules = in_.rules;
    std::vector<std::size_t> couriers;
    for (std::size_t c = 0; c < idle_.size(); ++c) {
      if (!idle_[c]) continue;
      if (in_.couriers[c].off_ms < now) {
        idle_[c] = false;  // off duty for good
        continue;
      }
      couriers.push_back(c);
      problem.idle.push_back({point(at_[c]), in_.couriers[c].off_ms});
    }
    if (couriers.empty() || open_.empty()) return;
    for (const std::size_t o : open_) {
      const MdrpOrder& order = in_.orders[o];
      problem.open.push_back({static_cast<std::uint32_t>(order.restaurant),
                              in_.restaurants[order.restaurant].at, order.at, order.placement_ms,
                              order.ready_ms});
    }

    std::vector<bool> order_used(open_.size(), false), courier_used(couriers.size(), false);
    for (const routing::MdrpAssignment& a : policy_.assign(problem)) {
      if (a.courier >= couriers.size() || courier_used[a.courier] || a.orders.empty())
        throw std::logic_error("MDRP policy: an assignment names no courier, or one twice");
      courier_used[a.courier] = true;
      std::vector<std::size_t> orders;
      for (const std::size_t k : a.orders) {
        if (k >= open_.size() || order_used[k])
          throw std::logic_error("MDRP policy: an assignment names an order twice");
        order_used[k] = true;
        orders.push_back(open_[k]);
      }
      execute(ctx, couriers[a.courier], orders);
    }
    std::vector<std::size_t> still_open;
    for (std::size_t k = 0; k < open_.size(); ++k)
      if (!order_used[k]) still_open.push_back(open_[k]);
    open_ = std::move(still_open);
  }

  void busy(std::size_t c, std::int64_t from, std::int64_t to) {
    run_.couriers[c].busy_ms += to - from;
  }

  void execute(sim::Context& ctx, std::size_t c, const std::vector<std::size_t>& orders) {
    const std::int64_t now = ctx.now();
    const std::size_t r = in_.orders[orders.front()].restaurant;
    std::int64_t ready = 0;
    std::vector<routing::PlanePoint> drops;
    for (const std::size_t o : orders) {
      if (in_.orders[o].restaurant != r)
        throw std::logic_error("MDRP policy: a bundle of orders from two restaurants");
      ready = std::max(ready, in_.orders[o].ready_ms);
      drops.push_back(in_.orders[o].at);
    }
    const routing::MdrpTiming t = routing::time_assignment(in_.rules, point(at_[c]), now,
                                                           in_.restaurants[r].at, ready, drops);
    if (t.pickup > in_.couriers[c].off_ms)
      throw std::logic_error("MDRP policy: courier " + in_.couriers[c].id +
                             " would pick up after its off time");

    run_.instructions.push_back({now, t.pickup, c, orders});
    const std::int64_t half_pickup = in_.rules.pickup_service_ms / 2;
    MdrpPlace here{MdrpPlace::Kind::restaurant, r};
    run_.moves.push_back({c, now, at_[c], here});
    busy(c, now, t.arrive_restaurant + half_pickup);
    busy(c, t.pickup, t.leave_restaurant);
    std::int64_t depart = t.leave_restaurant;
    for (std::size_t k = 0; k < orders.size(); ++k) {
      const MdrpPlace next{MdrpPlace::Kind::order, orders[k]};
      run_.moves.push_back({c, depart, here, next});
      depart = t.arrive[k] + in_.rules.dropoff_service_ms;
      busy(c, run_.moves.back().depart_ms, depart);
      MdrpDelivery& d = run_.deliveries[orders[k]];
      d = {true, t.pickup, t.drop[k], c};
      here = next;
    }
    run_.couriers[c].orders += static_cast<int>(orders.size());
    at_[c] = here;
    idle_[c] = false;
    ctx.schedule(t.free, {kFree, static_cast<std::uint32_t>(c), 0});
  }

  const MdrpInstance& in_;
  routing::MdrpPolicy& policy_;
  // Placed, not assigned, oldest first: placements arrive in (time, index) order, as scheduled,
  // and assigning keeps the rest in order.
  std::vector<std::size_t> open_;
  std::vector<bool> idle_;
  std::vector<MdrpPlace> at_;
  std::size_t placed_ = 0;
  std::int64_t last_off_ = 0, last_placement_ = 0;
  bool dispatch_pending_ = false;
  MdrpRun run_;
};

}  // namespace

MdrpRun simulate_mdrp(const MdrpInstance& instance, routing::MdrpPolicy& policy) {
  MdrpDay day(instance, policy);
  sim::Simulator simulator;
  const sim::LpId lp = simulator.add_process(day);
  std::int64_t first = sim::kNever;
  for (std::size_t o = 0; o < instance.orders.size(); ++o) {
    const std::int64_t at = instance.orders[o].placement_ms;
    simulator.schedule(lp, at, {kPlaced, static_cast<std::uint32_t>(o), 0});
    first = std::min(first, at);
  }
  for (std::size_t c = 0; c < instance.couriers.size(); ++c) {
    const std::int64_t at = instance.couriers[c].on_ms;
    simulator.schedule(lp, at, {kOnDuty, static_cast<std::uint32_t>(c), 0});
    first = std::min(first, at);
  }
  if (policy.epoch_ms() > 0 && first != sim::kNever) {
    const std::int64_t epoch = policy.epoch_ms();
    simulator.schedule(lp, (first + epoch - 1) / epoch * epoch, {kEpoch, 0, 0}, 2);
  }
  const sim::RunStats stats = simulator.run(sim::kNever);
  MdrpRun run = day.take();
  run.events = stats.events;
  std::stable_sort(run.moves.begin(), run.moves.end(),
                   [](const MdrpMove& a, const MdrpMove& b) { return a.courier < b.courier; });
  return run;
}

}  // namespace model
