# The scenario library's sources, also compiled by the fuzz build (tests/fuzz) with its own flags.
set(halfhour_scenarios_sources
  input_error.cpp
  units.cpp
  yaml_reader.cpp
  overrides.cpp
  trace_csv.cpp
  resolved_yaml.cpp
  key_readers.cpp
  logistics_keys.cpp
  drone_keys.cpp
  operations_keys.cpp
  scenario_loader.cpp
  scenario_checks.cpp
  sweep.cpp
  mdrp_reader.cpp
  mdrp_scenario.cpp)
