#include "sim/model/orders.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "routing/circle_index.h"
#include "sim/engine/parallel_for.h"
#include "sim/engine/random.h"
#include "sim/model/cold_chain.h"
#include "sim/model/demand.h"
#include "sim/model/order_rules.h"
#include "sim/model/picking.h"
#include "sim/model/store_context.h"

namespace model {

namespace {

// Items are drawn over the SKU groups by their shares, from a stream of their own so that the
// rest of the run does not depend on the catalog. Without a catalog an item weighs 0.5 kg and
// fills a litre.
void fill_baskets(const WorldSetup& w, WorldState& state, std::uint64_t seed, std::size_t first) {
  const auto& groups = w.config.catalog.groups;
  state.baskets.resize(state.orders.size());
  state.litres.resize(state.orders.size());
  if (groups.empty()) {
    for (std::size_t i = first; i < state.orders.size(); ++i) {
      OrderRecord& o = state.orders[i];
      o.weight_kg = 0.5 * o.items;
      state.litres[o.id] = 1.0 * o.items;
    }
    return;
  }
  std::vector<double> cumulative;
  double total = 0;
  for (const SkuGroup& g : groups) cumulative.push_back(total += g.share);
  sim::RandomStream rng(seed, kBasketStream);
  for (std::size_t i = first; i < state.orders.size(); ++i) {
    OrderRecord& o = state.orders[i];
    std::map<std::uint16_t, std::uint16_t> lines;
    for (std::uint32_t i = 0; i < o.items; ++i) {
      const double u = rng.uniform() * total;
      const auto g = std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin();
      ++lines[static_cast<std::uint16_t>(
          std::min<std::ptrdiff_t>(g, static_cast<std::ptrdiff_t>(groups.size()) - 1))];
    }
    state.baskets[o.id].assign(lines.begin(), lines.end());
    basket_totals(w, state, o.id);
  }
}

}  // namespace

void basket_totals(const WorldSetup& w, WorldState& state, std::uint32_t id) {
  OrderRecord& o = state.orders[id];
  const auto& groups = w.config.catalog.groups;
  const auto& basket = state.baskets[id];
  o.weight_kg = 0;
  state.litres[id] = 0;
  o.cold.clear();
  for (const auto& [g, q] : basket) {
    o.weight_kg += groups[g].kg_per_item * q;
    state.litres[id] += groups[g].litres_per_item * q;
  }
  for (std::uint32_t c : w.cold_classes) {
    std::uint32_t items = 0;
    for (const auto& [g, q] : basket)
      if (groups[g].temp_class == c) items += q;
    if (items > 0) o.cold.push_back({c, items, 0, 0, false});
  }
}

void place_orders(const WorldSetup& w, WorldState& state, int threads) {
  place_orders_from(w, state, 0, w.config.seed, threads);
}

void place_orders_from(const WorldSetup& w, WorldState& state, sim::Time from, std::uint64_t seed,
                       int threads) {
  WorldConfig config = w.config;
  config.seed = seed;
  DemandGenerator demand(config, *w.network);
  auto& orders = state.orders;
  const std::size_t first = orders.size();
  // Room for the mean count and a margin of about five standard deviations (Poisson): one
  // allocation, where growing by doubling copied every order about twice.
  const double mean = demand.expected_count(from);
  orders.reserve(first + static_cast<std::size_t>(mean + 5 * std::sqrt(mean) + 16));
  while (auto req = demand.next()) {
    if (req->time < from) continue;
    OrderRecord o;
    o.id = static_cast<std::uint32_t>(orders.size());
    o.customer = req->customer;
    o.location = req->location;
    o.items = req->items;
    o.placed = req->time;
    orders.push_back(o);
  }
  std::vector<routing::CircleIndex::Circle> zones;
  for (const StoreSetup& store : w.stores)
    zones.push_back({store.cfg.location, store.cfg.radius_m});
  const routing::CircleIndex index(zones);
  sim::parallel_for_each(orders.size() - first, threads, [&](std::size_t k) {
    OrderRecord& o = orders[first + k];
    const routing::LatLon where = w.network->position(o.customer);
    bool covered = false;
    thread_local std::vector<std::uint32_t> near;
    index.containing(where, near);
    for (const std::uint32_t s : near) {
      const StoreSetup& store = w.stores[s];
      if (!store_open(state.stores[s], o.placed)) continue;
      covered = true;
      const double d = store.out.distance_m(o.customer);
      if (!store.back.reachable(o.customer) || d == routing::ZoneTree::kUnreachable) continue;
      if (o.store < 0 || d < o.distance_m) o.store = static_cast<std::int32_t>(s), o.distance_m = d;
    }
    if (o.store < 0) {
      o.status = OrderStatus::rejected;
      o.reason = covered ? RejectReason::unreachable : RejectReason::out_of_radius;
      o.rejected = o.placed;
      o.distance_m = 0;
    }
  });
  for (std::size_t i = first; i < orders.size(); ++i)
    if (orders[i].store >= 0) state.stores[orders[i].store].orders.arrivals.push_back(orders[i].id);
  fill_baskets(w, state, seed, first);
  if (w.config.catalog.enabled && w.config.catalog.on_stockout == StockoutAction::next_store)
    state.tried.resize(orders.size());
}

std::uint32_t add_observed_order(const WorldSetup& w, WorldState& state, sim::Time t,
                                 std::uint32_t store, routing::NodeId customer,
                                 routing::LatLon location, std::uint32_t items,
                                 std::uint64_t seed) {
  auto& orders = state.orders;
  if (!orders.empty() && orders.back().placed > t)
    throw std::invalid_argument("an observed order placed before the last order");
  OrderRecord o;
  o.id = static_cast<std::uint32_t>(orders.size());
  o.customer = customer;
  o.location = location;
  o.items = std::max<std::uint32_t>(1, items);
  o.placed = t;
  const StoreSetup& s = w.stores.at(store);
  const double d = s.out.distance_m(customer);
  if (!s.back.reachable(customer) || d == routing::ZoneTree::kUnreachable) {
    o.status = OrderStatus::rejected;
    o.reason = RejectReason::unreachable;
    o.rejected = t;
  } else {
    o.store = static_cast<std::int32_t>(store);
    o.distance_m = d;
  }
  orders.push_back(o);
  if (o.store >= 0) state.stores[store].orders.arrivals.push_back(o.id);
  fill_baskets(w, state, seed, o.id);
  if (!state.tried.empty() ||
      (w.config.catalog.enabled && w.config.catalog.on_stockout == StockoutAction::next_store))
    state.tried.resize(orders.size());
  return o.id;
}

void on_arrival(StoreContext& s, std::uint32_t id, bool forwarded) {
  const sim::Time now = s.now();
  StoreOrders& book = s.store.orders;
  if (forwarded)
    --book.pending_in;
  else
    ++book.arrived;
  if (now >= s.store.fleet.last_shift_end || book.finished_at >= 0) {
    // Closed for the day, or a store that never had a rider.
    ++book.accepted;
    reject(s.state, s.store, id,
           s.store.fleet.last_shift_end > 0 ? RejectReason::store_closed : RejectReason::no_rider,
           now);
    check_finished(s.state, s.store, now);
    return;
  }
  if (store_busy(s, s.state.orders[id])) {
    ++book.accepted;
    reject(s.state, s.store, id, RejectReason::store_busy, now);
    check_finished(s.state, s.store, now);
    return;
  }
  if (!take_stock(s, id)) {
    check_finished(s.state, s.store, now);
    return;
  }
  ++book.accepted;
  ++book.open;
  account_queue(s.store.picking, now);
  s.store.picking.queue.push_back(id);
  book.unassigned.push_back(id);
  schedule_patience(s, id);
  start_picking(s);
  request_dispatch(s);
}

void reject(WorldState& state, StoreState& store, std::uint32_t id, RejectReason reason,
            sim::Time now) {
  OrderRecord& order = state.orders[id];
  order.status = OrderStatus::rejected;
  order.reason = reason;
  order.rejected = now;
  ++store.orders.resolved;
}

void deliver(StoreContext& s, std::uint32_t id, sim::Time at) {
  OrderRecord& order = s.state.orders[id];
  --s.store.orders.open;
  ++s.store.orders.resolved;
  order.delivered = at;
  order.status = OrderStatus::delivered;
  goods_delivered(s, order, at);
}

void check_finished(WorldState& state, StoreState& store, sim::Time now) {
  end_overtime(state, store, now);
  StoreOrders& book = store.orders;
  if (book.finished_at >= 0 || !book.demand_over || book.open > 0 ||
      book.arrived < book.arrivals.size() || book.pending_in > 0 || !book.forward.empty())
    return;
  book.finished_at = now;
  for (std::uint32_t id : store.fleet.idle)
    set_rider_state(store.fleet, state.riders[id], RiderState::off_shift, now);
  store.fleet.idle.clear();
}

}  // namespace model
