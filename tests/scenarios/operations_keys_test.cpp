// The keys of the order's phases (stores[i].pick_start, pick_per_item, handover; door) and of
// the stores' rules (operations): read into the config, their defaults, the resolved YAML that
// reads back to the same scenario, and the errors of bad values.
#include <gtest/gtest.h>

#include <string>

#include "scenarios/scenario.h"
#include "tests/scenarios/scenario_test_util.h"

namespace scenarios {
namespace {

using model::Distribution;
using testing::expect_invalid;
using testing::TempDir;

// Lines 1 to 4: a store as a block, to append keys at line 5.
const std::string kStore =
    "name: t\n"
    "network: {grid: {rows: 5, cols: 5}}\n"
    "stores:\n"
    "  - {id: north, location: {lat: 0.002, lon: 0.001}}\n";

Scenario load(const std::string& text) {
  TempDir dir;
  return load_scenario(dir.write("s.yaml", text));
}

TEST(OperationsKeys, ReadEveryPhaseAndRuleAndReadBackFromTheResolvedYaml) {
  const Scenario s = load(
      "name: t\n"
      "network: {grid: {rows: 5, cols: 5}}\n"
      "stores:\n"
      "  - id: north\n"
      "    location: {lat: 0.002, lon: 0.001}\n"
      "    pick_start: {dist: fixed, mean: 15s}\n"
      "    pick_per_item: {dist: exponential, mean: 12s}\n"
      "    handover: {dist: fixed, mean: 1m}\n"
      "door: {handover: {mean: 3m}, walk_back: {dist: fixed, mean: 0s}}\n"
      "operations:\n"
      "  overtime: false\n"
      "  busy: {max_queue: 12, max_click_to_door: 25m}\n"
      "  patience: {dist: fixed, mean: 20m}\n");
  const model::StoreConfig& st = s.world.stores[0];
  EXPECT_EQ(st.pick_start.kind, Distribution::Kind::fixed);
  EXPECT_EQ(st.pick_start.mean, 15 * sim::kSecond);
  EXPECT_EQ(st.pick_per_item.kind, Distribution::Kind::exponential);
  EXPECT_EQ(st.pick_per_item.mean, 12 * sim::kSecond);
  EXPECT_EQ(st.handover.mean, sim::kMinute);
  EXPECT_EQ(s.world.door.handover.kind, Distribution::Kind::lognormal);  // the default's kind
  EXPECT_EQ(s.world.door.handover.mean, 3 * sim::kMinute);
  EXPECT_EQ(s.world.door.walk_back.mean, 0);
  const model::OperationsConfig& ops = s.world.operations;
  EXPECT_FALSE(ops.overtime);
  EXPECT_EQ(ops.busy_max_queue, 12);
  EXPECT_EQ(ops.busy_click_to_door, 25 * sim::kMinute);
  EXPECT_TRUE(ops.patience_on);
  EXPECT_EQ(ops.patience.mean, 20 * sim::kMinute);
  TempDir dir;
  const Scenario again = load_scenario(dir.write("resolved.yaml", s.resolved_yaml));
  EXPECT_EQ(again.resolved_yaml, s.resolved_yaml);
  EXPECT_EQ(again.world.operations.busy_max_queue, 12);
  EXPECT_EQ(again.world.stores[0].handover.mean, sim::kMinute);
}

TEST(OperationsKeys, DefaultsAreTheOperatorBudgetOvertimeOnAndNoBusyRuleOrPatience) {
  const Scenario s = load(kStore);
  const model::StoreConfig& st = s.world.stores[0];
  EXPECT_EQ(st.pick_start.mean, 30 * sim::kSecond);
  EXPECT_EQ(st.pick_time.mean, 60 * sim::kSecond);
  EXPECT_EQ(st.pick_per_item.mean, 18 * sim::kSecond);
  EXPECT_EQ(st.pack_time.mean, 60 * sim::kSecond);
  EXPECT_EQ(st.handover.mean, 90 * sim::kSecond);
  EXPECT_EQ(s.world.door.handover.mean, 2 * sim::kMinute);
  EXPECT_EQ(s.world.door.walk_back.mean, sim::kMinute);
  EXPECT_TRUE(s.world.operations.overtime);
  EXPECT_EQ(s.world.operations.busy_max_queue, 0);
  EXPECT_EQ(s.world.operations.busy_click_to_door, 0);
  EXPECT_FALSE(s.world.operations.patience_on);
}

TEST(OperationsKeys, BadValuesSayWhereAndWhat) {
  expect_invalid({"empty busy", kStore + "operations: {busy: {}}\n", 5, 20, "operations.busy",
                  "a map", "max_queue, max_click_to_door or both"});
  expect_invalid({"no queue", kStore + "operations: {busy: {max_queue: 0}}\n", 5, 32,
                  "operations.busy.max_queue", "'0'"});
  expect_invalid({"maybe", kStore + "operations: {overtime: maybe}\n", 5, 24, "operations.overtime",
                  "'maybe'"});
  expect_invalid(
      {"zero", kStore + "door: {handover: {mean: 0s}}\n", 5, 25, "door.handover.mean", "'0s'"});
  expect_invalid({"typo", kStore + "operations: {patiense: {mean: 5m}}\n", 5, 14,
                  "operations.patiense", "unknown key 'patiense'", "did you mean 'patience'"});
}

}  // namespace
}  // namespace scenarios
