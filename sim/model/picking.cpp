#include "sim/model/picking.h"

#include <algorithm>
#include <map>

#include "sim/model/model_events.h"
#include "sim/model/store_context.h"

namespace model {

void account_queue(PickingState& picking, sim::Time now) {
  if (now <= picking.queue_since) return;
  picking.queue_area_ms +=
      static_cast<double>(picking.queue.size()) * static_cast<double>(now - picking.queue_since);
  picking.queue_since = now;
}

void start_picking(StoreContext& s) {
  const sim::Time now = s.now();
  PickingState& picking = s.store.picking;
  while (picking.busy_pickers < picking.pickers && !picking.queue.empty()) {
    account_queue(picking, now);
    const std::uint32_t id = picking.queue.front();
    picking.queue.pop_front();
    OrderRecord& order = s.state.orders[id];
    ++picking.busy_pickers;
    const StoreConfig& cfg = s.site.cfg;
    const sim::Time start = now + draw(s, cfg.pick_start);
    const sim::Time picked =
        start + draw(s, cfg.pick_time) + draw_items(s, cfg.pick_per_item, order.items);
    const sim::Time pack = draw(s, cfg.pack_time);
    order.pick_started = start;
    order.picked = picked;
    // Chilled and frozen goods are picked last: they leave their unit when the packing starts.
    place_goods(s, id, Goods::Place::picking, picked);
    s.ctx.schedule(picked + pack, {kPickDone, id, 0}, kPriorityPicking);
  }
}

void on_pick_done(StoreContext& s, std::uint32_t id) {
  --s.store.picking.busy_pickers;
  OrderRecord& order = s.state.orders[id];
  if (order.status != OrderStatus::rejected) {
    order.packed = s.now();
    place_goods(s, id, Goods::Place::staged, s.now());
    if (order.rider >= 0) {
      Rider& rider = s.state.riders[order.rider];
      if (rider.state == RiderState::waiting) advance_rider(s, rider);
    } else if (order.drone >= 0) {
      Drone& drone = s.state.drones[order.drone];
      if (drone.state == DroneState::waiting) take_off(s, drone);
    }
  }
  start_picking(s);
}

sim::Time mean_pick_work(const StoreConfig& cfg, std::uint32_t items) {
  return cfg.pick_start.mean + cfg.pick_time.mean +
         cfg.pick_per_item.mean * static_cast<sim::Time>(items) + cfg.pack_time.mean;
}

sim::Time ready_estimate(const StoreContext& s, const OrderRecord& order, sim::Time now) {
  if (order.packed != sim::kNever) return order.packed;
  const sim::Time work = mean_pick_work(s.site.cfg, order.items);
  if (order.pick_started != sim::kNever)
    return std::max(now, order.picked + s.site.cfg.pack_time.mean);
  const auto& queue = s.store.picking.queue;
  const auto ahead = std::find(queue.begin(), queue.end(), order.id) - queue.begin();
  return now + work * (1 + static_cast<sim::Time>(ahead) / std::max(1, s.store.picking.pickers));
}

bool take_stock(StoreContext& s, std::uint32_t id) {
  StockState& stock = s.store.stock;
  if (stock.levels.empty()) return true;
  const sim::Time now = s.now();
  const CatalogConfig& catalog = s.config().catalog;
  auto& lines = s.state.baskets[id];
  auto take = [&](std::size_t g, int qty) {
    const int got = stock.levels[g].take(qty, now);
    stock.min_on_hand[g] = std::min(stock.min_on_hand[g], stock.levels[g].on_hand(now));
    return got;
  };
  bool short_any = false;
  for (const auto& [g, q] : lines)
    if (stock.levels[g].on_hand(now) < q) {
      short_any = true;
      ++stock.stockouts[g];
    }
  if (!short_any) {
    for (const auto& [g, q] : lines) take(g, q);
    return true;
  }
  switch (catalog.on_stockout) {
    case StockoutAction::reject:
      ++s.store.orders.accepted;
      reject(s.state, s.store, id, RejectReason::out_of_stock, now);
      return false;
    case StockoutAction::next_store:
      s.store.orders.forward.push_back(id);
      return false;
    case StockoutAction::split:
    case StockoutAction::substitute:
      break;
  }
  std::map<std::uint16_t, std::uint16_t> got_lines;
  std::uint32_t missing = 0, substituted = 0;
  for (const auto& [g, q] : lines) {
    const int got = take(g, q);
    if (got > 0) got_lines[g] += static_cast<std::uint16_t>(got);
    int left = q - got;
    if (catalog.on_stockout == StockoutAction::substitute)
      for (std::uint16_t other = 0; other < stock.levels.size() && left > 0; ++other) {
        if (other == g || catalog.groups[other].temp_class != catalog.groups[g].temp_class ||
            stock.levels[other].on_hand(now) == 0)
          continue;
        const int more = take(other, left);
        got_lines[other] += static_cast<std::uint16_t>(more);
        substituted += static_cast<std::uint32_t>(more);
        left -= more;
      }
    missing += static_cast<std::uint32_t>(left);
  }
  OrderRecord& order = s.state.orders[id];
  order.items_missing = missing;
  order.items_substituted = substituted;
  if (got_lines.empty()) {
    ++s.store.orders.accepted;
    reject(s.state, s.store, id, RejectReason::out_of_stock, now);
    return false;
  }
  lines.assign(got_lines.begin(), got_lines.end());
  basket_totals(s.world, s.state, id);
  return true;
}

}  // namespace model
