// A min-priority queue of events in their total order (a binary heap on a vector).
// Not thread-safe: each logical process or scheduler owns its queue.
#pragma once

#include <algorithm>
#include <functional>
#include <vector>

#include "sim/engine/event.h"

namespace sim {

class EventQueue {
 public:
  void push(const Event& e) {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), later);
  }
  // Precondition: !empty().
  Event pop() {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    Event e = heap_.back();
    heap_.pop_back();
    return e;
  }
  const Event& top() const { return heap_.front(); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static bool later(const Event& x, const Event& y) { return y < x; }
  std::vector<Event> heap_;
};

}  // namespace sim
