#include "sim/model/whatif.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/engine/parallel_for.h"
#include "sim/engine/parallel_simulator.h"
#include "sim/model/city_dispatch.h"
#include "sim/model/model_events.h"
#include "sim/model/store_context.h"

namespace model {

namespace {

void check_store(const WorldSetup& w, std::uint32_t store) {
  if (store >= w.stores.size())
    throw std::invalid_argument("no store " + std::to_string(store) + " (the scenario has " +
                                std::to_string(w.stores.size()) + ")");
}

std::string add_riders(const WorldSetup& w, WorldState& st, const WhatIfAction& a,
                       sim::ParallelSimulator& engine) {
  const WorldConfig& c = w.config;
  if (c.riders.empty()) throw std::invalid_argument("add riders: the scenario has no rider group");
  // The new riders ride as the store's first group does (the scenario's first without one).
  std::size_t g = 0;
  for (std::size_t k = 0; k < c.riders.size(); ++k)
    if (c.riders[k].store == a.store) {
      g = k;
      break;
    }
  const RiderGroupConfig& group = c.riders[g];
  const sim::Time now = st.engine.now;
  const sim::Time end = c.duration + c.drain;
  StoreState& store = st.stores[a.store];
  const sim::Time shift_end = store.fleet.last_shift_end > now ? store.fleet.last_shift_end : end;
  const bool sensors = c.cold_chain.enabled && c.cold_chain.sensors.enabled;
  for (int k = 0; k < a.count; ++k) {
    Rider r;
    r.id = static_cast<std::uint32_t>(st.riders.size());
    r.store = a.store;
    r.vehicle = group.vehicle;
    r.travel = w.group_travel[g];
    r.capacity = group.capacity;
    r.at = w.stores[a.store].node;
    r.shift_start = now;
    r.shift_end = shift_end;
    r.since = now;
    ++store.fleet.in_state[static_cast<int>(RiderState::off_shift)];
    set_rider_state(store.fleet, r, RiderState::idle, now);
    store.fleet.riders.push_back(r.id);
    store.fleet.idle.push_back(r.id);
    if (sensors)
      for (std::uint32_t cls : w.cold_classes) {
        const auto sensor =
            static_cast<std::uint32_t>(w.sensor_info.size() + st.sensors_added.size());
        st.sensors_added.push_back(
            {"rider/" + std::to_string(r.id) + "/" + c.cold_chain.classes[cls].name, cls});
        const TempClass& t = c.cold_chain.classes[cls];
        st.rider_logs.emplace_back(sensor, t.min_c, t.max_c, c.cold_chain.sensors.alert_after,
                                   c.cold_chain.sensors.log_period);
      }
    if (shift_end < end)
      engine.schedule(a.store, shift_end, {kShiftEnd, r.id, 0}, kPriorityShiftEnd);
    st.riders.push_back(std::move(r));
  }
  store.fleet.last_shift_end = std::max(store.fleet.last_shift_end, shift_end);
  if (const sim::Time at = claim_dispatch(c, store, now); at >= 0)
    engine.schedule(a.store, at, {kDispatch, 0, 0}, kPriorityDispatch);
  return "added " + std::to_string(a.count) + " riders at " + w.stores[a.store].cfg.id;
}

std::string remove_riders(const WorldSetup& w, WorldState& st, const WhatIfAction& a) {
  const sim::Time now = st.engine.now;
  FleetState& fleet = st.stores[a.store].fleet;
  int removed = 0;
  // The most recently idle first: they would be dispatched last.
  while (removed < a.count && !fleet.idle.empty()) {
    Rider& r = st.riders[fleet.idle.back()];
    fleet.idle.pop_back();
    set_rider_state(fleet, r, RiderState::off_shift, now);
    r.shift_end = now;
    ++removed;
  }
  // Busy riders finish what they carry and go off when back.
  for (std::uint32_t id : fleet.riders) {
    if (removed >= a.count) break;
    Rider& r = st.riders[id];
    if (r.store != a.store || r.state == RiderState::off_shift || r.shift_end <= now) continue;
    r.shift_end = now;
    ++removed;
  }
  return "removed " + std::to_string(removed) + " of " + std::to_string(a.count) + " riders at " +
         w.stores[a.store].cfg.id;
}

std::string move_riders(const WorldSetup& w, WorldState& st, const WhatIfAction& a,
                        sim::ParallelSimulator& engine) {
  check_store(w, a.to);
  if (a.to == a.store) throw std::invalid_argument("move riders: from and to are the same store");
  const sim::Time now = st.engine.now;
  const routing::NodeId from_node = w.stores[a.store].node, to_node = w.stores[a.to].node;
  std::vector<std::uint32_t> idle;
  for (std::uint32_t id : st.stores[a.store].fleet.idle)
    if (lendable(st.riders[id], now)) idle.push_back(id);
  int moved = 0;
  for (std::uint32_t id : idle) {
    if (moved >= a.count) break;
    const routing::TravelTimes& travel = *w.travel[st.riders[id].travel];
    const auto trip = travel.trip_from(w.config.start_tod + now, [&](std::uint32_t level) {
      return travel.leg(from_node, to_node, level).ms;
    });
    if (trip.duration_ms < 0) continue;
    const double length = travel.leg(from_node, to_node, trip.level).length_m;
    transfer_rider(w, st, id, a.store, a.to, now, now + trip.duration_ms, length, engine);
    FleetState& to = st.stores[a.to].fleet;
    to.last_shift_end = std::max(to.last_shift_end, st.riders[id].shift_end);
    ++moved;
  }
  return "moved " + std::to_string(moved) + " of " + std::to_string(a.count) + " riders from " +
         w.stores[a.store].cfg.id + " (" + std::to_string(idle.size()) + " idle) to " +
         w.stores[a.to].cfg.id;
}

}  // namespace

std::string apply(World& world, const WhatIfAction& a) {
  if (a.kind == WhatIfAction::Kind::set_policy) {
    world.set_policy(a.policy);
    return "dispatch policy " + a.policy;
  }
  check_store(world.setup(), a.store);
  if (a.count < 0) throw std::invalid_argument("a what-if count must not be negative");
  std::string done;
  world.change([&](const WorldSetup& w, WorldState& st, sim::ParallelSimulator& engine) {
    const sim::Time now = st.engine.now;
    StoreState& store = st.stores[a.store];
    const std::string& id = w.stores[a.store].cfg.id;
    switch (a.kind) {
      case WhatIfAction::Kind::add_riders:
        done = add_riders(w, st, a, engine);
        break;
      case WhatIfAction::Kind::remove_riders:
        done = remove_riders(w, st, a);
        break;
      case WhatIfAction::Kind::move_riders:
        done = move_riders(w, st, a, engine);
        break;
      case WhatIfAction::Kind::set_pickers:
        store.picking.pickers = a.count;
        engine.schedule(a.store, now, {kPickers, 0, 0}, kPriorityPicking);
        done = id + " has " + std::to_string(a.count) + " pickers";
        break;
      case WhatIfAction::Kind::close_store:
        store.closed.emplace_back(now, sim::kNever);
        done = id + " takes no new orders";
        break;
      case WhatIfAction::Kind::open_store: {
        auto& closed = store.closed;
        for (auto& [from, to] : closed)
          if (to > now) to = std::max(from, now);
        std::erase_if(closed, [](const auto& w) { return w.second <= w.first; });
        done = id + " takes orders";
        break;
      }
      case WhatIfAction::Kind::set_policy:
        break;
    }
  });
  return done;
}

void drop_future_demand(World& world) {
  WorldState& st = world.state();
  const sim::Time now = st.engine.now;
  // Orders are in placement order: those not yet placed are a suffix, and so are their arrivals.
  const auto first = static_cast<std::uint32_t>(
      std::lower_bound(st.orders.begin(), st.orders.end(), now,
                       [](const OrderRecord& o, sim::Time t) { return o.placed < t; }) -
      st.orders.begin());
  std::erase_if(st.engine.pending, [&](const sim::Event& e) {
    return e.payload.kind == kArrival && e.payload.b == 0 && e.payload.a >= first;
  });
  st.orders.resize(first);
  st.baskets.resize(first);
  st.litres.resize(first);
  if (!st.tried.empty()) st.tried.resize(first);
  for (StoreState& store : st.stores)
    std::erase_if(store.orders.arrivals, [&](std::uint32_t id) { return id >= first; });
}

void redraw_future(World& world, std::uint64_t seed) {
  drop_future_demand(world);
  WorldState& st = world.state();
  const WorldSetup& w = world.setup();
  const sim::Time now = st.engine.now;
  const auto first = static_cast<std::uint32_t>(st.orders.size());
  for (std::size_t i = 0; i < st.stores.size(); ++i) {
    StoreState& store = st.stores[i];
    store.rng = sim::RandomStream(seed, kStoreStreamBase + i);
    store.cold.sensor_rng = sim::RandomStream(seed, kSensorStreamBase + i);
  }
  place_orders_from(w, st, now, seed, 1);
  world.change([&](const WorldSetup&, WorldState& s, sim::ParallelSimulator& engine) {
    for (std::size_t id = first; id < s.orders.size(); ++id) {
      const OrderRecord& o = s.orders[id];
      if (o.store >= 0)
        engine.schedule(static_cast<sim::LpId>(o.store), o.placed,
                        {kArrival, static_cast<std::uint32_t>(id), 0}, kPriorityArrival);
    }
  });
}

HorizonKpis horizon_kpis(const RunResult& run, sim::Time fork, sim::Time horizon) {
  HorizonKpis k;
  std::vector<double> c2d;
  auto on_time = [&](const OrderRecord& o) {
    return o.status == OrderStatus::delivered && o.delivered - o.placed <= run.promise;
  };
  for (const OrderRecord& o : run.orders) {
    if (o.placed >= fork && o.placed < fork + horizon) {
      ++k.orders;
      if (o.status == OrderStatus::rejected) ++k.rejected;
      if (!accepted(o)) continue;  // as in compute_kpis: unreachable orders count, and are late
      ++k.accepted;
      if (on_time(o)) ++k.on_time;
      if (o.status == OrderStatus::delivered)
        c2d.push_back(static_cast<double>(o.delivered - o.placed) / sim::kMinute);
    } else if (o.placed < fork && o.store >= 0) {
      const sim::Time resolved =
          o.status == OrderStatus::delivered
              ? o.delivered
              : (o.status == OrderStatus::rejected ? o.rejected : sim::kNever);
      if (resolved >= fork && !on_time(o)) ++k.open_at_fork_late;
    }
  }
  k.late = k.accepted - k.on_time;
  k.on_time_share =
      k.accepted > 0 ? k.on_time / k.accepted : std::numeric_limits<double>::quiet_NaN();
  const Summary s = summarize(c2d);
  k.click_to_door_p50_min = s.p50;
  k.click_to_door_p90_min = s.p90;
  return k;
}

std::vector<std::pair<std::string, double>> horizon_values(const HorizonKpis& k) {
  return {{"orders", k.orders},
          {"accepted", k.accepted},
          {"on_time", k.on_time},
          {"late", k.late},
          {"on_time_share", k.on_time_share},
          {"open_at_fork_late", k.open_at_fork_late},
          {"click_to_door_p50_min", k.click_to_door_p50_min},
          {"click_to_door_p90_min", k.click_to_door_p90_min},
          {"rejected", k.rejected}};
}

std::vector<WhatIfOutcome> run_whatif(const World& paused,
                                      const std::vector<WhatIfAlternative>& alternatives,
                                      sim::Time horizon, int replications, std::uint64_t seed,
                                      int threads) {
  if (replications < 1) throw std::invalid_argument("a what-if needs at least 1 replication");
  if (horizon <= 0) throw std::invalid_argument("a what-if needs a positive horizon");
  const std::size_t n = alternatives.size() + 1;
  std::vector<WhatIfOutcome> out(n);
  out[0].name = "as is";
  for (std::size_t a = 1; a < n; ++a) out[a].name = alternatives[a - 1].name;
  for (auto& o : out) o.runs.resize(static_cast<std::size_t>(replications));
  const sim::Time fork = paused.now();
  const sim::Time stop = fork + horizon + paused.setup().config.promise;
  const auto r_count = static_cast<std::size_t>(replications);
  // Check every action once on a fork before running anything.
  for (std::size_t a = 1; a < n; ++a) {
    auto probe = paused.fork(1);
    for (const auto& action : alternatives[a - 1].actions)
      out[a].applied.push_back(apply(*probe, action));
  }
  sim::parallel_for_each(n * r_count, threads, [&](std::size_t task) {
    const std::size_t a = task / r_count, r = task % r_count;
    auto world = paused.fork(1);
    // Actions first: a store closed now takes none of the future orders.
    if (a > 0)
      for (const auto& action : alternatives[a - 1].actions) apply(*world, action);
    redraw_future(*world, seed + r);
    world->stop_at(stop);
    out[a].runs[r] = horizon_kpis(world->run(), fork, horizon);
  });
  auto finite = [](std::vector<double> v) {
    std::erase_if(v, [](double x) { return !std::isfinite(x); });
    return v;
  };
  const auto names = horizon_values(HorizonKpis{});
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t k = 0; k < names.size(); ++k) {
      std::vector<double> values, diffs;
      for (std::size_t r = 0; r < r_count; ++r) {
        const double x = horizon_values(out[a].runs[r])[k].second;
        values.push_back(x);
        diffs.push_back(x - horizon_values(out[0].runs[r])[k].second);
      }
      out[a].kpis.push_back(interval_of(names[k].first, finite(values)));
      if (a > 0) out[a].difference.push_back(interval_of(names[k].first, finite(diffs)));
    }
  return out;
}

}  // namespace model
