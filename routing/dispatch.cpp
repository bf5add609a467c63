#include "routing/dispatch.h"

namespace routing {

std::vector<Assignment> NearestIdleDispatch::assign(std::span<const DispatchJob> jobs,
                                                    std::span<const DispatchVehicle> vehicles) {
  std::vector<Assignment> out;
  std::vector<bool> taken(vehicles.size(), false);
  for (const auto& job : jobs) {
    std::size_t best = vehicles.size();
    for (std::size_t v = 0; v < vehicles.size(); ++v) {
      if (taken[v]) continue;
      if (best == vehicles.size() || vehicles[v].eta_pickup_ms < vehicles[best].eta_pickup_ms)
        best = v;
    }
    if (best == vehicles.size()) break;
    taken[best] = true;
    out.push_back({job.id, vehicles[best].id});
  }
  return out;
}

}  // namespace routing
