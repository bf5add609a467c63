// A day of the Meal Delivery Routing Problem on the discrete-event engine: orders appear at their
// placement times, couriers come on duty at their on-locations, and a policy's instructions are
// carried out by the problem's rules (routing::time_assignment). Without prepositioning or
// assignment updates: a courier takes instructions only while waiting, at its on-location or at
// its last drop-off, and never picks up after its off time. Deterministic.
#pragma once

#include <cstdint>
#include <vector>

#include "routing/mdrp_dispatch.h"
#include "sim/model/mdrp_instance.h"

namespace model {

struct MdrpDelivery {
  bool delivered = false;
  std::int64_t pickup_ms = 0, drop_ms = 0;
  std::size_t courier = 0;
};

// One instruction as sent: when, to whom, which orders in drop-off order, and its pickup time.
struct MdrpInstruction {
  std::int64_t time_ms = 0, pickup_ms = 0;
  std::size_t courier = 0;
  std::vector<std::size_t> orders;
};

// A place a courier moves between: its on-location, a restaurant or an order's drop-off.
struct MdrpPlace {
  enum class Kind : std::uint8_t { start, restaurant, order };
  Kind kind = Kind::start;
  std::size_t index = 0;
};

struct MdrpMove {
  std::size_t courier = 0;
  std::int64_t depart_ms = 0;
  MdrpPlace from, to;
};

struct MdrpCourierLog {
  int orders = 0;  // delivered
  // Riding, plus the full pickup service per instruction and drop-off service per order, as the
  // library's evaluator counts them (so time after the off time counts too).
  std::int64_t busy_ms = 0;
};

struct MdrpRun {
  std::vector<MdrpDelivery> deliveries;  // per order of the instance
  std::vector<MdrpCourierLog> couriers;  // per courier of the instance
  std::vector<MdrpInstruction> instructions;
  std::vector<MdrpMove> moves;  // by courier, each courier's in the order driven
  std::uint64_t events = 0;
};

// Throws std::logic_error when the policy breaks the rules of MdrpPolicy::assign.
MdrpRun simulate_mdrp(const MdrpInstance& instance, routing::MdrpPolicy& policy);

}  // namespace model
