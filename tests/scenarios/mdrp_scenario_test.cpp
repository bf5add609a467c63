// MDRP scenarios: what halfhour import mdrp writes loads back to the instance's own rules, keys
// and overrides change them, and every bad value is an error at its line and key.
#include "scenarios/mdrp_scenario.h"

#include <gtest/gtest.h>

#include "scenario_test_util.h"
#include "scenarios/mdrp_reader.h"

namespace {

using scenarios::testing::error_of;
using scenarios::testing::TempDir;

std::string library(const std::string& name) {
  return std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/mdrp/" + name;
}

TEST(MdrpScenario, AnImportedScenarioLoadsBackToTheInstancesOwnRules) {
  TempDir dir;
  for (const char* name : {"0o50t75s1p100", "4o100t75s2p100"}) {
    SCOPED_TRACE(name);
    const model::MdrpInstance in = scenarios::read_mdrp_instance(library(name));
    const std::string yaml =
        dir.write("s.yaml", scenarios::mdrp_scenario_yaml(in, library(name), dir.path("s.yaml")));
    EXPECT_TRUE(scenarios::is_mdrp_scenario(yaml));
    const scenarios::MdrpScenario s = scenarios::load_mdrp_scenario(yaml);
    EXPECT_EQ(s.name, name);
    EXPECT_EQ(s.instance.orders.size(), in.orders.size());
    EXPECT_EQ(s.instance.rules.metres_per_minute, in.rules.metres_per_minute);
    EXPECT_EQ(s.instance.rules.pickup_service_ms, in.rules.pickup_service_ms);
    EXPECT_EQ(s.instance.rules.dropoff_service_ms, in.rules.dropoff_service_ms);
    EXPECT_EQ(s.instance.terms.target_click_to_door, in.terms.target_click_to_door);
    EXPECT_EQ(s.instance.terms.maximum_click_to_door, in.terms.maximum_click_to_door);
    EXPECT_EQ(s.instance.terms.pay_per_order, in.terms.pay_per_order);
    EXPECT_EQ(s.instance.terms.pay_per_hour, in.terms.pay_per_hour);
    // The resolved copy of a run loads to the same scenario.
    const scenarios::MdrpScenario again =
        scenarios::load_mdrp_scenario(dir.write("resolved.yaml", s.resolved_yaml));
    EXPECT_EQ(again.resolved_yaml, s.resolved_yaml);
  }
  EXPECT_FALSE(
      scenarios::is_mdrp_scenario(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/monaco.yaml"));
}

TEST(MdrpScenario, KeysAndOverridesReplaceTheInstancesRules) {
  TempDir dir;
  const std::string yaml = dir.write("s.yaml",
                                     "name: x\n"
                                     "network: {mode: euclidean}\n"
                                     "demand: {mdrp: " +
                                         library("0o50t75s1p100") +
                                         "}\n"
                                         "service: {pickup: 6m}\n"
                                         "pay: {per_hour: 18}\n"
                                         "dispatch: {policy: nearest_idle}\n");
  const scenarios::MdrpScenario s =
      scenarios::load_mdrp_scenario(yaml, {"network.metres_per_minute=600", "promise.target=30m"});
  EXPECT_EQ(s.instance.rules.metres_per_minute, 600);
  EXPECT_EQ(s.instance.rules.pickup_service_ms, 6 * 60'000);
  EXPECT_EQ(s.instance.rules.dropoff_service_ms, 4 * 60'000);  // the instance's
  EXPECT_EQ(s.instance.terms.target_click_to_door, 30);
  EXPECT_EQ(s.instance.terms.pay_per_hour, 18);
  EXPECT_EQ(s.instance.terms.pay_per_order, 10);
  EXPECT_EQ(s.policy, "nearest_idle");
  EXPECT_EQ(s.instance.rules.travel_ms({0, 0}, {1200, 0}), 2 * 60'000);
}

TEST(MdrpScenario, EveryBadValueIsAnErrorAtItsLineAndKey) {
  TempDir dir;
  const std::string good =
      "name: x\nnetwork: {mode: euclidean}\ndemand: {mdrp: " + library("0o50t75s1p100") + "}\n";
  const struct {
    std::string text, key;
    int line;
  } cases[] = {
      {good + "promise: {target: 50m, maximum: 40m}\n", "promise.maximum", 4},
      {good + "dispatch: {epoch: 10s}\n", "dispatch.epoch", 4},
      {good + "dispatch: {max_bundle: 0}\n", "dispatch.max_bundle", 4},
      {good + "dispatch: {policy: nearest}\n", "dispatch.policy", 4},
      {good + "pay: {per_order: -1}\n", "pay.per_order", 4},
      {good + "service: {pickup: soon}\n", "service.pickup", 4},
      {good + "colour: red\n", "colour", 4},
      {"name: x\nnetwork: {mode: roads}\ndemand: {mdrp: " + library("0o50t75s1p100") + "}\n",
       "network.mode", 2},
      {"name: x\nnetwork: {mode: euclidean}\ndemand: {mdrp: nowhere}\n", "demand.mdrp", 3},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const std::string yaml = dir.write("bad.yaml", c.text);
    const auto e = error_of([&] { scenarios::load_mdrp_scenario(yaml); });
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->key(), c.key);
    EXPECT_EQ(e->where().file, yaml);
    EXPECT_EQ(e->where().line, c.line);
  }
}

}  // namespace
