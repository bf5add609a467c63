#include "scenarios/mdrp_reader.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
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

// A coordinate in metres: at most 100,000 km from the origin, so that travel times stay exact.
double coordinate(const Table& t, int line, const std::vector<std::string>& row, std::size_t col) {
  const double v = number(t, line, row, col);
  if (std::abs(v) > 1e8)
    throw InputError({t.path, line, static_cast<int>(col) + 1}, "",
                     "metres from -100000000 to 100000000", "'" + row[col] + "'");
  return v;
}

// Whole minutes from 0 to 100,000, as milliseconds.
std::int64_t minutes_ms(const Table& t, int line, const std::vector<std::string>& row,
                        std::size_t col) {
  const double v = number(t, line, row, col);
  if (v != std::floor(v) || v < 0 || v > 100000)
    throw InputError({t.path, line, static_cast<int>(col) + 1}, "",
                     "whole minutes from 0 to 100000", "'" + row[col] + "'");
  return static_cast<std::int64_t>(v) * 60'000;
}

// An id used once among restaurants, orders and couriers (the evaluator keeps one table of
// places), and not "0", which names a courier's on-location in its files.
void claim_id(std::set<std::string>& ids, const Table& t, int line, const std::string& id) {
  if (id.empty() || id == "0" || id.find_first_of(" \t") != std::string::npos)
    throw InputError({t.path, line, 1}, "", "an id other than 0, without spaces", "'" + id + "'");
  if (!ids.insert(id).second)
    throw InputError({t.path, line, 1}, "", "an id used once in the instance", id + " again");
}

}  // namespace

model::MdrpInstance read_mdrp_instance(const std::string& dir) {
  const fs::path d(dir);
  model::MdrpInstance inst;
  std::error_code ec;
  fs::path whole = fs::absolute(d, ec).lexically_normal();
  if (!whole.has_filename()) whole = whole.parent_path();
  inst.name = whole.filename().string();  // never "." or "..": the path is normal
  if (inst.name.empty()) inst.name = "instance";
  {
    const Table t = read_table(d / "instance_parameters.txt", 7);
    const auto& [line, row] = t.rows.front();
    routing::MdrpRules& r = inst.rules;
    r.metres_per_minute = number(t, line, row, 0);
    if (r.metres_per_minute < 1e-3 || r.metres_per_minute > 1e6)
      throw InputError({t.path, line, 1}, "", "metres per minute from 0.001 to 1000000", row[0]);
    r.pickup_service_ms = minutes_ms(t, line, row, 1);
    r.dropoff_service_ms = minutes_ms(t, line, row, 2);
    model::MdrpTerms& terms = inst.terms;
    terms.target_click_to_door = static_cast<double>(minutes_ms(t, line, row, 3)) / 60'000;
    terms.maximum_click_to_door = static_cast<double>(minutes_ms(t, line, row, 4)) / 60'000;
    terms.pay_per_order = number(t, line, row, 5);
    terms.pay_per_hour = number(t, line, row, 6);
    if (terms.pay_per_order < 0 || terms.pay_per_hour < 0)
      throw InputError({t.path, line, terms.pay_per_order < 0 ? 6 : 7}, "", "pay of 0 or more",
                       terms.pay_per_order < 0 ? row[5] : row[6]);
  }
  std::set<std::string> ids;
  std::map<std::string, std::size_t> restaurant_of;
  {
    const Table t = read_table(d / "restaurants.txt", 3);
    for (const auto& [line, row] : t.rows) {
      claim_id(ids, t, line, row[0]);
      restaurant_of.emplace(row[0], inst.restaurants.size());
      inst.restaurants.push_back(
          {row[0], {coordinate(t, line, row, 1), coordinate(t, line, row, 2)}});
    }
  }
  {
    const Table t = read_table(d / "orders.txt", 6);
    for (const auto& [line, row] : t.rows) {
      claim_id(ids, t, line, row[0]);
      const auto r = restaurant_of.find(row[4]);
      if (r == restaurant_of.end())
        throw InputError({t.path, line, 5}, "", "a restaurant of restaurants.txt", row[4]);
      model::MdrpOrder o{row[0],
                         {coordinate(t, line, row, 1), coordinate(t, line, row, 2)},
                         minutes_ms(t, line, row, 3),
                         minutes_ms(t, line, row, 5),
                         r->second};
      if (o.ready_ms < o.placement_ms)
        throw InputError({t.path, line, 6}, "", "a ready time not before the placement time",
                         row[5]);
      inst.orders.push_back(std::move(o));
    }
  }
  {
    const Table t = read_table(d / "couriers.txt", 5);
    for (const auto& [line, row] : t.rows) {
      claim_id(ids, t, line, row[0]);
      model::MdrpCourier c{row[0],
                           {coordinate(t, line, row, 1), coordinate(t, line, row, 2)},
                           minutes_ms(t, line, row, 3),
                           minutes_ms(t, line, row, 4)};
      if (c.off_ms <= c.on_ms)
        throw InputError({t.path, line, 5}, "", "an off time after the on time", row[4]);
      inst.couriers.push_back(std::move(c));
    }
  }
  return inst;
}

}  // namespace scenarios
