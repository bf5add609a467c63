// The scenario loader with --set overrides: the input is the scenario's YAML, then each override
// ("key=value") after a '\f'. A trace named orders.csv sits beside it. Any bytes give a scenario
// or an InputError, nothing else.
#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/input_error.h"
#include "scenarios/mdrp_scenario.h"
#include "scenarios/scenario.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::write_file("orders.csv",
                   "time,lat,lon,items\n00:05:00,48.857,2.357,2\n02:30,48.86,2.36,1\n");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fuzz::split_parts(data, size, 9);
  const std::string path = fuzz::write_file("scenario.yaml", parts[0]);
  const std::vector<std::string> sets(parts.begin() + 1, parts.end());
  try {
    if (scenarios::is_mdrp_scenario(path)) {
      scenarios::load_mdrp_scenario(path, sets);
    } else {
      const scenarios::Scenario s = scenarios::load_scenario(path, sets);
      if (s.resolved_yaml.empty()) __builtin_trap();
    }
  } catch (const scenarios::InputError&) {
  }
  return 0;
}
