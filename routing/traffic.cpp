#include "routing/traffic.h"

#include <algorithm>

namespace routing {

std::size_t CongestionProfile::slot(std::int64_t tod_ms) {
  const std::int64_t t = ((tod_ms % kDayMs) + kDayMs) % kDayMs;
  return static_cast<std::size_t>(t / kSlotMs);
}

CongestionProfile::CongestionProfile(const std::vector<CongestionWindow>& windows) {
  std::array<Factors, kSlots> factors;
  for (auto& f : factors) f.fill(1.0f);
  for (const auto& w : windows) {
    // A slot is congested when its middle lies inside the window.
    for (std::size_t s = 0; s < kSlots; ++s) {
      const std::int64_t mid = static_cast<std::int64_t>(s) * kSlotMs + kSlotMs / 2;
      const std::int64_t from = ((w.from_tod_ms % kDayMs) + kDayMs) % kDayMs;
      const std::int64_t to = ((w.to_tod_ms % kDayMs) + kDayMs) % kDayMs;
      const bool inside = from < to ? (mid >= from && mid < to) : (mid >= from || mid < to);
      if (!inside) continue;
      for (std::size_t c = 0; c < kRoadClassCount; ++c)
        if (w.roads.empty() ||
            std::find(w.roads.begin(), w.roads.end(), static_cast<RoadClass>(c)) != w.roads.end())
          factors[s][c] *= static_cast<float>(w.factor);
    }
  }
  for (std::size_t s = 0; s < kSlots; ++s) {
    auto it = std::find(levels_.begin(), levels_.end(), factors[s]);
    if (it == levels_.end()) it = levels_.insert(levels_.end(), factors[s]);
    slot_level_[s] = static_cast<std::uint16_t>(it - levels_.begin());
  }
  for (std::size_t s = 0; s < kSlots; ++s) {
    std::size_t k = 1;
    while (k <= kSlots && slot_level_[(s + k) % kSlots] == slot_level_[s]) ++k;
    slots_to_change_[s] = static_cast<std::uint16_t>(k);
  }
}

std::int64_t CongestionProfile::next_change(std::int64_t tod_ms) const {
  std::int64_t slot_start = (tod_ms / kSlotMs) * kSlotMs;
  if (tod_ms < 0 && tod_ms % kSlotMs != 0) slot_start -= kSlotMs;
  const std::size_t k = slots_to_change_[slot(tod_ms)];
  if (k > kSlots) return tod_ms + kDayMs;
  return slot_start + static_cast<std::int64_t>(k) * kSlotMs;
}

}  // namespace routing
