// The live twin's what-if request parser (sim/twin/live_whatif.h): any bytes give a request or a
// rejection with a reason, nothing else; an accepted request is within the rules' bounds and its
// actions read back as they were written.
#include <cstdint>
#include <string_view>

#include "sim/twin/live_whatif.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  twin::WhatIfRules rules;
  rules.stores = {"north", "south"};
  rules.policies = {"nearest_idle", "batch_insertion"};
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const auto r = twin::parse_whatif_request(raw, rules);
  if (const auto* q = std::get_if<twin::WhatIfRequest>(&r)) {
    if (q->id.empty() || q->alternatives.empty() ||
        q->alternatives.size() > static_cast<std::size_t>(rules.max_alternatives) ||
        q->replications < 1 || q->replications > rules.max_replications || q->horizon < 1 ||
        q->horizon > rules.max_horizon)
      __builtin_trap();
    for (const auto& alt : q->alternatives)
      for (const auto& a : alt.actions) {
        if (a.store >= rules.stores.size() || a.count < 0 || a.count > rules.max_count)
          __builtin_trap();
        const auto again =
            twin::parse_whatif_action(twin::action_text(a, rules.stores), rules, "again");
        if (!std::holds_alternative<model::WhatIfAction>(again)) __builtin_trap();
      }
  } else {
    const auto& j = std::get<twin::WhatIfRejection>(r);
    if (j.expected.empty() || twin::whatif_rejection_json(j).empty()) __builtin_trap();
  }
  return 0;
}
