// A run's warnings in kpis.json (first, under "warnings") and at the top of the report, escaped.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "routing/grid.h"
#include "sim/output/report_html.h"
#include "sim/output/run_writer.h"
#include "tests/output/run_fixture.h"

namespace output {
namespace {

TEST(WarningsOutput, KpisJsonListsThemInOrderAndAnEmptyListWithout) {
  const auto k = model::compute_kpis(testing::small_run());
  const auto j = nlohmann::ordered_json::parse(kpis_json({"small", 1, ""}, k, {"first", "second"}));
  ASSERT_TRUE(j["warnings"].is_array());
  EXPECT_EQ(j["warnings"], nlohmann::json::array({"first", "second"}));
  const auto none = nlohmann::ordered_json::parse(kpis_json({"small", 1, ""}, k));
  EXPECT_EQ(none["warnings"], nlohmann::json::array());
}

TEST(WarningsOutput, ReportShowsThemBeforeTheFigures) {
  auto run = testing::small_run();
  const routing::RoadNetwork network = routing::make_grid({3, 3, 100, 25, {48.85, 2.35}});
  const std::string plain = report_html("r", run, model::compute_kpis(run), network);
  EXPECT_EQ(plain.find("<h2>Warnings</h2>"), std::string::npos);
  run.warnings = {"a <hotspot> off the map", "shift & window"};
  const std::string html = report_html("r", run, model::compute_kpis(run), network);
  const auto section = html.find("<h2>Warnings</h2>");
  ASSERT_NE(section, std::string::npos);
  EXPECT_LT(section, html.find("<h2>Orders by hour</h2>"));
  EXPECT_NE(html.find("<li>a &lt;hotspot&gt; off the map</li>", section), std::string::npos);
  EXPECT_NE(html.find("<li>shift &amp; window</li>", section), std::string::npos);
}

}  // namespace
}  // namespace output
