#include <fmt/format.h>

#include "routing/mdrp_dispatch.h"

namespace routing {

std::unique_ptr<MdrpPolicy> make_mdrp_policy(const std::string& name,
                                             const MdrpRollingHorizonParams& rolling) {
  if (name == "nearest_idle") return std::make_unique<MdrpNearestIdle>();
  if (name == "rolling_horizon") return std::make_unique<MdrpRollingHorizon>(rolling);
  return nullptr;
}

std::string mdrp_policy_parameters(const std::string& name,
                                   const MdrpRollingHorizonParams& rolling) {
  if (name != "rolling_horizon") return "";
  const auto minutes = [](std::int64_t ms) { return fmt::format("{:g}", ms / 60'000.0); };
  return fmt::format("epoch {} min, horizon {} min, ready gap {} min, max bundle {}",
                     minutes(rolling.epoch_ms), minutes(rolling.horizon_ms),
                     minutes(rolling.ready_gap_ms), rolling.max_bundle);
}

std::vector<std::string> mdrp_policy_names() { return {"nearest_idle", "rolling_horizon"}; }

}  // namespace routing
