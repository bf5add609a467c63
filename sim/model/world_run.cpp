// The flow of a run: the stores' logical processes on the parallel engine from the saved pending
// events, the city-wide decisions at its barriers, and the engine's state saved back when it
// rests.
#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "sim/engine/parallel_simulator.h"
#include "sim/model/city_dispatch.h"
#include "sim/model/store_lp.h"
#include "sim/model/world.h"

namespace model {

sim::Time World::barrier_period() const {
  const WorldConfig& c = setup_->config;
  const bool forwarding = !state_.tried.empty();
  const bool global = (c.dispatch.cross_store || c.dispatch.reposition) && c.dispatch.epoch > 0;
  if (!global && !forwarding) return 0;
  return c.dispatch.epoch > 0 ? c.dispatch.epoch : 30 * sim::kSecond;
}

// No message ever crosses between stores, so the window only paces progress reports.
sim::Time World::lookahead() const {
  const WorldConfig& c = setup_->config;
  return window_ > 0 ? window_ : (c.sample_period > 0 ? c.sample_period : sim::kMinute);
}

std::unique_ptr<World> World::fork(int threads) const {
  auto copy = std::make_unique<World>(setup_, state_, threads < 0 ? threads_ : threads);
  copy->window_ = window_;
  copy->stop_ = stop_;
  for (std::size_t i = 0; i < processes_.size(); ++i)
    copy->processes_[i]->routes() = processes_[i]->routes();
  return copy;
}

void World::change(
    const std::function<void(const WorldSetup&, WorldState&, sim::ParallelSimulator&)>& change) {
  sim::ParallelSimulator engine(lookahead(), 1);
  for (auto& p : processes_) engine.add_process(*p);
  engine.restore(state_.engine);
  change(*setup_, state_, engine);
  const std::uint64_t events = state_.engine.events;
  state_.engine = engine.save(state_.engine.now);
  state_.engine.events = events;
}

void World::set_policy(const std::string& name) {
  if (!routing::make_dispatch_policy(name))
    throw std::invalid_argument("no dispatch policy named '" + name + "'");
  state_.policy = name;
  for (auto& s : state_.stores) s.policy_state.clear();
  make_processes();
}

void World::run_until(sim::Time until, const ProgressFn& progress) {
  const auto wall_start = std::chrono::steady_clock::now();
  const WorldConfig& c = setup_->config;
  const sim::Time period = barrier_period();
  if (period > 0 && until % period != 0 && until < sim::kNever - period)
    until = (until / period + 1) * period;
  if (until <= now()) return;
  sim::ParallelSimulator engine(lookahead(), threads_);
  for (auto& p : processes_) engine.add_process(*p);
  engine.restore(state_.engine);
  for (std::size_t i = 0; i < processes_.size(); ++i)
    processes_[i]->policy().restore_state(state_.stores[i].policy_state);
  const bool forwarding = !state_.tried.empty();
  const bool global = (c.dispatch.cross_store || c.dispatch.reposition) && c.dispatch.epoch > 0;
  if (period > 0) {
    engine.set_barrier(period, [&, forwarding, global](sim::Time t) {
      const auto t0 = std::chrono::steady_clock::now();
      if (forwarding) forward_orders(*setup_, state_, t, engine);
      if (global) {
        if (c.dispatch.cross_store) cross_store_dispatch(*setup_, state_, t, engine, threads_);
        if (c.dispatch.reposition && t % kRepositionPeriod == 0)
          reposition(*setup_, state_, t, engine, threads_);
      }
      global_dispatch_seconds_ +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    });
  }
  // Orders are in placement order; those no store took were resolved when placed.
  std::vector<sim::Time> turned_away;
  sim::Simulator::ProgressFn tick;
  if (progress) {
    for (const auto& o : state_.orders)
      if (o.store < 0) turned_away.push_back(o.placed);
    tick = [&](sim::Time t, std::uint64_t) {
      const auto& orders = state_.orders;
      const auto placed =
          std::upper_bound(orders.begin(), orders.end(), t,
                           [](sim::Time x, const OrderRecord& o) { return x < o.placed; }) -
          orders.begin();
      auto resolved =
          std::upper_bound(turned_away.begin(), turned_away.end(), t) - turned_away.begin();
      for (const auto& s : state_.stores) resolved += s.orders.resolved;
      progress(t, static_cast<std::uint32_t>(placed), static_cast<std::uint32_t>(resolved));
    };
  }
  engine.run(until, tick);
  const std::uint64_t before = state_.engine.events;
  state_.engine = engine.save(until);
  state_.engine.events += before;
  for (std::size_t i = 0; i < processes_.size(); ++i)
    state_.stores[i].policy_state = processes_[i]->policy().save_state();
  wall_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
}

RunResult World::run(const ProgressFn& progress) {
  const sim::Time limit = std::min(end(), stop_);
  run_until(limit, progress);
  sim::Time end_time = setup_->config.duration;
  for (const auto& s : state_.stores)
    end_time = std::max(end_time, s.orders.finished_at >= 0 ? s.orders.finished_at : limit);
  RunResult result = collect(end_time);
  result.global_dispatch_seconds = global_dispatch_seconds_;
  result.riders_lent = state_.riders_lent;
  result.riders_repositioned = state_.riders_repositioned;
  result.routing_seconds = setup_->routing_seconds;
  result.wall_seconds = wall_seconds_;
  return result;
}

}  // namespace model
