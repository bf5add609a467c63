#include "scenarios/sweep.h"

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <numeric>

#include "scenarios/mdrp_scenario.h"
#include "scenarios/scenario.h"
#include "scenarios/yaml_reader.h"
#include "sim/engine/random.h"

namespace scenarios {

using detail::MapReader;
using detail::Origin;

namespace {

constexpr int kMaxPoints = 100'000;

std::string number_text(double v, bool integer) {
  return integer ? fmt::format("{}", std::llround(v)) : fmt::format("{:g}", v);
}

// A shell word: quoted unless plainly safe.
std::string shell_word(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789._-/=[]:+,") == std::string::npos)
    return s;
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

SweepFactor read_factor(const Origin& origin, const YAML::Node& node, const std::string& path,
                        bool hypercube) {
  MapReader m(origin, node, path, {"key", "values", "range", "integer"});
  m.required("key");
  SweepFactor f;
  f.key = m.string("key", "");
  if (f.key.empty()) m.fail("key", "a dotted scenario key, e.g. fleet.riders[0].count");
  f.integer = m.choice("integer", "false", {"false", "true"}) == "true";
  if (m.has("values") == m.has("range"))
    m.fail(m.has("values") ? "range" : "key", "either values or range, not both or neither");
  if (m.has("values")) {
    if (hypercube) m.fail("values", "a range: a Latin hypercube samples ranges");
    const YAML::Node list = m.list("values", "values for the key");
    if (list.size() == 0) m.fail("values", "at least one value");
    for (const auto& v : list) {
      YAML::Emitter e;
      e << YAML::Flow << v;
      f.values.push_back(e.c_str());
    }
    return f;
  }
  MapReader r(origin, m.get("range"), m.path("range"), {"from", "to", "step"});
  r.required("from");
  r.required("to");
  f.from = r.number("from", 0, -1e15, 1e15);
  f.to = r.number("to", 0, -1e15, 1e15);
  if (f.to <= f.from) r.fail("to", fmt::format("a number above from ({:g})", f.from));
  if (hypercube) {
    if (r.has("step")) r.fail("step", "no step: a Latin hypercube samples the range");
    return f;
  }
  r.required("step");
  const double step = r.number("step", 1, 1e-12, 1e15);
  const double n = std::floor((f.to - f.from) / step + 1e-9) + 1;
  if (n > kMaxPoints) r.fail("step", fmt::format("at most {} levels", kMaxPoints));
  for (int k = 0; k < static_cast<int>(n); ++k)
    f.values.push_back(number_text(f.from + k * step, f.integer));
  return f;
}

}  // namespace

Sweep load_sweep(const std::string& path) {
  Sweep s;
  s.file = path;
  const YAML::Node root =
      detail::read_yaml_file(path, "a sweep", "a sweep: a map of keys like name, base, factors");
  Origin origin{path, {}, nullptr};
  if (!root.IsMap())
    origin.fail(root, "(top level)", "a map of keys like name, base, factors",
                detail::describe(root));
  MapReader top(origin, root, "",
                {"name", "base", "seed", "replications", "design", "points", "factors",
                 "common_random_numbers"});
  top.required("name");
  top.required("base");
  top.required("factors");
  s.name = top.string("name", "");
  if (!detail::is_safe_name(s.name))
    top.fail("name", "1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
  s.base = detail::resolve_path(path, top.string("base", ""));
  s.common_random_numbers =
      top.choice("common_random_numbers", "true", {"false", "true"}) == "true";
  s.seed = static_cast<std::uint64_t>(top.integer("seed", 1, 0, LLONG_MAX));
  s.replications = static_cast<int>(top.integer("replications", 1, 1, 100'000));
  const bool hypercube =
      top.choice("design", "grid", {"grid", "latin_hypercube"}) == "latin_hypercube";
  if (hypercube) {
    top.required("points");
    s.hypercube_points = static_cast<int>(top.integer("points", 0, 2, kMaxPoints));
  } else if (top.has("points")) {
    top.fail("points", "no points: only design: latin_hypercube takes them");
  }
  const YAML::Node list = top.list("factors", "factors: {key, values} or {key, range}");
  if (list.size() == 0) top.fail("factors", "at least one factor");
  double grid_points = 1;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string fpath = fmt::format("factors[{}]", i);
    s.factors.push_back(read_factor(origin, list[i], fpath, hypercube));
    grid_points *= hypercube ? 1 : static_cast<double>(s.factors.back().values.size());
    for (std::size_t j = 0; j + 1 < s.factors.size(); ++j)
      if (s.factors[j].key == s.factors.back().key)
        origin.fail(list[i]["key"], fpath + ".key", "a key no other factor sweeps",
                    "'" + s.factors.back().key + "' again");
  }
  if (grid_points > kMaxPoints)
    top.fail("factors", fmt::format("at most {} points in all", kMaxPoints));
  // Every point must make a valid scenario; an error names the factor whose value it rejects.
  const bool mdrp = is_mdrp_scenario(s.base);
  for (const SweepPoint& p : sweep_points(s)) {
    try {
      if (mdrp)
        load_mdrp_scenario(s.base, p.sets);
      else
        for (auto& w : load_scenario(s.base, p.sets).warnings)
          if (std::find(s.warnings.begin(), s.warnings.end(), w) == s.warnings.end())
            s.warnings.push_back(std::move(w));
    } catch (const InputError& e) {
      for (std::size_t i = 0; i < s.factors.size(); ++i)
        if (e.key() == s.factors[i].key ||
            e.where().file.find(s.factors[i].key + "=") != std::string::npos) {
          const YAML::Node n = list[i]["key"];
          throw InputError(
              {path, n.Mark().line + 1, n.Mark().column + 1}, fmt::format("factors[{}]", i),
              "values the base scenario takes for " + s.factors[i].key + ": " + e.expected(),
              e.found());
        }
      throw;
    }
  }
  return s;
}

std::vector<SweepPoint> sweep_points(const Sweep& s) {
  std::vector<SweepPoint> points;
  if (s.hypercube_points > 0) {
    // Each factor's range in n equal strata, one point in each, strata paired at random.
    const auto n = static_cast<std::size_t>(s.hypercube_points);
    points.resize(n);
    sim::RandomStream rng(s.seed, 0x5eed);
    for (const SweepFactor& f : s.factors) {
      std::vector<std::size_t> strata(n);
      std::iota(strata.begin(), strata.end(), 0);
      for (std::size_t i = n; i > 1; --i) std::swap(strata[i - 1], strata[rng.below(i)]);
      for (std::size_t p = 0; p < n; ++p) {
        const double u = (static_cast<double>(strata[p]) + rng.uniform()) / static_cast<double>(n);
        points[p].sets.push_back(f.key + "=" +
                                 number_text(f.from + u * (f.to - f.from), f.integer));
      }
    }
    return points;
  }
  std::vector<std::size_t> level(s.factors.size(), 0);
  while (true) {
    SweepPoint p;
    for (std::size_t i = 0; i < s.factors.size(); ++i)
      p.sets.push_back(s.factors[i].key + "=" + s.factors[i].values[level[i]]);
    points.push_back(std::move(p));
    std::size_t i = s.factors.size();
    while (i > 0 && ++level[i - 1] == s.factors[i - 1].values.size()) level[--i] = 0;
    if (i == 0) break;
  }
  return points;
}

std::uint64_t sweep_run_seed(std::uint64_t sweep_seed, std::size_t point, int rep) {
  std::uint64_t state = sweep_seed ^ (0x9e3779b97f4a7c15ull * (point + 1));
  sim::splitmix64(state);
  state ^= 0xbf58476d1ce4e5b9ull * static_cast<std::uint64_t>(rep + 1);
  return sim::splitmix64(state) >> 1;  // fits the scenario's seed key (a signed 64-bit integer)
}

std::uint64_t sweep_run_seed(const Sweep& sweep, std::size_t point, int rep) {
  return sweep_run_seed(sweep.seed, sweep.common_random_numbers ? 0 : point, rep);
}

std::string sweep_run_command(const Sweep& sweep, const SweepPoint& point, std::uint64_t seed) {
  std::string cmd = "halfhour run " + shell_word(sweep.base);
  for (const auto& set : point.sets) cmd += " --set " + shell_word(set);
  return cmd + fmt::format(" --seed {}", seed);
}

}  // namespace scenarios
