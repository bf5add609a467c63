#include "sim/model/stock.h"

#include <algorithm>

namespace model {

StockLevel::StockLevel(const StockPolicy& policy)
    : policy_(policy), on_hand_(std::min(policy.initial, policy.capacity)) {
  reorder(0);
}

void StockLevel::receive(sim::Time t) {
  while (!due_.empty() && due_.front().first <= t) {
    on_hand_ += due_.front().second;
    on_order_ -= due_.front().second;
    due_.pop_front();
  }
}

void StockLevel::reorder(sim::Time t) {
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
