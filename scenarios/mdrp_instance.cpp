#include "scenarios/mdrp_instance.h"

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

MdrpInstance read_mdrp_instance(const std::string& dir) {
  const fs::path d(dir);
  MdrpInstance inst;
  inst.name = fs::path(dir).lexically_normal().filename().string();
  if (inst.name.empty()) inst.name = fs::path(dir).lexically_normal().parent_path().filename();
  {
    const Table t = read_table(d / "instance_parameters.txt", 7);
    const auto& [line, row] = t.rows.front();
    MdrpRules& r = inst.rules;
    r.metres_per_minute = number(t, line, row, 0);
    if (r.metres_per_minute <= 0)
      throw InputError({t.path, line, 1}, "", "metres per minute above 0", row[0]);
    r.pickup_service = minutes(t, line, row, 1);
    r.dropoff_service = minutes(t, line, row, 2);
    r.target_click_to_door = minutes(t, line, row, 3);
    r.maximum_click_to_door = minutes(t, line, row, 4);
    r.pay_per_order = number(t, line, row, 5);
    r.pay_per_hour = number(t, line, row, 6);
  }
  std::map<std::string, std::size_t> restaurant_of;
  {
    const Table t = read_table(d / "restaurants.txt", 3);
    for (const auto& [line, row] : t.rows) {
      if (!restaurant_of.emplace(row[0], inst.restaurants.size()).second)
        throw InputError({t.path, line, 1}, "", "a restaurant id used once", row[0] + " again");
      inst.restaurants.push_back({row[0], number(t, line, row, 1), number(t, line, row, 2)});
    }
  }
  {
    const Table t = read_table(d / "orders.txt", 6);
    for (const auto& [line, row] : t.rows) {
      const auto r = restaurant_of.find(row[4]);
      if (r == restaurant_of.end())
        throw InputError({t.path, line, 5}, "", "a restaurant of restaurants.txt", row[4]);
      MdrpOrder o{row[0],
                  number(t, line, row, 1),
                  number(t, line, row, 2),
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
      MdrpCourier c{row[0], number(t, line, row, 1), number(t, line, row, 2),
                    minutes(t, line, row, 3), minutes(t, line, row, 4)};
      if (c.off <= c.on)
        throw InputError({t.path, line, 5}, "", "an off time after the on time", row[4]);
      inst.couriers.push_back(std::move(c));
    }
  }
  return inst;
}

Describe describe(std::vector<double> v) {
  Describe d;
  d.count = v.size();
  if (v.empty()) return d;
  std::sort(v.begin(), v.end());
  const double n = static_cast<double>(v.size());
  d.mean = std::accumulate(v.begin(), v.end(), 0.0) / n;
  double ss = 0;
  for (double x : v) ss += (x - d.mean) * (x - d.mean);
  d.std = v.size() > 1 ? std::sqrt(ss / (n - 1)) : 0;
  auto percentile = [&](double q) {
    const double k = (n - 1) * q;
    const auto f = static_cast<std::size_t>(std::floor(k));
    const std::size_t c = std::min(f + 1, v.size() - 1);
    return v[f] + (v[c] - v[f]) * (k - static_cast<double>(f));
  };
  d.min = v.front();
  d.p10 = percentile(0.1);
  d.p50 = percentile(0.5);
  d.p90 = percentile(0.9);
  d.max = v.back();
  return d;
}

}  // namespace scenarios
