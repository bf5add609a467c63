// End-to-end: `halfhour mdrp` on Grubhub's five MDRP instances and both policies. Its evaluator
// files are checked against the library's rules by a reader, a route replay and a pay computation
// written here from the specification alone; then the table, reruns, bad input and a lone folder.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "e2e_util.h"

namespace fs = std::filesystem;

namespace {

constexpr double kEps = 1e-9;
const std::vector<std::string> kPolicies = {"nearest_idle", "rolling_horizon"};
// The evaluator's files: grubhub/mdrplib MDRP_code/compute_performance_summary.py reads
// assignments and couriers as whitespace-separated fields, orders as space-separated columns
// named in the header.
const std::string kAssignments = "solution_info_assignments.txt";
const std::string kOrders = "solution_info_orders.txt";
const std::string kMoves = "solution_info_couriers.txt";
const std::vector<std::string> kRunFiles = {"kpis.json", kAssignments, kOrders, kMoves,
                                            "couriers.csv"};

struct Result {
  int code = -1;
  std::string out, err;
};

using e2e::slurp;

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// Runs the binary with stdout and stderr kept apart, through files in `scratch`.
Result halfhour(const std::string& args, const fs::path& scratch) {
  const fs::path out = scratch / "halfhour.stdout", err = scratch / "halfhour.stderr";
  const std::string cmd =
      std::string(HALFHOUR_BINARY) + " " + args + " >" + quoted(out) + " 2>" + quoted(err);
  const int status = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

fs::path library() { return fs::path(HALFHOUR_SOURCE_DIR) / "scenarios" / "mdrp"; }

std::vector<std::string> instance_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(library()))
    if (fs::is_regular_file(e.path() / "orders.txt")) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, sep)) cells.push_back(cell);
  return cells;
}

// The rows of a file split at `sep` (at any run of blanks when 0), header left out.
std::vector<std::vector<std::string>> read_rows(const fs::path& file, char sep = '\t') {
  std::ifstream in(file);
  EXPECT_TRUE(in) << file;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (sep != 0) {
      rows.push_back(split(line, sep));
      continue;
    }
    std::istringstream words(line);
    rows.emplace_back(std::istream_iterator<std::string>(words),
                      std::istream_iterator<std::string>());
  }
  return rows;
}

// The position of each named column in the header of a space-separated file.
std::map<std::string, std::size_t> header_columns(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::size_t> at;
  const auto names = split(line, ' ');
  for (std::size_t k = 0; k < names.size(); ++k) at[names[k]] = k;
  return at;
}

double number(const std::string& s) {
  std::size_t used = 0;
  const double v = std::stod(s, &used);
  EXPECT_EQ(used, s.size()) << "'" << s << "' is not a number";
  return v;
}

struct Point {
  double x = 0, y = 0;
};

struct Order {
  Point at;
  double placement = 0, ready = 0;
  std::string restaurant;
};

struct Courier {
  Point at;
  double on = 0, off = 0;
};

struct Instance {
  double metres_per_minute = 0, pickup_service = 0, dropoff_service = 0, target = 0,
         pay_per_order = 0, pay_per_hour = 0;
  std::map<std::string, Point> restaurants;
  std::map<std::string, Order> orders;
  std::map<std::string, Courier> couriers;

  double travel(Point a, Point b) const {
    return std::ceil(std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)) /
                     metres_per_minute);
  }
};

Instance read_instance(const std::string& name) {
  const fs::path dir = library() / name;
  Instance in;
  const auto params = read_rows(dir / "instance_parameters.txt");
  EXPECT_EQ(params.size(), 1u);
  EXPECT_GE(params.at(0).size(), 7u);
  in.metres_per_minute = number(params[0][0]);
  in.pickup_service = number(params[0][1]);
  in.dropoff_service = number(params[0][2]);
  in.target = number(params[0][3]);
  in.pay_per_order = number(params[0][5]);
  in.pay_per_hour = number(params[0][6]);
  for (const auto& r : read_rows(dir / "restaurants.txt"))
    in.restaurants[r.at(0)] = {number(r.at(1)), number(r.at(2))};
  for (const auto& r : read_rows(dir / "orders.txt"))
    in.orders[r.at(0)] = {
        {number(r.at(1)), number(r.at(2))}, number(r.at(3)), number(r.at(5)), r.at(4)};
  for (const auto& r : read_rows(dir / "couriers.txt"))
    in.couriers[r.at(0)] = {{number(r.at(1)), number(r.at(2))}, number(r.at(3)), number(r.at(4))};
  return in;
}

struct Assignment {
  double time = 0, pickup = 0;
  std::string courier;
  std::vector<std::string> orders;
};

struct Delivery {
  std::string order;
  double placement = 0, ready = 0, pickup = 0, drop = 0;
  std::string courier;
};

struct Move {
  std::string courier;
  double depart = 0;
  std::string from, to;
};

struct Solution {
  std::vector<Assignment> assignments;
  std::vector<Delivery> deliveries;
  std::vector<Move> moves;
  std::string kpis;
};

Solution read_solution(const fs::path& dir) {
  Solution s;
  for (const auto& r : read_rows(dir / kAssignments, 0))
    s.assignments.push_back({number(r.at(0)), number(r.at(1)), r.at(2), {r.begin() + 3, r.end()}});
  auto col = header_columns(dir / kOrders);
  for (const char* name :
       {"order", "placement_time", "ready_time", "pickup_time", "dropoff_time", "courier"})
    EXPECT_TRUE(col.count(name)) << kOrders << " has no column " << name;
  for (const auto& r : read_rows(dir / kOrders, ' '))
    s.deliveries.push_back({r.at(col["order"]), number(r.at(col["placement_time"])),
                            number(r.at(col["ready_time"])), number(r.at(col["pickup_time"])),
                            number(r.at(col["dropoff_time"])), r.at(col["courier"])});
  for (const auto& r : read_rows(dir / kMoves, 0))
    s.moves.push_back({r.at(0), number(r.at(1)), r.at(2), r.at(3)});
  s.kpis = slurp(dir / "kpis.json");
  return s;
}

// The number after `"key": ` in kpis.json, the first one after `"within": {` when given.
double kpi(const std::string& json, const std::string& key, const std::string& within = "") {
  std::size_t from = 0;
  if (!within.empty()) from = json.find("\"" + within + "\": {");
  const std::string tag = "\"" + key + "\": ";
  const std::size_t at = from == std::string::npos ? from : json.find(tag, from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "kpis.json has no " << within << " " << key;
    return std::numeric_limits<double>::quiet_NaN();
  }
  return std::strtod(json.c_str() + at + tag.size(), nullptr);
}

// Empty when the two texts are equal, else their first differing line.
std::string first_difference(const std::string& a, const std::string& b) {
  if (a == b) return "";
  const auto la = split(a, '\n'), lb = split(b, '\n');
  std::size_t i = 0;
  while (i < la.size() && i < lb.size() && la[i] == lb[i]) ++i;
  const auto line = [](const std::vector<std::string>& l, std::size_t k) {
    return k < l.size() ? "'" + l[k] + "'" : std::string("(none)");
  };
  return "line " + std::to_string(i + 1) + ": " + line(la, i) + " vs " + line(lb, i);
}

// The data rows of the printed Markdown table, each a list of trimmed cells.
std::vector<std::vector<std::string>> table_rows(const std::string& markdown) {
  std::vector<std::vector<std::string>> rows;
  std::stringstream ss(markdown);
  std::string line;
  while (std::getline(ss, line)) {
    if (line.rfind("|", 0) != 0 || line.rfind("|---", 0) == 0) continue;
    std::vector<std::string> cells;
    for (std::string c : split(line.substr(1), '|')) {
      c.erase(0, c.find_first_not_of(' '));
      c.erase(c.find_last_not_of(' ') + 1);
      cells.push_back(c);
    }
    if (!cells.empty() && cells[0] != "instance") rows.push_back(cells);
  }
  return rows;
}

// Every assignment names a known courier and known orders of one restaurant.
bool assignments_are_well_formed(const Instance& in, const Solution& s) {
  bool ok = true;
  for (const Assignment& a : s.assignments) {
    const bool known = in.couriers.count(a.courier) && !a.orders.empty() &&
                       std::all_of(a.orders.begin(), a.orders.end(),
                                   [&](const std::string& o) { return in.orders.count(o) > 0; });
    EXPECT_TRUE(known) << "assignment at " << a.time << " to " << a.courier
                       << " names an unknown courier or order, or none";
    if (!known) {
      ok = false;
      continue;
    }
    const std::string& restaurant = in.orders.at(a.orders.front()).restaurant;
    for (const std::string& o : a.orders)
      EXPECT_EQ(in.orders.at(o).restaurant, restaurant)
          << o << " bundled with " << a.orders.front() << " for " << a.courier;
  }
  for (const Move& m : s.moves) {
    EXPECT_TRUE(in.couriers.count(m.courier)) << "move of unknown courier " << m.courier;
    ok = ok && in.couriers.count(m.courier);
  }
  return ok;
}

// Drives one courier's assignments by the rules and compares each step with its moves and
// the deliveries: places, departures, arrivals plus service, and readiness for new work.
void replay_courier(const Instance& in, const std::string& id,
                    const std::vector<const Assignment*>& plan,
                    const std::vector<const Move*>& moves,
                    const std::map<std::string, const Delivery*>& delivered) {
  const Courier& courier = in.couriers.at(id);
  std::string place = "0";
  Point pos = courier.at;
  double free_at = courier.on;
  std::size_t k = 0;
  const auto next_move = [&]() -> const Move* {
    if (k < moves.size()) return moves[k++];
    ADD_FAILURE() << id << " runs out of moves after " << k;
    return nullptr;
  };
  for (const Assignment* a : plan) {
    EXPECT_GE(a->time, free_at - kEps)
        << id << " given " << a->orders.front() << " before it finished at " << free_at;
    const std::string& restaurant = in.orders.at(a->orders.front()).restaurant;
    const Move* to_restaurant = next_move();
    if (!to_restaurant) return;
    EXPECT_EQ(to_restaurant->from, place) << id << " move " << k;
    EXPECT_EQ(to_restaurant->to, restaurant) << id << " move " << k;
    EXPECT_GE(to_restaurant->depart, std::max(free_at, a->time) - kEps)
        << id << " leaves " << place << " before it is free and assigned";
    const Point r = in.restaurants.at(restaurant);
    EXPECT_GE(a->pickup, to_restaurant->depart + in.travel(pos, r) + in.pickup_service / 2 - kEps)
        << id << " picks up " << a->orders.front() << " before arriving and serving";
    double leave = a->pickup + in.pickup_service / 2;
    bool leave_exactly = true;
    place = restaurant;
    pos = r;
    for (const std::string& o : a->orders) {
      const Move* m = next_move();
      if (!m) return;
      EXPECT_EQ(m->from, place) << id << " move " << k;
      EXPECT_EQ(m->to, o) << id << " move " << k;
      if (leave_exactly) {
        EXPECT_NEAR(m->depart, leave, kEps) << id << " leaving " << place;
      } else {
        EXPECT_GE(m->depart, leave - kEps) << id << " leaving " << place;
      }
      const Point drop = in.orders.at(o).at;
      const auto d = delivered.find(o);
      if (d == delivered.end()) {
        ADD_FAILURE() << o << " is assigned to " << id << " but not delivered";
        return;
      }
      EXPECT_EQ(d->second->courier, id) << o;
      EXPECT_NEAR(d->second->pickup, a->pickup, kEps) << o;
      EXPECT_NEAR(d->second->drop, m->depart + in.travel(pos, drop) + in.dropoff_service / 2, kEps)
          << o << " by " << id;
      leave = d->second->drop + in.dropoff_service / 2;
      leave_exactly = false;
      place = o;
      pos = drop;
    }
    free_at = leave;
  }
  EXPECT_EQ(k, moves.size()) << id << " has moves beyond its assignments";
}

void check_feasible(const Instance& in, const Solution& s) {
  std::set<std::string> assigned;
  for (const Assignment& a : s.assignments) {
    for (const std::string& o : a.orders) {
      EXPECT_TRUE(assigned.insert(o).second) << o << " assigned twice";
      if (!in.orders.count(o)) continue;
      const Order& order = in.orders.at(o);
      EXPECT_GE(a.time, order.placement) << o << " assigned before it was placed";
      EXPECT_GE(a.pickup, order.ready) << o << " picked up before it was ready";
    }
    if (!in.couriers.count(a.courier)) continue;
    EXPECT_LE(a.pickup, in.couriers.at(a.courier).off)
        << a.courier << " picks up after its off time";
    EXPECT_GE(a.time, in.couriers.at(a.courier).on) << a.courier << " assigned before its on time";
  }
  std::map<std::string, const Delivery*> delivered;
  for (const Delivery& d : s.deliveries) {
    EXPECT_TRUE(delivered.emplace(d.order, &d).second) << d.order << " delivered twice";
    EXPECT_TRUE(assigned.count(d.order)) << d.order << " delivered without an assignment";
  }
  if (!assignments_are_well_formed(in, s)) return;

  std::map<std::string, std::vector<const Assignment*>> plans;
  for (const Assignment& a : s.assignments) plans[a.courier].push_back(&a);
  std::map<std::string, std::vector<const Move*>> routes;
  std::string previous;
  for (const Move& m : s.moves) {
    if (m.courier != previous) {
      EXPECT_FALSE(routes.count(m.courier)) << "moves of " << m.courier << " are not together";
    }
    routes[m.courier].push_back(&m);
    previous = m.courier;
  }
  for (const auto& [id, courier] : in.couriers)
    replay_courier(in, id, plans[id], routes[id], delivered);
}

class MdrpEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = fs::temp_directory_path() / ("halfhour-mdrp-e2e-" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    first_ = halfhour("mdrp " + quoted(library()) + " --out " + quoted(runs_dir()), root_);
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  void SetUp() override {
    scratch_ = root_ / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::create_directories(scratch_);
  }

  static fs::path runs_dir() { return root_ / "runs"; }

  // Calls check(instance, solution) for every instance and policy of the first run.
  template <typename Check>
  static void for_each_run(Check check) {
    ASSERT_EQ(first_.code, 0) << first_.err;
    const auto names = instance_names();
    ASSERT_EQ(names.size(), 5u);
    for (const std::string& name : names) {
      const Instance in = read_instance(name);
      for (const std::string& policy : kPolicies) {
        SCOPED_TRACE(name + " / " + policy);
        const fs::path dir = runs_dir() / name / policy;
        ASSERT_TRUE(fs::is_directory(dir)) << dir;
        check(in, read_solution(dir));
      }
    }
  }

  static inline fs::path root_;
  static inline Result first_;
  fs::path scratch_;
};

TEST_F(MdrpEndToEnd, NoOrderBeatsTheRulesLowerBound) {
  for_each_run([](const Instance& in, const Solution& s) {
    EXPECT_FALSE(s.deliveries.empty());
    std::set<std::string> seen;
    for (const Delivery& d : s.deliveries) {
      EXPECT_TRUE(seen.insert(d.order).second) << d.order << " delivered twice";
      const auto it = in.orders.find(d.order);
      if (it == in.orders.end()) {
        ADD_FAILURE() << d.order << " is not an order of the instance";
        continue;
      }
      const Order& o = it->second;
      EXPECT_EQ(d.placement, o.placement) << d.order;
      EXPECT_EQ(d.ready, o.ready) << d.order;
      const double least = (o.ready - o.placement) + in.pickup_service / 2 +
                           in.travel(in.restaurants.at(o.restaurant), o.at) +
                           in.dropoff_service / 2;
      EXPECT_GE(d.drop - o.placement, least - kEps) << d.order << " by " << d.courier;
    }
  });
}

TEST_F(MdrpEndToEnd, EverySolutionPassesTheEvaluatorsChecks) {
  for_each_run([](const Instance& in, const Solution& s) {
    EXPECT_FALSE(s.assignments.empty());
    check_feasible(in, s);
  });
}

TEST_F(MdrpEndToEnd, PayIsTheRuleAppliedToEachCourier) {
  for_each_run([](const Instance& in, const Solution& s) {
    std::map<std::string, int> delivered_by;
    std::vector<double> click_to_door;
    for (const Delivery& d : s.deliveries) {
      EXPECT_TRUE(in.couriers.count(d.courier)) << d.order << " by unknown " << d.courier;
      ++delivered_by[d.courier];
      click_to_door.push_back(d.drop - d.placement);
    }
    double total = 0, hours = 0;
    int on_minimum = 0;
    for (const auto& [id, c] : in.couriers) {
      const double earned = in.pay_per_order * delivered_by[id];
      const double guaranteed = in.pay_per_hour * (c.off - c.on) / 60;
      total += std::max(earned, guaranteed);
      hours += (c.off - c.on) / 60;
      if (earned < guaranteed) ++on_minimum;
    }
    const double n = static_cast<double>(s.deliveries.size());
    EXPECT_NEAR(kpi(s.kpis, "total_compensation"), total, 1e-6 * total);
    EXPECT_NEAR(kpi(s.kpis, "couriers_on_guaranteed_minimum"),
                on_minimum / static_cast<double>(in.couriers.size()), kEps);
    EXPECT_EQ(kpi(s.kpis, "orders"), static_cast<double>(in.orders.size()));
    EXPECT_EQ(kpi(s.kpis, "orders_delivered"), n);
    EXPECT_NEAR(kpi(s.kpis, "orders_per_courier_hour"), n / hours, kEps);
    ASSERT_FALSE(click_to_door.empty());
    double sum = 0;
    for (const double t : click_to_door) sum += t;
    const double within = static_cast<double>(std::count_if(
        click_to_door.begin(), click_to_door.end(), [&](double t) { return t <= in.target; }));
    EXPECT_EQ(kpi(s.kpis, "count", "click_to_door_min"), n);
    EXPECT_NEAR(kpi(s.kpis, "mean", "click_to_door_min"), sum / n, kEps);
    EXPECT_NEAR(kpi(s.kpis, "max", "click_to_door_min"),
                *std::max_element(click_to_door.begin(), click_to_door.end()), kEps);
    EXPECT_NEAR(kpi(s.kpis, "within_target"), within / n, kEps);
  });
}

TEST_F(MdrpEndToEnd, UtilisationIsRidingAndServiceOverTheShiftAsTheEvaluatorCountsIt) {
  for_each_run([](const Instance& in, const Solution& s) {
    std::map<std::string, double> busy;
    for (const Move& m : s.moves) {
      const Courier& c = in.couriers.at(m.courier);
      const auto where = [&](const std::string& id) {
        if (id == "0") return c.at;
        if (in.restaurants.count(id)) return in.restaurants.at(id);
        return in.orders.at(id).at;
      };
      busy[m.courier] += in.travel(where(m.from), where(m.to));
    }
    for (const Assignment& a : s.assignments) busy[a.courier] += in.pickup_service;
    for (const Delivery& d : s.deliveries) busy[d.courier] += in.dropoff_service;
    double sum = 0;
    for (const auto& [id, c] : in.couriers) sum += busy[id] / (c.off - c.on);
    EXPECT_NEAR(kpi(s.kpis, "mean", "courier_utilisation"), sum / in.couriers.size(), 1e-9);
  });
}

TEST_F(MdrpEndToEnd, TheTableHasEveryInstanceByPolicyAndRerunsIdentically) {
  ASSERT_EQ(first_.code, 0) << first_.err;
  const auto rows = table_rows(first_.out);
  EXPECT_EQ(rows.size(), 10u) << first_.out;
  std::set<std::pair<std::string, std::string>> expected, found;
  for (const std::string& name : instance_names())
    for (const std::string& policy : kPolicies) expected.emplace(name, policy);
  for (const auto& row : rows) {
    ASSERT_GE(row.size(), 4u) << first_.out;
    found.emplace(row[0], row[1]);
    const auto deliveries = read_rows(runs_dir() / row[0] / row[1] / kOrders, ' ');
    EXPECT_EQ(row[2], std::to_string(read_instance(row[0]).orders.size())) << row[0];
    EXPECT_EQ(row[3], std::to_string(deliveries.size())) << row[0] << " " << row[1];
  }
  EXPECT_EQ(found, expected);

  for (const char* jobs : {"1", "2"}) {
    SCOPED_TRACE(std::string("--jobs ") + jobs);
    const fs::path out = scratch_ / jobs;
    const auto again = halfhour(
        "mdrp " + quoted(library()) + " --jobs " + jobs + " --out " + quoted(out), scratch_);
    ASSERT_EQ(again.code, 0) << again.err;
    EXPECT_EQ(first_difference(again.out, first_.out), "") << "stdout";
    for (const char* f : {"comparison.md", "comparison.csv"})
      EXPECT_EQ(first_difference(slurp(out / f), slurp(runs_dir() / f)), "") << f;
    for (const auto& [name, policy] : expected)
      for (const std::string& f : kRunFiles)
        EXPECT_EQ(
            first_difference(slurp(out / name / policy / f), slurp(runs_dir() / name / policy / f)),
            "")
            << name << "/" << policy << "/" << f;
  }
}

TEST_F(MdrpEndToEnd, BadInputIsOneMessageAndExitTwo) {
  const fs::path broken = scratch_ / "broken";
  fs::copy(library() / instance_names().front(), broken);
  {
    const std::string orders = slurp(broken / "orders.txt");
    std::vector<std::string> lines = split(orders, '\n');
    ASSERT_GE(lines.size(), 3u);
    std::vector<std::string> cells = split(lines[2], '\t');
    ASSERT_EQ(cells.size(), 6u);
    cells[3] = "soon";
    std::string line = cells[0];
    for (std::size_t i = 1; i < cells.size(); ++i) line += "\t" + cells[i];
    lines[2] = line;
    std::ofstream out(broken / "orders.txt", std::ios::binary | std::ios::trunc);
    for (const std::string& l : lines) out << l << "\n";
  }
  const struct {
    std::string args, names;
  } cases[] = {
      {quoted(broken), "orders.txt:3"},
      {quoted(library()) + " --policy nope", "nope"},
      {quoted(scratch_ / "missing"), "missing"},
  };
  int k = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    const fs::path out = scratch_ / ("out" + std::to_string(k++));
    const auto r = halfhour("mdrp " + c.args + " --out " + quoted(out), scratch_);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find(c.names), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(fs::exists(out));
  }
}

TEST_F(MdrpEndToEnd, AnyLibraryInstanceRunsFromItsFolderAlone) {
  ASSERT_EQ(first_.code, 0) << first_.err;
  const auto library_rows = table_rows(first_.out);
  for (const std::string& name : instance_names()) {
    SCOPED_TRACE(name);
    const std::string renamed = "renamed-" + name;
    fs::copy(library() / name, scratch_ / renamed);
    const auto r = halfhour("mdrp " + quoted(scratch_ / renamed), scratch_);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto rows = table_rows(r.out);
    ASSERT_EQ(rows.size(), 2u) << r.out;
    std::set<std::string> policies;
    for (auto row : rows) {
      ASSERT_GE(row.size(), 2u) << r.out;
      EXPECT_EQ(row[0], renamed);
      policies.insert(row[1]);
      row[0] = name;
      EXPECT_EQ(std::count(library_rows.begin(), library_rows.end(), row), 1)
          << "the " << row[1] << " row differs from the library run's";
    }
    EXPECT_EQ(policies, std::set<std::string>(kPolicies.begin(), kPolicies.end()));
  }
}

TEST_F(MdrpEndToEnd, AnImportedScenarioRunsTheSameDayAndTakesEditedRules) {
  ASSERT_EQ(first_.code, 0) << first_.err;
  const std::string name = instance_names().back();
  const fs::path yaml = scratch_ / "imported.yaml";
  auto r = halfhour("import mdrp " + quoted(library() / name) + " -o " + quoted(yaml), scratch_);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const std::string& policy : kPolicies) {
    SCOPED_TRACE(policy);
    const fs::path out = scratch_ / ("out-" + policy);
    r = halfhour("run " + quoted(yaml) + " --out " + quoted(out) +
                     " --set dispatch.policy=" + policy + " -q",
                 scratch_);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(fs::is_regular_file(out / name / "scenario.yaml"));
    for (const std::string& f : {kOrders, kAssignments, kMoves})
      EXPECT_EQ(first_difference(slurp(out / name / f), slurp(runs_dir() / name / policy / f)), "")
          << f;
  }
  // Couriers twice as fast and a longer pickup: the replay checks the edited rules.
  Instance edited = read_instance(name);
  edited.metres_per_minute *= 2;
  edited.pickup_service = 6;
  const fs::path out = scratch_ / "out-edited";
  r = halfhour("run " + quoted(yaml) + " --out " + quoted(out) + " -q --set " +
                   "network.metres_per_minute=" + std::to_string(edited.metres_per_minute) +
                   " --set service.pickup=6m",
               scratch_);
  ASSERT_EQ(r.code, 0) << r.err;
  const Solution faster = read_solution(out / name);
  check_feasible(edited, faster);
  EXPECT_LT(
      kpi(faster.kpis, "mean", "click_to_door_min"),
      kpi(read_solution(runs_dir() / name / "rolling_horizon").kpis, "mean", "click_to_door_min"));
}

TEST_F(MdrpEndToEnd, ASweepOverAnMdrpScenarioRecordsWhatEachRunReports) {
  const std::string name = instance_names().front();
  const fs::path yaml = scratch_ / "base.yaml";
  ASSERT_EQ(
      halfhour("import mdrp " + quoted(library() / name) + " -o " + quoted(yaml), scratch_).code,
      0);
  {
    std::ofstream sweep(scratch_ / "sweep.yaml");
    sweep << "name: bundles\nbase: base.yaml\nreplications: 1\n"
             "factors:\n  - {key: dispatch.max_bundle, values: [1, 3]}\n";
  }
  const auto r =
      halfhour("sweep " + quoted(scratch_ / "sweep.yaml") + " -q --db " +
                   quoted(scratch_ / "s.sqlite") + " --csv " + quoted(scratch_ / "s.csv"),
               scratch_);
  ASSERT_EQ(r.code, 0) << r.err;
  std::ifstream csv(scratch_ / "s.csv");
  std::string line;
  std::getline(csv, line);
  const auto header = split(line, ',');
  const auto column = std::find(header.begin(), header.end(), "click_to_door_mean_min");
  ASSERT_NE(column, header.end()) << line;
  int rows = 0;
  for (; std::getline(csv, line); ++rows) {
    const auto cells = split(line, ',');
    ASSERT_EQ(cells.size(), header.size()) << line;
    const std::string bundle =
        cells[std::find(header.begin(), header.end(), "dispatch.max_bundle") - header.begin()];
    const fs::path out = scratch_ / ("run-" + bundle);
    const auto run = halfhour(
        "run " + quoted(yaml) + " -q --out " + quoted(out) + " --set dispatch.max_bundle=" + bundle,
        scratch_);
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_NEAR(number(cells[column - header.begin()]),
                kpi(slurp(out / name / "kpis.json"), "mean", "click_to_door_min"), 1e-9)
        << "max_bundle " << bundle;
  }
  EXPECT_EQ(rows, 2);
}

}  // namespace
