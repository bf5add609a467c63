// A logical process (LP): a piece of the world that owns its state and changes it only in
// response to its own events. LPs talk to each other only through timestamped messages, so a
// parallel scheduler can run different LPs on different threads without locks.
#pragma once

#include "sim/engine/event.h"

namespace sim {

class Context;

class LogicalProcess {
 public:
  virtual ~LogicalProcess() = default;
  // Called once per event addressed to this LP, in the total event order.
  virtual void handle(const Event& event, Context& ctx) = 0;
};

}  // namespace sim
