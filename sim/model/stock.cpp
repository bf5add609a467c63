#include "sim/model/stock.h"

#include <algorithm>

namespace model {

StockLevel::StockLevel(const StockPolicy& policy, sim::Time start_tod)
    : policy_(policy), on_hand_(std::min(policy.initial, policy.capacity)), start_tod_(start_tod) {
  schedule_after(-1);
  reorder(0);
}

// The first scheduled delivery after scenario time t.
void StockLevel::schedule_after(sim::Time t) {
  next_delivery_ = sim::kNever;
  const sim::Time day_start = (start_tod_ + t) / sim::kDay * sim::kDay - start_tod_;
  for (sim::Time day : {day_start, day_start + sim::kDay})
    for (sim::Time tod : policy_.delivery_tod) {
      const sim::Time at = day + tod % sim::kDay;
      if (at > t) next_delivery_ = std::min(next_delivery_, at);
    }
}

void StockLevel::receive(sim::Time t) {
  while (next_delivery_ <= t) {
    if (on_hand_ < policy_.capacity) {
      on_hand_ = policy_.capacity;
      ++replenishments_;
    }
    schedule_after(next_delivery_);
  }
  while (!due_.empty() && due_.front().first <= t) {
    on_hand_ += due_.front().second;
    on_order_ -= due_.front().second;
    due_.pop_front();
  }
}

void StockLevel::reorder(sim::Time t) {
  if (!policy_.delivery_tod.empty()) return;
  const int position = on_hand_ + on_order_;
  if (position > policy_.reorder_point) return;
  const int qty = std::min(policy_.reorder_qty, policy_.capacity - position);
  if (qty <= 0) return;
  due_.push_back({t + policy_.lead_time, qty});
  on_order_ += qty;
  ++replenishments_;
}

int StockLevel::take(int qty, sim::Time t) {
  receive(t);
  const int taken = std::min(qty, on_hand_);
  if (taken < qty) ++stockouts_;
  on_hand_ -= taken;
  reorder(t);
  return taken;
}

int StockLevel::on_hand(sim::Time t) {
  receive(t);
  return on_hand_;
}

}  // namespace model
