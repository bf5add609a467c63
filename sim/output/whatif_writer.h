// The outputs of halfhour whatif: whatif.json (every alternative's KPIs over the horizon, each
// as mean and 95% interval over the replications, and the paired difference to "as is") and
// whatif.html (the same as a small self-contained report), written atomically into one folder.
#pragma once

#include <string>
#include <vector>

#include "sim/model/whatif.h"

namespace output {

struct WhatIfInfo {
  std::string scenario;      // its name
  std::string fork_clock;    // "18:00"
  std::string horizon_text;  // "1h"
  int replications = 0;
  std::uint64_t seed = 0;
};

std::string whatif_json(const WhatIfInfo& info, const std::vector<model::WhatIfOutcome>& outcomes);
std::string whatif_html(const WhatIfInfo& info, const std::vector<model::WhatIfOutcome>& outcomes);
// Writes both into `dir` (replaced atomically); throws std::runtime_error on an I/O failure.
void write_whatif(const std::string& dir, const WhatIfInfo& info,
                  const std::vector<model::WhatIfOutcome>& outcomes);

}  // namespace output
