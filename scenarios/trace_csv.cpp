#include "scenarios/trace_csv.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>

#include "scenarios/input_error.h"
#include "scenarios/units.h"

namespace scenarios {

namespace {

struct Field {
  std::string text;
  int column = 1;  // 1-based character column where the field starts
};

std::vector<Field> split(const std::string& line) {
  std::vector<Field> fields(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == ',') {
      fields.push_back({"", static_cast<int>(i) + 2});
    } else if (line[i] != '\r') {
      fields.back().text += line[i];
    }
  }
  for (auto& f : fields) {
    while (!f.text.empty() && f.text.back() == ' ') f.text.pop_back();
    while (!f.text.empty() && f.text.front() == ' ') f.text.erase(0, 1), ++f.column;
  }
  return fields;
}

std::optional<double> number(const std::string& s) {
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::vector<model::TraceOrder> read_trace_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0, 0}, "", "a readable CSV file of orders", "no such file");
  std::string line;
  int line_no = 0;
  std::map<std::string, std::size_t> column;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line != "\r") break;
  }
  const auto header = split(line);
  for (std::size_t i = 0; i < header.size(); ++i) column[header[i].text] = i;
  for (const char* required : {"time", "lat", "lon"})
    if (!column.count(required))
      throw InputError({path, line_no, 1}, "header",
                       "a header line with columns time, lat, lon (and optionally items)",
                       "'" + line + "'");

  std::vector<model::TraceOrder> rows;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line == "\r") continue;
    const auto fields = split(line);
    auto field = [&](const char* name) -> const Field& {
      const std::size_t i = column[name];
      if (i >= fields.size())
        throw InputError({path, line_no, static_cast<int>(line.size()) + 1}, name,
                         std::to_string(header.size()) + " fields as in the header",
                         std::to_string(fields.size()));
      return fields[i];
    };
    auto fail = [&](const char* name, const char* expected) {
      const Field& f = field(name);
      throw InputError({path, line_no, f.column}, name, expected, "'" + f.text + "'");
    };
    model::TraceOrder row;
    const Field& t = field("time");
    if (auto tod = parse_time_of_day(t.text)) {
      row.time = *tod;
    } else if (auto secs = number(t.text); secs && *secs >= 0) {
      row.time = static_cast<sim::Time>(*secs * sim::kSecond);
    } else {
      fail("time", "a time since the start as HH:MM[:SS] or seconds");
    }
    const auto lat = number(field("lat").text);
    if (!lat || *lat < -90 || *lat > 90) fail("lat", "a latitude in degrees, -90 to 90");
    const auto lon = number(field("lon").text);
    if (!lon || *lon < -180 || *lon > 180) fail("lon", "a longitude in degrees, -180 to 180");
    row.location = {*lat, *lon};
    if (column.count("items")) {
      const auto items = number(field("items").text);
      if (!items || *items < 1 || *items != static_cast<int>(*items))
        fail("items", "a whole number of items, at least 1");
      row.items = static_cast<int>(*items);
    }
    rows.push_back(row);
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.time < b.time; });
  return rows;
}

}  // namespace scenarios
