#include "scenarios/trace_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>

#include <fmt/core.h>

#include "scenarios/input_error.h"
#include "scenarios/units.h"

namespace scenarios {

namespace {

constexpr int kMaxItems = 1000;

struct Field {
  std::string text;
  int column = 1;  // 1-based character column where the text starts
};

std::vector<Field> split(const std::string& line) {
  std::vector<Field> fields(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == ',') {
      fields.push_back({"", static_cast<int>(i) + 2});
    } else {
      fields.back().text += line[i];
    }
  }
  for (auto& f : fields) {
    while (!f.text.empty() && (f.text.back() == ' ' || f.text.back() == '\t')) f.text.pop_back();
    while (!f.text.empty() && (f.text.front() == ' ' || f.text.front() == '\t'))
      f.text.erase(0, 1), ++f.column;
  }
  return fields;
}

std::optional<double> number(const std::string& s) {
  double v = 0;
  const char* first = s.data();
  if (!s.empty() && s.front() == '+') ++first;
  const auto [p, ec] = std::from_chars(first, s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

bool getline_no_cr(std::istream& in, std::string& line) {
  if (!std::getline(in, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace

std::vector<TraceRow> read_trace_rows(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path, 0, 0}, "", "a readable CSV file of orders", "no such file");
  std::string line;
  int line_no = 0;
  bool have_header = false;
  while (getline_no_cr(in, line)) {
    ++line_no;
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 BOM
    if (!line.empty()) {
      have_header = true;
      break;
    }
  }
  if (!have_header)
    throw InputError({path, 0, 0}, "", "a header line time,lat,lon,items and rows of orders",
                     "an empty file");
  const auto header = split(line);
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (!column.emplace(header[i].text, i).second)
      throw InputError({path, line_no, header[i].column}, header[i].text,
                       "each column name once in the header", "'" + header[i].text + "' twice");
  for (const char* name : {"time", "lat", "lon"})
    if (!column.count(name))
      throw InputError({path, line_no, 1}, name,
                       "a header line with columns time, lat, lon (and optionally items)",
                       "'" + line + "'");
  const bool has_items = column.count("items") > 0;

  std::vector<TraceRow> rows;
  while (getline_no_cr(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const auto fields = split(line);
    auto field = [&](const char* name) -> const Field& {
      const std::size_t i = column.at(name);
      if (i >= fields.size())
        throw InputError({path, line_no, static_cast<int>(line.size()) + 1}, name,
                         fmt::format("{} fields, as in the header", header.size()),
                         fmt::format("{} field{}", fields.size(), fields.size() == 1 ? "" : "s"));
      return fields[i];
    };
    auto fail = [&](const char* name, const char* expected) {
      const Field& f = field(name);
      throw InputError({path, line_no, f.column}, name, expected, "'" + f.text + "'");
    };
    TraceRow row;
    row.line = line_no;
    const auto time = parse_elapsed(field("time").text);
    if (!time) fail("time", "a time since the scenario start as HH:MM:SS, HH:MM or seconds");
    row.order.time = *time;
    const auto lat = number(field("lat").text);
    if (!lat || *lat < -90 || *lat > 90) fail("lat", "a latitude in degrees from -90 to 90");
    const auto lon = number(field("lon").text);
    if (!lon || *lon < -180 || *lon > 180) fail("lon", "a longitude in degrees from -180 to 180");
    row.order.location = {*lat, *lon};
    if (has_items) {
      const auto items = number(field("items").text);
      if (!items || *items < 1 || *items > kMaxItems || *items != std::floor(*items))
        fail("items", "a whole number of items from 1 to 1000");
      row.order.items = static_cast<int>(*items);
    }
    rows.push_back(row);
  }
  if (rows.empty())
    throw InputError({path, line_no, 1}, "", "at least one order after the header", "no rows");
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.order.time < b.order.time; });
  return rows;
}

std::vector<model::TraceOrder> read_trace_csv(const std::string& path) {
  std::vector<model::TraceOrder> orders;
  for (const auto& row : read_trace_rows(path)) orders.push_back(row.order);
  return orders;
}

}  // namespace scenarios
