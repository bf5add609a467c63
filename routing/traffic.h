// Congestion over the day: speed factors per road class, from windows a planner writes ("07:30 to
// 09:30, factor 0.7, on primary and secondary"). The day is cut into 15-minute slots; slots with
// equal factors share a level, and each level gets one metric (and one hierarchy) per vehicle
// profile. Overlapping windows multiply. Times are ms since midnight; any value is taken modulo
// a day.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "routing/road_network.h"

namespace routing {

struct CongestionWindow {
  std::int64_t from_tod_ms = 0;
  std::int64_t to_tod_ms = 0;    // not after from_tod_ms: runs past midnight
  double factor = 1;             // speed factor, (0, 1]
  std::vector<RoadClass> roads;  // empty: every class
};

class CongestionProfile {
 public:
  using Factors = std::array<float, kRoadClassCount>;
  static constexpr std::int64_t kSlotMs = 15 * 60 * 1000;
  static constexpr std::int64_t kDayMs = 24 * 60 * 60 * 1000;
  static constexpr std::size_t kSlots = kDayMs / kSlotMs;

  explicit CongestionProfile(const std::vector<CongestionWindow>& windows = {});

  std::size_t level_count() const { return levels_.size(); }
  const Factors& level(std::size_t k) const { return levels_[k]; }
  std::size_t level_at(std::int64_t tod_ms) const { return slot_level_[slot(tod_ms)]; }
  // The first time after tod_ms (not taken modulo a day) at which the level changes; tod_ms plus
  // a day when it never does.
  std::int64_t next_change(std::int64_t tod_ms) const;

 private:
  static std::size_t slot(std::int64_t tod_ms);
  std::vector<Factors> levels_;  // levels_[0] is the level of the first slot
  std::array<std::uint16_t, kSlots> slot_level_{};
  // For each slot, how many slots on the next level change is (kSlots + 1: never).
  std::array<std::uint16_t, kSlots> slots_to_change_{};
};

}  // namespace routing
