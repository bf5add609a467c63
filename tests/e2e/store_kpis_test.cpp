// End-to-end: each store's figures in kpis.json are the city's figures restricted to that store's
// orders, worked out here again from orders.csv; timeseries.csv's store rows add up to the city.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string f;
  while (std::getline(in, f, ',')) out.push_back(f);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

// Rows of a CSV file as column name -> value (no quoted fields in these scenarios).
std::vector<std::map<std::string, std::string>> csv_rows(const std::string& text) {
  std::stringstream in(text);
  std::string line;
  std::getline(in, line);
  const auto header = fields(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    const auto values = fields(line);
    auto& row = rows.emplace_back();
    for (std::size_t c = 0; c < header.size() && c < values.size(); ++c) row[header[c]] = values[c];
  }
  return rows;
}

// Nearest-rank percentile, as a planner's spreadsheet would take it.
double nearest_rank(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::max<std::size_t>(k, 1) - 1];
}

TEST(StoreKpis, EachStoresFiguresAreTheCitysRestrictedToItsOrders) {
  const fs::path dir = fs::temp_directory_path() / "halfhour-e2e-store-kpis";
  fs::remove_all(dir);
  const auto r = e2e::run_halfhour("run -q " + std::string(HALFHOUR_SOURCE_DIR) +
                                   "/scenarios/grid-small.yaml --out " + dir.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const auto kpis = nlohmann::json::parse(e2e::slurp(dir / "grid-small" / "kpis.json"));
  const auto orders = csv_rows(e2e::slurp(dir / "grid-small" / "orders.csv"));
  constexpr double kPromiseS = 30 * 60;  // grid-small.yaml: promise 30m

  struct Counted {
    int accepted = 0, on_time = 0, delivered = 0;
    std::map<std::string, int> rejected;
    std::vector<double> click_to_door_min;
  };
  std::map<std::string, Counted> by_store;
  Counted city;
  for (const auto& o : orders) {
    for (Counted* c : {&city, &by_store[o.at("store")]}) {
      if (o.at("reason") != "out_of_radius") ++c->accepted;
      if (o.at("status") == "rejected") ++c->rejected[o.at("reason")];
      if (o.at("status") != "delivered") continue;
      const double s = std::stod(o.at("delivered_s")) - std::stod(o.at("placed_s"));
      ++c->delivered;
      c->on_time += s <= kPromiseS;
      c->click_to_door_min.push_back(s / 60);
    }
  }
  EXPECT_DOUBLE_EQ(kpis["on_time_share"].get<double>(), double(city.on_time) / city.accepted);
  ASSERT_EQ(kpis["stores"].size(), 2u);
  int rejected_somewhere = 0;
  for (const auto& store : kpis["stores"]) {
    const std::string id = store["id"];
    SCOPED_TRACE(id);
    const Counted& c = by_store.at(id);
    EXPECT_EQ(store["orders"]["accepted"].get<int>(), c.accepted);
    EXPECT_EQ(store["orders"]["delivered"].get<int>(), c.delivered);
    EXPECT_DOUBLE_EQ(store["on_time_share"].get<double>(), double(c.on_time) / c.accepted);
    EXPECT_DOUBLE_EQ(store["on_time_share_of_delivered"].get<double>(),
                     double(c.on_time) / c.delivered);
    EXPECT_NEAR(store["click_to_door_min"]["p90"].get<double>(),
                nearest_rank(c.click_to_door_min, 0.9), 1e-6);
    for (const auto& [reason, n] : c.rejected)
      EXPECT_EQ(store["orders"]["rejected_by_reason"][reason].get<int>(), n) << reason;
    rejected_somewhere += store["orders"]["rejected"].get<int>();
    // The store's hours add up to the store.
    int hours_accepted = 0;
    for (const auto& h : store["hours"]) hours_accepted += h["orders"]["accepted"].get<int>();
    EXPECT_EQ(hours_accepted, c.accepted);
  }
  // grid-small's south store is short of riders: the honest share is below the delivered one.
  EXPECT_GT(rejected_somewhere, 0);
  EXPECT_LT(kpis["on_time_share"].get<double>(), kpis["on_time_share_of_delivered"].get<double>());

  // timeseries.csv: at every sample time the stores have placed at most the city's orders, and
  // by the end exactly the city's less those no store took.
  std::map<double, std::map<std::string, int>> placed;  // time -> store -> placed
  for (const auto& row : csv_rows(e2e::slurp(dir / "grid-small" / "timeseries.csv")))
    placed[std::stod(row.at("time_s"))][row.at("store")] = std::stoi(row.at("placed"));
  ASSERT_FALSE(placed.empty());
  for (const auto& [time, stores] : placed) {
    ASSERT_EQ(stores.size(), 3u) << time;
    EXPECT_LE(stores.at("north") + stores.at("south"), stores.at("city")) << time;
  }
  const auto& last = placed.rbegin()->second;
  EXPECT_EQ(last.at("north"), by_store.at("north").accepted);
  EXPECT_EQ(last.at("city") - last.at("north") - last.at("south"),
            static_cast<int>(orders.size()) - by_store.at("north").accepted -
                by_store.at("south").accepted);
  fs::remove_all(dir);
}

TEST(StoreKpis, ReplicationsGiveEachStoresMeanOverItsRuns) {
  const fs::path dir = fs::temp_directory_path() / "halfhour-e2e-store-replications";
  fs::remove_all(dir);
  const auto r =
      e2e::run_halfhour("run " + std::string(HALFHOUR_SOURCE_DIR) +
                        "/scenarios/grid-small.yaml --replications 3 --out " + dir.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const auto summary = nlohmann::json::parse(e2e::slurp(dir / "grid-small" / "replications.json"));
  double sum = 0;
  for (int k = 0; k < 3; ++k) {
    const auto run = nlohmann::json::parse(
        e2e::slurp(dir / "grid-small" / ("rep-" + std::to_string(k)) / "kpis.json"));
    for (const auto& store : run["stores"])
      if (store["id"] == "south") sum += store["on_time_share"].get<double>();
  }
  EXPECT_NEAR(summary["stores"]["south"]["on_time_share"]["mean"].get<double>(), sum / 3, 1e-12);
  // One line per store and KPI in the printed summary, starting with the store's id.
  EXPECT_NE(r.out.find("  south on_time_share "), std::string::npos) << r.out;
  fs::remove_all(dir);
}

}  // namespace
