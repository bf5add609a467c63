// --set overrides that cannot be applied, or that set a bad value: the error names the --set.
#include <gtest/gtest.h>

#include "scenario_test_util.h"
#include "scenarios/scenario.h"

namespace scenarios {
namespace {

using testing::error_of;
using testing::expect_error;
using testing::TempDir;

constexpr const char* kScenario = R"(name: t
network: {grid: {rows: 5, cols: 5}}
stores: [{id: a, location: {lat: 0.001, lon: 0.001}}]
fleet:
  riders:
    - {store: a, count: 3}
)";

std::optional<InputError> error_with(const std::string& override_text) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", kScenario);
  return error_of([&] { load_scenario(path, {override_text}); });
}

TEST(Override, IndexOutOfRange) {
  expect_error(
      error_with("fleet.riders[9].count=40"),
      {"--set fleet.riders[9].count=40", 0, 0, "fleet.riders[9]", "9", "an index from 0 to 0"});
}

TEST(Override, PathThroughAScalar) {
  expect_error(error_with("name.first=x"),
               {"--set name.first=x", 0, 0, "name", "'t'", "a map, to hold 'first'"});
}

TEST(Override, IndexIntoAMap) {
  expect_error(error_with("network[0]=1"),
               {"--set network[0]=1", 0, 0, "network", "a map", "a list, to index with [0]"});
}

TEST(Override, WithoutAnEqualsSign) {
  expect_error(error_with("seed"), {"--set seed", 0, 0, "", "'seed'", "KEY=VALUE"});
}

TEST(Override, BadPathSyntax) {
  expect_error(error_with("fleet..riders=1"),
               {"--set fleet..riders=1", 0, 0, "", "'fleet..riders=1'", "a dotted path"});
  expect_error(error_with("fleet.riders[x y]=1"),
               {"--set fleet.riders[x y]=1", 0, 0, "", "'fleet.riders[x y]=1'", "a dotted path"});
  expect_error(error_with("fleet.riders[]=1"),
               {"--set fleet.riders[]=1", 0, 0, "", "'fleet.riders[]=1'", "a dotted path"});
}

TEST(Override, ValueThatIsNotYaml) {
  expect_error(error_with("seed=[1, 2"),
               {"--set seed=[1, 2", 0, 0, "seed", "'[1, 2' (end of sequence flow not found)",
                "a YAML value"});
}

TEST(Override, BadValueIsValidatedLikeTheFile) {
  expect_error(error_with("seed=-1"), {"--set seed=-1", 0, 0, "seed", "'-1'", "a whole number"});
}

TEST(Override, NewKeyMustBeKnown) {
  expect_error(error_with("dispatch.epcoh=5s"), {"--set dispatch.epcoh=5s", 0, 0, "dispatch.epcoh",
                                                 "unknown key 'epcoh'", "did you mean 'epoch'?"});
}

TEST(Override, MapsCreatedOnTheWayAreChecked) {
  expect_error(error_with("demand.basket.item.mean=6"),
               {"--set demand.basket.item.mean=6", 0, 0, "demand.basket.item", "unknown key 'item'",
                "did you mean 'items'?"});
}

TEST(Override, MapValueIsCheckedInside) {
  expect_error(error_with("stores[0].location={lat: 100, lon: 2}"),
               {"--set stores[0].location={lat: 100, lon: 2}", 0, 0, "stores[0].location.lat",
                "'100' (latitude and longitude look swapped: lat: 2, lon: 100 would be a valid "
                "location)",
                "from -90 to 90"});
  expect_error(error_with("stores[0].location={lat: 100, lon: 120}"),
               {"--set stores[0].location={lat: 100, lon: 120}", 0, 0, "stores[0].location.lat",
                "'100'", "from -90 to 90"});
}

TEST(Override, EmptyValueIsNothing) {
  expect_error(error_with("fleet.riders[0].count="),
               {"--set fleet.riders[0].count=", 0, 0, "fleet.riders[0].count", "nothing"});
}

}  // namespace
}  // namespace scenarios
