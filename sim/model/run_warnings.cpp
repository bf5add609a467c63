#include "sim/model/run_warnings.h"

#include <cstdio>

namespace model {

std::vector<std::string> outcome_warnings(const RunResult& r) {
  std::vector<std::string> out;
  std::size_t out_of_radius = 0, unreachable = 0;
  for (const OrderRecord& o : r.orders) {
    out_of_radius += o.reason == RejectReason::out_of_radius;
    unreachable += o.reason == RejectReason::unreachable;
  }
  const std::size_t placed = r.orders.size();
  const std::size_t lost = out_of_radius + unreachable;
  if (placed > 0 &&
      static_cast<double>(lost) > kLostOrdersWarnShare * static_cast<double>(placed)) {
    char share[32];
    std::snprintf(share, sizeof share, "%.1f%%",
                  100.0 * static_cast<double>(lost) / static_cast<double>(placed));
    out.push_back(std::to_string(lost) + " of " + std::to_string(placed) + " orders (" + share +
                  ") never reached a store: " + std::to_string(out_of_radius) +
                  " outside every store's radius, " + std::to_string(unreachable) +
                  " unreachable from the stores in reach; move or add stores, or widen a radius");
  }
  return out;
}

}  // namespace model
