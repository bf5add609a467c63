#include "sim/output/sweep_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/model/replications.h"
#include "sim/output/svg.h"

namespace output {

namespace {

using Runs = std::map<std::pair<int, int>, std::map<std::string, double>>;
using Points = std::map<int, std::vector<std::pair<std::string, std::string>>>;

// Okabe and Ito's colour-blind-safe palette ("Color Universal Design", 2008), black last.
constexpr const char* kColours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                    "#56B4E9", "#D55E00", "#F0E442", "#000000"};
constexpr std::size_t kMaxSeries = 8;

struct Factor {
  std::string name;
  std::vector<std::string> levels;  // numbers sorted by value, else in order of appearance
  std::vector<double> x;            // each level's position
  bool numeric = true;
};

Factor factor_of(const std::string& name, const Points& points) {
  Factor f{name, {}, {}, true};
  for (const auto& [point, sets] : points)
    for (const auto& [key, value] : sets)
      if (key == name && std::find(f.levels.begin(), f.levels.end(), value) == f.levels.end())
        f.levels.push_back(value);
  std::vector<double> x;
  for (const auto& l : f.levels) {
    char* end = nullptr;
    x.push_back(std::strtod(l.c_str(), &end));
    f.numeric = f.numeric && end && *end == '\0' && !l.empty();
  }
  if (f.numeric) {
    std::vector<std::size_t> order(f.levels.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return x[a] < x[b]; });
    std::vector<std::string> levels;
    for (auto i : order) levels.push_back(f.levels[i]), f.x.push_back(x[i]);
    f.levels = std::move(levels);
  } else {
    for (std::size_t i = 0; i < f.levels.size(); ++i) f.x.push_back(static_cast<double>(i));
  }
  return f;
}

std::string value_at(const Points& points, int point, const std::string& factor) {
  const auto it = points.find(point);
  if (it == points.end()) return {};
  for (const auto& [key, value] : it->second)
    if (key == factor) return value;
  return {};
}

bool is_share(const std::string& kpi) {
  return kpi.find("share") != std::string::npos || kpi == "rider_utilisation";
}

struct Series {
  std::string label;                         // empty for a single series
  std::vector<std::vector<double>> samples;  // per level of the x factor
};

void chart(std::string& out, const Factor& x, const std::string& by, const std::string& kpi,
           const std::vector<Series>& series) {
  using svg::num;
  constexpr double kW = 520, kH = 270;
  const bool share = is_share(kpi);
  std::vector<std::vector<model::KpiInterval>> bands(series.size());
  double top = 0;
  for (std::size_t s = 0; s < series.size(); ++s)
    for (const auto& samples : series[s].samples) {
      bands[s].push_back(model::interval_of(kpi, samples));
      if (!samples.empty()) top = std::max(top, bands[s].back().mean + bands[s].back().half_width);
    }
  const double step = share ? 0.2 : svg::tick_step(top, 4);
  const double y_max = share ? 1.0 : std::max(step, std::ceil(top / step) * step);
  const auto lo_of = [&](const model::KpiInterval& b) {
    return std::max(0.0, b.mean - b.half_width);
  };
  const auto hi_of = [&](const model::KpiInterval& b) {
    return std::min(y_max, b.mean + b.half_width);
  };
  // Categorical labels turn when they do not fit their slot.
  std::size_t longest = 0;
  for (const auto& l : x.levels) longest = std::max(longest, l.size());
  const double slot = (kW - 100) / std::max<std::size_t>(1, x.levels.size());
  const bool turn = static_cast<double>(longest) * 6.5 > slot;
  const double bottom_room =
      turn ? 30 + 5.0 * static_cast<double>(std::min<std::size_t>(longest, 24)) : 50;
  svg::Plot plot{60, 34, kW - 90, kH - 34 - bottom_room, y_max, 1};
  svg::open(out, kW, kH, kpi + " against " + x.name + (by.empty() ? "" : " by " + by));
  svg::left_axis(out, plot, step, [&](double v) {
    return share ? fmt::format("{:.0f}%", v * 100) : fmt::format("{:g}", v);
  });
  const double lo = x.x.front(), hi = x.x.back() > lo ? x.x.back() : lo + 1;
  const double pad = x.numeric ? 0 : 0.5;  // categories sit in the middle of their slots
  const auto slot_x = [&](double v) {
    return plot.left + plot.width * (v - lo + pad) / (hi - lo + 2 * pad);
  };
  // Categories: the series side by side within their slot.
  const auto x_of = [&](double v, std::size_t s) {
    if (x.numeric || series.size() < 2) return slot_x(v);
    const double offset = static_cast<double>(s) - static_cast<double>(series.size() - 1) / 2;
    return slot_x(v) + offset * std::min(10.0, slot / static_cast<double>(series.size() + 1) / 2);
  };
  for (std::size_t i = 0; i < x.levels.size(); ++i) {
    if (turn)
      out += fmt::format(
          "<text class=\"tick\" text-anchor=\"end\" transform=\"translate({} {}) rotate(-35)\">{}"
          "</text>\n",
          num(slot_x(x.x[i])), num(plot.bottom() + 14), svg::escape(x.levels[i]));
    else
      svg::text(out, slot_x(x.x[i]), plot.bottom() + 16, "middle", "tick", x.levels[i]);
  }
  for (std::size_t s = 0; s < series.size(); ++s) {
    const std::string colour = kColours[s % kMaxSeries];
    const auto& b = bands[s];
    std::vector<std::size_t> have;
    for (std::size_t i = 0; i < b.size(); ++i)
      if (!series[s].samples[i].empty()) have.push_back(i);
    if (have.empty()) continue;
    if (x.numeric) {
      std::string band, line;
      for (std::size_t k = 0; k < have.size(); ++k)
        band += fmt::format("{}{} {}", k ? "L" : "M", num(x_of(x.x[have[k]], s)),
                            num(plot.y(hi_of(b[have[k]]))));
      for (std::size_t k = have.size(); k-- > 0;)
        band += fmt::format("L{} {}", num(x_of(x.x[have[k]], s)), num(plot.y(lo_of(b[have[k]]))));
      for (std::size_t k = 0; k < have.size(); ++k)
        line += fmt::format("{}{} {}", k ? "L" : "M", num(x_of(x.x[have[k]], s)),
                            num(plot.y(std::clamp(b[have[k]].mean, 0.0, y_max))));
      out += fmt::format("<path class=\"band\" fill=\"{}\" d=\"{}Z\"/>\n", colour, band);
      out += fmt::format("<path class=\"mean\" stroke=\"{}\" d=\"{}\"/>\n", colour, line);
    } else {
      for (const std::size_t i : have)
        out += fmt::format("<path class=\"bar\" stroke=\"{}\" d=\"M{} {}L{} {}\"/>\n", colour,
                           num(x_of(x.x[i], s)), num(plot.y(hi_of(b[i]))), num(x_of(x.x[i], s)),
                           num(plot.y(lo_of(b[i]))));
    }
    for (const std::size_t i : have)
      out += fmt::format(
          "<circle fill=\"{}\" cx=\"{}\" cy=\"{}\" r=\"3.5\"><title>{} = {}{}: {:.4g} ± {:.3g} "
          "(n {})</title></circle>\n",
          colour, num(x_of(x.x[i], s)), num(plot.y(std::clamp(b[i].mean, 0.0, y_max))),
          svg::escape(x.name), svg::escape(x.levels[i]),
          series[s].label.empty() ? ""
                                  : ", " + svg::escape(by) + " = " + svg::escape(series[s].label),
          b[i].mean, b[i].half_width, series[s].samples[i].size());
  }
  // Legend: one entry per line, after the title.
  if (series.size() > 1) {
    svg::text(out, plot.left, 27, "start", "tick", by + ":");
    double lx = plot.left + 12 + 6.5 * static_cast<double>(by.size());
    for (std::size_t s = 0; s < series.size(); ++s) {
      out += fmt::format("<rect x=\"{}\" y=\"18\" width=\"10\" height=\"10\" fill=\"{}\"/>\n",
                         num(lx), kColours[s % kMaxSeries]);
      svg::text(out, lx + 13, 27, "start", "tick", series[s].label);
      lx += 22 + 6.5 * static_cast<double>(series[s].label.size());
    }
  }
  svg::text(out, plot.left + plot.width / 2, kH - 4, "middle", "factor", x.name);
  svg::text(out, plot.left, 12, "start", "title",
            kpi + (share ? " (95% interval, within 0-100%)" : " (mean, 95% interval)"));
  svg::close(out);
}

// Every KPI's chart against each factor, from `runs` (the city's or a store's).
void charts(std::string& out, const std::vector<Factor>& factors, const Points& points,
            const Runs& runs, const std::string& heading_prefix) {
  std::set<std::string> kpis;
  for (const auto& [key, values] : runs)
    for (const auto& [name, v] : values) kpis.insert(name);
  for (std::size_t fi = 0; fi < factors.size(); ++fi) {
    const Factor& x = factors[fi];
    const Factor* by = nullptr;
    for (std::size_t gi = 0; gi < factors.size() && !by; ++gi)
      if (gi != fi && factors[gi].levels.size() <= kMaxSeries) by = &factors[gi];
    out += "<section><h2>" + svg::escape(heading_prefix + x.name) +
           (by ? " by " + svg::escape(by->name) : std::string()) + "</h2>\n";
    if (factors.size() > (by ? 2u : 1u))
      out += "<p class=\"note\">Averaged over the other factors.</p>\n";
    for (const std::string& kpi : kpis) {
      std::vector<Series> series;
      for (std::size_t s = 0; s < (by ? by->levels.size() : 1); ++s)
        series.push_back(
            {by ? by->levels[s] : "", std::vector<std::vector<double>>(x.levels.size())});
      for (const auto& [key, values] : runs) {
        const auto v = values.find(kpi);
        if (v == values.end()) continue;
        const auto xi =
            std::find(x.levels.begin(), x.levels.end(), value_at(points, key.first, x.name));
        if (xi == x.levels.end()) continue;
        std::size_t s = 0;
        if (by) {
          const auto si = std::find(by->levels.begin(), by->levels.end(),
                                    value_at(points, key.first, by->name));
          if (si == by->levels.end()) continue;
          s = static_cast<std::size_t>(si - by->levels.begin());
        }
        series[s].samples[static_cast<std::size_t>(xi - x.levels.begin())].push_back(v->second);
      }
      chart(out, x, by ? by->name : "", kpi, series);
    }
    out += "</section>\n";
  }
}

// The sweep's name, from its canonical definition ("name=...").
std::string sweep_name(const std::string& definition) {
  if (definition.rfind("name=", 0) != 0) return "";
  return definition.substr(5, definition.find('\n') - 5);
}

}  // namespace

std::string sweep_report_html(const SweepDb& db) {
  const Points points = db.factors();
  std::vector<Factor> factors;
  if (!points.empty())
    for (const auto& [name, value] : points.begin()->second)
      factors.push_back(factor_of(name, points));
  const std::string name = sweep_name(db.definition());
  std::string factor_list;
  for (const auto& f : factors) factor_list += (factor_list.empty() ? "" : " × ") + f.name;
  const std::string title = "Sweep " + (name.empty() ? std::string("(unnamed)") : name) +
                            (factor_list.empty() ? "" : ": " + factor_list);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
      svg::escape(title) +
      "</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}"
      "svg{width:520px;height:auto;margin:0 1em 1em 0}.grid{stroke:#e4e4e4}"
      ".axis{stroke:#9aa5b1;fill:none}.tick{font-size:11px;fill:#555}"
      ".factor{font-size:12px;fill:#333}.note{color:#555}"
      ".title{font-size:13px;font-weight:bold}path.mean{fill:none;stroke-width:2}"
      "path.bar{stroke-width:2}path.band{opacity:0.15;stroke:none}"
      "summary{font-size:1.2em;font-weight:bold;cursor:pointer;margin:1em 0}"
      "pre{background:#f6f6f6;padding:1em}</style></head><body>\n<h1>" +
      svg::escape(title) + "</h1>\n<pre>" + svg::escape(db.definition()) +
      "</pre>\n<p>Each chart: a KPI's mean over the runs at each value of a factor, with its 95% "
      "confidence interval (Student t); with a second factor, one line or colour per level of "
      "it. Shares are drawn on 0-100%.</p>\n";
  charts(out, factors, points, db.run_kpis(), "");
  for (const std::string& store : db.stores()) {
    out += "<details><summary>Store " + svg::escape(store) + "</summary>\n";
    charts(out, factors, points, db.run_kpis(store), store + ": ");
    out += "</details>\n";
  }
  return out + "</body></html>\n";
}

}  // namespace output
