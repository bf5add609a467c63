// One SKU group's stock at a dark store under a reorder-point policy: when stock on hand plus
// stock on order falls to the reorder point, a replenishment is ordered (as much as the shelf,
// fridge or freezer space leaves room for, up to the order quantity) and arrives after the lead
// time; or, on a delivery schedule, the space is filled up at given times of day. Deliveries are
// received lazily, when the stock is next looked at.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "sim/engine/time.h"

namespace model {

struct StockPolicy {
  int initial = 100;
  int reorder_point = 20;
  int reorder_qty = 80;
  sim::Time lead_time = 2 * sim::kHour;
  int capacity = 120;  // units the space holds
  // Times of day of scheduled deliveries that fill the space up; when there are any, they
  // replace the reorder point.
  std::vector<sim::Time> delivery_tod;
};

class StockLevel {
 public:
  // `start_tod`: the time of day at t = 0, for scheduled deliveries.
  StockLevel() = default;
  explicit StockLevel(const StockPolicy& policy, sim::Time start_tod = 0);

  // Takes up to `qty` units at time t; returns how many there were (fewer means a stock-out).
  int take(int qty, sim::Time t);
  int on_hand(sim::Time t);
  int on_order() const { return on_order_; }
  std::uint32_t stockouts() const { return stockouts_; }
  std::uint32_t replenishments() const { return replenishments_; }

  // For checkpoints (sim/model/checkpoint.h): every member, in one place.
  template <class Archive>
  void serialize(Archive& ar) {
    ar(policy_.initial, policy_.reorder_point, policy_.reorder_qty, policy_.lead_time,
       policy_.capacity, policy_.delivery_tod, on_hand_, on_order_, due_, start_tod_,
       next_delivery_, stockouts_, replenishments_);
  }

 private:
  void receive(sim::Time t);
  void reorder(sim::Time t);
  void schedule_after(sim::Time t);

  StockPolicy policy_;
  int on_hand_ = 0;
  int on_order_ = 0;
  std::deque<std::pair<sim::Time, int>> due_;  // (arrival, units), in arrival order
  sim::Time start_tod_ = 0;
  sim::Time next_delivery_ = sim::kNever;  // the next scheduled delivery, scenario time
  std::uint32_t stockouts_ = 0;
  std::uint32_t replenishments_ = 0;
};

}  // namespace model
