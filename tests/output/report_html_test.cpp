#include "sim/output/report_html.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "routing/grid.h"
#include "tests/output/run_fixture.h"

namespace output {
namespace {

std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

std::string report_of(const model::RunResult& run, const routing::RoadNetwork& network) {
  return report_html("small <run>", run, model::compute_kpis(run), network);
}

// The `d` attribute of the road path.
std::string road_path(const std::string& html) {
  const auto start = html.find("<path class=\"roads\" d=\"");
  if (start == std::string::npos) return "";
  const auto from = start + std::string_view("<path class=\"roads\" d=\"").size();
  return html.substr(from, html.find('"', from) - from);
}

// `late` orders delivered after the promise, the others on time, spread over the grid.
model::RunResult many_deliveries(int on_time, int late) {
  auto run = testing::small_run();
  run.orders.clear();
  for (int i = 0; i < on_time + late; ++i) {
    model::OrderRecord o;
    o.id = static_cast<std::uint32_t>(i);
    o.store = 0;
    o.location = routing::offset(testing::kOrigin, i % 200, i / 200);
    o.status = model::OrderStatus::delivered;
    o.placed = i * sim::kSecond;
    o.delivered = o.placed + (i < on_time ? 25 : 35) * sim::kMinute;
    run.orders.push_back(o);
  }
  return run;
}

TEST(ReportHtml, IsSelfContained) {
  const auto html = report_of(testing::small_run(), testing::grid_network());
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(ReportHtml, DrawsFourChartsWithThePromiseMarked) {
  const auto html = report_of(testing::small_run(), testing::grid_network());
  EXPECT_EQ(count(html, "<svg"), 4u);
  EXPECT_EQ(count(html, "</svg>"), 4u);
  EXPECT_EQ(count(html, "<line class=\"promise\""), 1u);
  EXPECT_NE(html.find("promise 30 min"), std::string::npos);
  EXPECT_NE(html.find(">10:00<"), std::string::npos);  // first hour on the clock axis
  EXPECT_NE(html.find(">11:00<"), std::string::npos);
}

TEST(ReportHtml, MarksEachLateDeliveryInRed) {
  const auto html = report_of(testing::small_run(), testing::grid_network());
  EXPECT_EQ(count(html, "class=\"late\""), 1u);
  EXPECT_EQ(count(html, "class=\"ontime\""), 1u);
  EXPECT_EQ(count(html, "class=\"store\""), 2u);

  const auto more = report_of(many_deliveries(700, 300), testing::grid_network());
  EXPECT_EQ(count(more, "class=\"late\""), 300u);
  EXPECT_EQ(count(more, "class=\"ontime\""), 700u);
}

TEST(ReportHtml, SubsamplesDotsDeterministically) {
  const auto run = many_deliveries(4000, 2000);
  const auto html = report_of(run, testing::grid_network());
  const auto late = count(html, "class=\"late\"");
  const auto on_time = count(html, "class=\"ontime\"");
  EXPECT_EQ(late + on_time, 3000u);
  EXPECT_EQ(late, 1500u);
  EXPECT_EQ(html, report_of(run, testing::grid_network()));
}

TEST(ReportHtml, DrawsEachTwoWayRoadOnce) {
  // 3 x 3 grid: 6 horizontal and 6 vertical segments.
  const auto path = road_path(report_of(testing::small_run(), testing::grid_network()));
  EXPECT_EQ(count(path, "M"), 12u);
  EXPECT_EQ(count(path, "L"), 12u);
}

TEST(ReportHtml, DrawsASubsetOfALargeNetwork) {
  // 150 x 150 grid: 2 * 150 * 149 = 44700 segments, over the limit of 40000.
  const auto big = routing::make_grid({150, 150, 50, 25, testing::kOrigin});
  const auto html = report_of(testing::small_run(), big);
  EXPECT_EQ(count(road_path(html), "M"), 40000u);
  EXPECT_NE(html.find("40000 of 44700 road segments"), std::string::npos);
}

TEST(ReportHtml, EscapesNamesAndStoreIds) {
  const auto html = report_of(testing::small_run(), testing::grid_network());
  EXPECT_NE(html.find("small &lt;run&gt;"), std::string::npos);
  EXPECT_EQ(html.find("small <run>"), std::string::npos);
  EXPECT_NE(html.find("A&amp;B, &quot;Mitte&quot; &lt;1&gt;"), std::string::npos);
  EXPECT_EQ(html.find("Mitte\" <1>"), std::string::npos);
}

TEST(ReportHtml, HandlesARunWithoutData) {
  model::RunResult empty;
  const auto html = report_html("empty", empty, model::compute_kpis(empty),
                                routing::make_grid({1, 1, 100, 25, testing::kOrigin}));
  EXPECT_EQ(count(html, "<svg"), 4u);
  EXPECT_NE(html.find("No delivered orders"), std::string::npos);
}

}  // namespace
}  // namespace output
