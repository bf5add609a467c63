// An event: a timestamp, a target logical process and a small payload, with a total order.
// The order (time, priority, target, source, sequence) is what makes runs reproducible: two events
// never compare equal, so no container or thread schedule can reorder them.
#pragma once

#include <cstdint>
#include <tuple>

#include "sim/engine/time.h"

namespace sim {

using LpId = std::uint32_t;

// What the model puts in an event; the engine never looks inside.
struct Payload {
  std::uint16_t kind = 0;
  std::uint32_t a = 0;
  std::uint64_t b = 0;
};

struct Event {
  Time time = 0;
  std::uint64_t seq = 0;  // per-source counter
  LpId target = 0;
  LpId source = 0;
  std::uint16_t priority = 0;  // lower runs first among events at the same time
  Payload payload;
};

inline bool operator<(const Event& x, const Event& y) {
  return std::tie(x.time, x.priority, x.target, x.source, x.seq) <
         std::tie(y.time, y.priority, y.target, y.source, y.seq);
}

}  // namespace sim
