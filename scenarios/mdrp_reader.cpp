#include "scenarios/mdrp_reader.h"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

#include "scenarios/input_error.h"

namespace scenarios {

namespace {

namespace fs = std::filesystem;

// The rows of a tab-separated file with a header, each with its line number.
struct Table {
  std::string path;
  std::vector<std::pair<int, std::vector<std::string>>> rows;
};

Table read_table(const fs::path& path, std::size_t columns) {
  std::ifstream in(path);
  if (!in) throw InputError({path.string(), 0, 0}, "", "an MDRP instance file", "no such file");
  Table t{path.string(), {}};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 || line.find_first_not_of(" \t") == std::string::npos) continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, '\t');) fields.push_back(f);
    if (fields.size() != columns)
      throw InputError({t.path, number, 1}, "", fmt::format("{} tab-separated fields", columns),
                       fmt::format("{}", fields.size()));
    t.rows.emplace_back(number, std::move(fields));
  }
  if (t.rows.empty()) throw InputError({t.path, number, 0}, "", "at least one row", "none");
  return t;
}

double number(const Table& t, int line, const std::vector<std::string>& row, std::size_t col) {
  const std::string& s = row[col];
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != s.size() || !std::isfinite(v))
    throw InputError({t.path, line, static_cast<int>(col) + 1}, "", "a number", "'" + s + "'");
  return v;
}

int minutes(const Table& t, int line, const std::vector<std::string>& row, std::size_t col) {
  const double v = number(t, line, row, col);
  if (v != std::floor(v) || v < 0 || v > 100000)
    throw InputError({t.path, line, static_cast<int>(col) + 1}, "",
                     "whole minutes from 0 to 100000", "'" + row[col] + "'");
  return static_cast<int>(v);
}

}  // namespace

model::MdrpInstance read_mdrp_instance(const std::string& dir) {
  const fs::path d(dir);
  model::MdrpInstance inst;
  inst.name = fs::path(dir).lexically_normal().filename().string();
  if (inst.name.empty()) inst.name = fs::path(dir).lexically_normal().parent_path().filename();
  {
    const Table t = read_table(d / "instance_parameters.txt", 7);
    const auto& [line, row] = t.rows.front();
    routing::MdrpRules& r = inst.rules;
    r.metres_per_minute = number(t, line, row, 0);
    if (r.metres_per_minute <= 0)
      throw InputError({t.path, line, 1}, "", "metres per minute above 0", row[0]);
    r.pickup_service_ms = minutes(t, line, row, 1) * std::int64_t{60'000};
    r.dropoff_service_ms = minutes(t, line, row, 2) * std::int64_t{60'000};
    model::MdrpTerms& terms = inst.terms;
    terms.target_click_to_door = minutes(t, line, row, 3);
    terms.maximum_click_to_door = minutes(t, line, row, 4);
    terms.pay_per_order = number(t, line, row, 5);
    terms.pay_per_hour = number(t, line, row, 6);
    if (terms.pay_per_order < 0 || terms.pay_per_hour < 0)
      throw InputError({t.path, line, terms.pay_per_order < 0 ? 6 : 7}, "", "pay of 0 or more",
                       terms.pay_per_order < 0 ? row[5] : row[6]);
  }
  std::map<std::string, std::size_t> restaurant_of;
  {
    const Table t = read_table(d / "restaurants.txt", 3);
    for (const auto& [line, row] : t.rows) {
      if (!restaurant_of.emplace(row[0], inst.restaurants.size()).second)
        throw InputError({t.path, line, 1}, "", "a restaurant id used once", row[0] + " again");
      inst.restaurants.push_back({row[0], {number(t, line, row, 1), number(t, line, row, 2)}});
    }
  }
  {
    const Table t = read_table(d / "orders.txt", 6);
    for (const auto& [line, row] : t.rows) {
      const auto r = restaurant_of.find(row[4]);
      if (r == restaurant_of.end())
        throw InputError({t.path, line, 5}, "", "a restaurant of restaurants.txt", row[4]);
      model::MdrpOrder o{row[0],
                         {number(t, line, row, 1), number(t, line, row, 2)},
                         minutes(t, line, row, 3),
                         minutes(t, line, row, 5),
                         r->second};
      if (o.ready < o.placement)
        throw InputError({t.path, line, 6}, "", "a ready time not before the placement time",
                         row[5]);
      inst.orders.push_back(std::move(o));
    }
  }
  {
    const Table t = read_table(d / "couriers.txt", 5);
    for (const auto& [line, row] : t.rows) {
      model::MdrpCourier c{row[0],
                           {number(t, line, row, 1), number(t, line, row, 2)},
                           minutes(t, line, row, 3),
                           minutes(t, line, row, 4)};
      if (c.off <= c.on)
        throw InputError({t.path, line, 5}, "", "an off time after the on time", row[4]);
      inst.couriers.push_back(std::move(c));
    }
  }
  return inst;
}

}  // namespace scenarios
