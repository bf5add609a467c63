// What-if analysis on a paused world: "it is 18:00; if I move 5 riders from Condamine to
// Monte-Carlo now, how many orders are late by 19:00?". From the world's state at the fork time,
// each alternative (a list of actions) and "as is" run R replications ahead over a horizon. In
// replication r every alternative sees the same freshly drawn future demand and service times
// (common random numbers, seed base + r), so their differences to "as is" are paired and their
// intervals much narrower than those of independent runs (Law, Simulation Modeling and Analysis,
// 5th ed., section 11.2).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/time.h"
#include "sim/model/replications.h"
#include "sim/model/world.h"

namespace model {

struct WhatIfAction {
  enum class Kind {
    add_riders,     // `count` riders at `store`, on shift until its last shift ends
    remove_riders,  // `count` riders of `store` end their shift now (idle ones first)
    move_riders,    // `count` idle riders of `store` ride to `to` and work there
    set_pickers,    // `store` has `count` pickers on duty from now
    close_store,    // `store` takes no new orders from now
    open_store,     // `store` takes orders again from now
    set_policy,     // every store dispatches with `policy` from now
  };
  Kind kind = Kind::add_riders;
  std::uint32_t store = 0;  // index into WorldConfig::stores
  std::uint32_t to = 0;
  int count = 0;
  std::string policy;
};

struct WhatIfAlternative {
  std::string name;
  std::vector<WhatIfAction> actions;
};

// Applies an action to a paused world. Returns what it did in words ("moved 3 of 5 riders:
// condamine had 3 idle"); throws std::invalid_argument for a store or policy that does not exist.
std::string apply(World& world, const WhatIfAction& action);

// Removes every order placed at or after now() (and its arrival): the world then has no demand
// but what is added to it (the live twin's observed orders).
void drop_future_demand(World& world);

// Replaces the demand from now() on by a fresh draw with `seed`, and reseeds every store's
// service-time and sensor streams with it: the future of replication `seed`.
void redraw_future(World& world, std::uint64_t seed);

// The KPIs of one run ahead, over the orders placed in [fork, fork + horizon) and those open at
// the fork; every such order is followed to its promise's end (the run goes on promise past the
// horizon) so late orders placed near the horizon's end count.
struct HorizonKpis {
  double orders = 0;             // placed in the horizon
  double accepted = 0;           // of those, not out of every store's radius (model::accepted)
  double on_time = 0;            // accepted and delivered within the promise
  double late = 0;               // accepted and not delivered within the promise (or rejected)
  double on_time_share = 0;      // on_time / accepted (NaN with nothing accepted)
  double open_at_fork_late = 0;  // orders open at the fork that end up late
  double click_to_door_p50_min = 0;
  double click_to_door_p90_min = 0;
  double rejected = 0;  // placed in the horizon and rejected, for any reason
};
// The KPI names and values in a fixed order, for tables and JSON.
std::vector<std::pair<std::string, double>> horizon_values(const HorizonKpis& k);
HorizonKpis horizon_kpis(const RunResult& run, sim::Time fork, sim::Time horizon);

struct WhatIfOutcome {
  std::string name;
  std::vector<std::string> applied;     // what each action did (in replication 0)
  std::vector<HorizonKpis> runs;        // per replication
  std::vector<KpiInterval> kpis;        // per KPI: mean and 95% interval over replications
  std::vector<KpiInterval> difference;  // per KPI: paired difference to "as is" (empty for it)
};

// Runs "as is" and every alternative from the world's state (paused at the fork time), R
// replications each over `horizon`, on `threads` threads (0: every core); outcome 0 is "as is".
// The world itself is not changed. Throws std::invalid_argument for an invalid action.
std::vector<WhatIfOutcome> run_whatif(const World& paused,
                                      const std::vector<WhatIfAlternative>& alternatives,
                                      sim::Time horizon, int replications, std::uint64_t seed,
                                      int threads);

}  // namespace model
