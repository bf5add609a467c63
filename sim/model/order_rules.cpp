#include "sim/model/order_rules.h"

#include <algorithm>

#include "sim/engine/random.h"
#include "sim/model/model_events.h"
#include "sim/model/picking.h"
#include "sim/model/store_context.h"

namespace model {

bool store_busy(StoreContext& s, const OrderRecord& order) {
  const OperationsConfig& ops = s.config().operations;
  const PickingState& picking = s.store.picking;
  if (ops.busy_max_queue > 0 &&
      picking.queue.size() >= static_cast<std::size_t>(ops.busy_max_queue))
    return true;
  if (ops.busy_click_to_door <= 0) return false;
  const sim::Time now = s.now();
  const sim::Time ready = ready_estimate(s, order, now);
  sim::Time ride = 0;
  if (!s.store.fleet.riders.empty()) {
    const Rider& r = s.state.riders[s.store.fleet.riders.front()];
    ride = std::max<sim::Time>(
        0, s.routes.trip(r.travel, s.site.node, order.customer, ready).duration_ms);
  }
  const sim::Time predicted =
      ready + s.site.cfg.handover.mean + ride + s.config().door.handover.mean - order.placed;
  return predicted > ops.busy_click_to_door;
}

void schedule_patience(StoreContext& s, std::uint32_t id) {
  const OperationsConfig& ops = s.config().operations;
  if (!ops.patience_on) return;
  sim::RandomStream rng(s.config().seed, kPatienceStreamBase + id);
  const sim::Time at = s.state.orders[id].placed + draw_from(rng, ops.patience);
  s.ctx.schedule(std::max(at, s.now()), {kPatience, id, 0}, kPriorityArrival);
}

void on_patience(StoreContext& s, std::uint32_t id) {
  const sim::Time now = s.now();
  OrderRecord& order = s.state.orders[id];
  if (order.status != OrderStatus::open || order.store != static_cast<std::int32_t>(s.index) ||
      order.picked_up != sim::kNever || order.drone >= 0)
    return;
  StoreOrders& book = s.store.orders;
  // Forwarded, or still to arrive: the store it goes to schedules its own.
  if (std::find(book.forward.begin(), book.forward.end(), id) != book.forward.end()) return;
  if (order.rider >= 0) {
    Rider& rider = s.state.riders[order.rider];
    if (rider.service == Rider::Service::handover && rider.plan.front().job == id) return;
  }
  reject(s.state, s.store, id, RejectReason::cancelled, now);
  --book.open;
  if (auto it = std::find(book.unassigned.begin(), book.unassigned.end(), id);
      it != book.unassigned.end())
    book.unassigned.erase(it);
  PickingState& picking = s.store.picking;
  account_queue(picking, now);
  if (auto it = std::find(picking.queue.begin(), picking.queue.end(), id);
      it != picking.queue.end())
    picking.queue.erase(it);
  if (order.pick_started > now) order.pick_started = sim::kNever;
  if (order.picked > now) order.picked = sim::kNever;
  s.store.cold.goods.erase(id);
  if (order.rider >= 0) {
    Rider& rider = s.state.riders[order.rider];
    std::erase_if(rider.plan, [id](const routing::Stop& stop) { return stop.job == id; });
    if (rider.state == RiderState::waiting && rider.service == Rider::Service::none)
      advance_rider(s, rider);
  }
  check_finished(s.state, s.store, now);
}

}  // namespace model
