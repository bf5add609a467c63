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

// Order 0 of small_run has every phase: placed at 60 s, a picker on it at 62 s, picked at 122 s,
// packed at 182 s, on its way at 242 s, at the door at 1140 s, delivered at 1260 s. Order 1
// lacks two timestamps and is left out.
TEST(ReportHtml, WhereTheMinutesGoStacksTheMeanPhasesOfTheHour) {
  const auto html = report_of(testing::small_run(), testing::grid_network());
  EXPECT_EQ(count(html, "<h2>Where the minutes go</h2>"), 1u);
  for (const char* phase :
       {"to pick start (queue) 0.0 min (1 orders)", "picking 1.0 min (1 orders)",
        "check and pack 1.0 min (1 orders)", "rider wait and hand-over 1.0 min (1 orders)",
        "ride 15.0 min (1 orders)", "at the door 2.0 min (1 orders)"})
    EXPECT_EQ(count(html, phase), 1u) << phase;
}

TEST(ReportHtml, OnTimeShareWithNothingAcceptedIsNotApplicable) {
  // Every order rejected for want of a rider: accepted and none on time, 0 %; of the delivered
  // there is no share to give.
  auto run = testing::small_run();
  for (auto& o : run.orders) {
    o.status = model::OrderStatus::rejected;
    o.reason = model::RejectReason::no_rider;
    o.delivered = sim::kNever;
  }
  const auto html = report_of(run, testing::grid_network());
  EXPECT_NE(html.find("On-time share</td><td class=\"num\">0.0 %</td>"), std::string::npos);
  EXPECT_NE(html.find("On-time share of delivered</td><td class=\"num\">n/a</td>"),
            std::string::npos);
  // Every order outside every radius (case 15-empty-trace): nothing accepted, n/a, not 0 %.
  for (auto& o : run.orders) o.reason = model::RejectReason::out_of_radius;
  const auto none = report_of(run, testing::grid_network());
  EXPECT_NE(none.find("On-time share</td><td class=\"num\">n/a</td>"), std::string::npos);
  EXPECT_EQ(none.find("On-time share</td><td class=\"num\">0.0 %"), std::string::npos);
  // With deliveries, the share as before.
  const auto half = report_of(many_deliveries(2, 2), testing::grid_network());
  EXPECT_NE(half.find("On-time share</td><td class=\"num\">50.0 %</td>"), std::string::npos);
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

TEST(ReportHtml, DrawsSixChartsWithThePromiseMarked) {
  const auto html = report_of(testing::small_run(), testing::grid_network());
  // With the stores' on-time share by hour and where the minutes go.
  EXPECT_EQ(count(html, "<svg"), 6u);
  EXPECT_EQ(count(html, "</svg>"), 6u);
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

TEST(ReportHtml, ARunWithoutDronesColdChainOrStockHasNoneOfTheirSections) {
  const auto html = report_of(testing::small_run(), testing::grid_network());
  for (const char* absent : {"Drones and riders", "Cold chain", "<h2>Stock", "Cost per",
                             "class=\"trace", "class=\"grounded\""})
    EXPECT_EQ(html.find(absent), std::string::npos) << absent;
}

TEST(ReportHtml, ShowsDronesColdChainAndStockWhenTheRunHasThem) {
  const auto html = report_of(testing::operations_run(), testing::grid_network());
  EXPECT_EQ(count(html, "<svg"), 8u);  // the six, drones in the air and the temperatures
  EXPECT_EQ(count(html, "</svg>"), 8u);
  EXPECT_EQ(count(html, "<h2>Drones and riders</h2>"), 1u);
  EXPECT_EQ(count(html, "<h2>Cold chain</h2>"), 1u);
  EXPECT_EQ(count(html, "<h2>Stock</h2>"), 1u);
  // Riders against drones, from the fixture by hand.
  EXPECT_NE(html.find("<tr><td>Deliveries</td><td class=\"num\">4</td><td "
                      "class=\"num\">2</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><td>Energy per delivery</td><td class=\"num\">&ndash;</td><td "
                      "class=\"num\">25.5 Wh</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><td>Cost per order</td><td class=\"num\">15.00</td><td "
                      "class=\"num\">5.00</td></tr>"),
            std::string::npos);
  // Samples 10 to 13 have a hub grounded: one span from 10:50 to the next sample at 11:10.
  EXPECT_EQ(count(html, "<title>grounded by weather"), 1u);
  EXPECT_NE(html.find("grounded by weather 10:50–11:10"), std::string::npos);
  EXPECT_EQ(count(html, "<path class=\"airborne-line\""), 1u);
  // Cold chain by class: chilled 1 of 5 spoiled, 23 min out; frozen 1 of 1, 12 min, 1 alert.
  EXPECT_NE(html.find("<tr><td>chilled</td><td>0 to 4 °C</td><td class=\"num\">5</td><td "
                      "class=\"num\">1</td><td class=\"num\">20.0 %</td><td "
                      "class=\"num\">23.0</td><td class=\"num\">0</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><td>frozen</td><td>-25 to -18 °C</td><td class=\"num\">1</td><td "
                      "class=\"num\">1</td><td class=\"num\">100.0 %</td><td "
                      "class=\"num\">12.0</td><td class=\"num\">1</td></tr>"),
            std::string::npos);
  // Stock, escaped.
  EXPECT_NE(html.find("<tr><td>s1</td><td>frozen, ice</td><td class=\"num\">0</td><td "
                      "class=\"num\">1</td>"),
            std::string::npos);
}

TEST(ReportHtml, ChartsTheFiveColdLinesLongestOutOfRange) {
  // Six traces, 2, 9, 5, 0, 7 and 12 minutes out of range: all but order 103.
  const auto html = report_of(testing::operations_run(), testing::grid_network());
  EXPECT_EQ(count(html, "<path class=\"trace "), 5u);
  for (const char* label : {"order 105 (frozen)", "order 101 (chilled)", "order 104 (chilled)",
                            "order 102 (chilled)", "order 100 (chilled)"})
    EXPECT_NE(html.find(label), std::string::npos) << label;
  EXPECT_EQ(html.find("order 103"), std::string::npos);
  // The worst first, in the first colour.
  EXPECT_NE(html.find("<path class=\"trace trace-0\" d=\""), std::string::npos);
  const auto first = html.find("<path class=\"trace trace-0\"");
  EXPECT_NE(html.find("order 105 (frozen): 12.0 min out of range", first), std::string::npos);
  // Both classes' ranges, each between two dashed bounds.
  EXPECT_EQ(count(html, "<rect class=\"cold-range\""), 2u);
  EXPECT_EQ(count(html, "<line class=\"range-line\""), 4u);
  EXPECT_NE(html.find("chilled 0 to 4 °C"), std::string::npos);
  EXPECT_NE(html.find("frozen -25 to -18 °C"), std::string::npos);

  // Make order 103 the worst: it comes in, order 100 (now the best) goes.
  auto run = testing::operations_run();
  run.orders[3].cold[0].outside = 30 * sim::kMinute;
  const auto changed = report_of(run, testing::grid_network());
  EXPECT_NE(changed.find("order 103 (chilled)"), std::string::npos);
  EXPECT_EQ(changed.find("order 100 ("), std::string::npos);
}

TEST(ReportHtml, HandlesAColdChainWithoutTraces) {
  auto run = testing::operations_run();
  run.traces.clear();
  const auto html = report_of(run, testing::grid_network());
  EXPECT_NE(html.find("No temperature traces"), std::string::npos);
  EXPECT_EQ(count(html, "<svg"), 8u);
}

TEST(ReportHtml, HandlesARunWithoutData) {
  model::RunResult empty;
  const auto html = report_html("empty", empty, model::compute_kpis(empty),
                                routing::make_grid({1, 1, 100, 25, testing::kOrigin}));
  EXPECT_EQ(count(html, "<svg"), 5u);
  EXPECT_NE(html.find("No delivered orders"), std::string::npos);
}

}  // namespace
}  // namespace output
