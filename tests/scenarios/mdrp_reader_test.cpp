#include "scenarios/mdrp_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario_test_util.h"
#include "sim/model/summary_stats.h"

namespace {

namespace fs = std::filesystem;
using scenarios::testing::error_of;
using scenarios::testing::TempDir;

// The statistics block that follows `title` in instance_characteristics.txt, as published:
// rows mean, std, min, 10%, 50%, 90%, max; `column` 0 or 1.
std::vector<double> published(const std::string& text, const std::string& title, int column) {
  std::istringstream in(text.substr(text.find(title)));
  std::string line;
  std::getline(in, line);
  std::vector<double> values;
  for (int k = 0; k < 7 && std::getline(in, line); ++k) {
    std::istringstream row(line);
    std::string name;
    double a = 0, b = 0;
    row >> name >> a >> b;
    values.push_back(column == 0 ? a : b);
  }
  return values;
}

double travel_minutes(const model::MdrpInstance& in, routing::PlanePoint a, routing::PlanePoint b) {
  return static_cast<double>(in.rules.travel_ms(a, b)) / 60'000;
}

double published_count(const std::string& text, const std::string& label) {
  const auto at = text.find(label);
  return std::stod(text.substr(at + label.size()));
}

TEST(MdrpReader, ReproducesEveryInstancesPublishedCharacteristics) {
  int instances = 0;
  for (const auto& entry :
       fs::directory_iterator(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/mdrp")) {
    if (!entry.is_directory()) continue;
    ++instances;
    const auto inst = scenarios::read_mdrp_instance(entry.path().string());
    std::ifstream f(entry.path() / "instance_characteristics.txt");
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string text = ss.str();
    EXPECT_EQ(inst.orders.size(), published_count(text, "number of orders:")) << inst.name;
    EXPECT_EQ(inst.restaurants.size(), published_count(text, "number of restaurants:"));
    EXPECT_EQ(inst.couriers.size(), published_count(text, "number of couriers:"));
    double hours = 0;
    for (const auto& c : inst.couriers) hours += (c.off_ms - c.on_ms) / 3'600'000.0;
    EXPECT_NEAR(hours, published_count(text, "total courier hours:"), 0.006) << inst.name;
    std::vector<double> metres, minutes;
    for (const auto& o : inst.orders) {
      const auto& r = inst.restaurants[o.restaurant];
      metres.push_back(std::hypot(o.at.x - r.at.x, o.at.y - r.at.y));
      minutes.push_back(travel_minutes(inst, r.at, o.at));
    }
    const std::string title = "meters from restaurant to delivery location";
    for (int column : {0, 1}) {
      const auto d = model::describe(column == 0 ? metres : minutes);
      const auto want = published(text, title, column);
      ASSERT_EQ(want.size(), 7u);
      const double got[] = {d.mean, d.sd, d.min, d.p10, d.p50, d.p90, d.max};
      for (int k = 0; k < 7; ++k)
        EXPECT_NEAR(got[k], want[k], 0.006) << inst.name << " column " << column << " row " << k;
    }
  }
  EXPECT_EQ(instances, 5);
}

TEST(MdrpReader, ABadRowIsAnErrorAtItsFileAndLine) {
  TempDir dir;
  dir.write("instance_parameters.txt",
            "meters_per_minute\tp\td\tt\tm\tpay\tg\n320\t4\t4\t40\t90\t10\t15\n");
  dir.write("restaurants.txt", "restaurant\tx\ty\nr1\t0\t0\n");
  dir.write("couriers.txt", "courier\tx\ty\ton_time\toff_time\nc1\t0\t0\t0\t60\n");
  dir.write("orders.txt",
            "order\tx\ty\tplacement_time\trestaurant\tready_time\no1\t1\t1\t5\tr1\t9\n"
            "o2\t1\t1\tsoon\tr1\t9\n");
  auto e = error_of([&] { scenarios::read_mdrp_instance(dir.path("")); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->where().file, dir.path("orders.txt"));
  EXPECT_EQ(e->where().line, 3);
  EXPECT_EQ(e->where().column, 4);
  EXPECT_EQ(e->found(), "'soon'");
  dir.write("orders.txt",
            "order\tx\ty\tplacement_time\trestaurant\tready_time\no1\t1\t1\t5\tr9\t9\n");
  e = error_of([&] { scenarios::read_mdrp_instance(dir.path("")); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->where().line, 2);
  EXPECT_EQ(e->found(), "r9");
  // Travel: ceil(5 m / 320 m per minute) = 1 minute; 640 m is exactly 2.
  const auto inst = [&] {
    dir.write("orders.txt",
              "order\tx\ty\tplacement_time\trestaurant\tready_time\no1\t3\t4\t5\tr1\t9\n");
    return scenarios::read_mdrp_instance(dir.path(""));
  }();
  EXPECT_EQ(travel_minutes(inst, {0, 0}, {3, 4}), 1);
  EXPECT_EQ(travel_minutes(inst, {0, 0}, {640, 0}), 2);
  EXPECT_EQ(travel_minutes(inst, {0, 0}, {640.5, 0}), 3);
}

TEST(MdrpReader, IdsSpeedsAndCoordinatesThatWouldBreakTheRunAreErrors) {
  TempDir dir;
  const std::string params = "meters_per_minute\tp\td\tt\tm\tpay\tg\n";
  const std::string orders = "order\tx\ty\tplacement_time\trestaurant\tready_time\n";
  const std::string couriers = "courier\tx\ty\ton_time\toff_time\n";
  const struct {
    std::string file, text, found;
    int line;
  } cases[] = {
      {"orders.txt", orders + "o1\t1\t1\t5\tr1\t9\no1\t2\t2\t5\tr1\t9\n", "o1 again", 3},
      {"orders.txt", orders + "r1\t1\t1\t5\tr1\t9\n", "r1 again", 2},
      {"couriers.txt", couriers + "0\t0\t0\t0\t60\n", "'0'", 2},
      {"orders.txt", orders + "o1\t1e200\t1\t5\tr1\t9\n", "'1e200'", 2},
      {"instance_parameters.txt", params + "1e-300\t4\t4\t40\t90\t10\t15\n", "1e-300", 2},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    dir.write("instance_parameters.txt", params + "320\t4\t4\t40\t90\t10\t15\n");
    dir.write("restaurants.txt", "restaurant\tx\ty\nr1\t0\t0\n");
    dir.write("couriers.txt", couriers + "c1\t0\t0\t0\t60\n");
    dir.write("orders.txt", orders + "o1\t1\t1\t5\tr1\t9\n");
    dir.write(c.file, c.text);
    const auto e = error_of([&] { scenarios::read_mdrp_instance(dir.path("")); });
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->where().file, dir.path(c.file));
    EXPECT_EQ(e->where().line, c.line);
    EXPECT_EQ(e->found(), c.found);
  }
}

}  // namespace
