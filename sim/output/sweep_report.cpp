#include "sim/output/sweep_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/model/replications.h"
#include "sim/output/svg.h"

namespace output {

namespace {

struct Level {
  std::string value;
  double x = 0;
  std::vector<double> samples;
};

void chart(std::string& out, const std::string& factor, const std::string& kpi,
           std::vector<Level> levels) {
  using svg::num;
  constexpr double kW = 440, kH = 230;
  std::vector<model::KpiInterval> bands;
  double top = 0;
  for (const auto& l : levels) {
    bands.push_back(model::interval_of(kpi, l.samples));
    top = std::max(top, bands.back().mean + bands.back().half_width);
  }
  const double step = svg::tick_step(top, 4);
  svg::Plot plot{60, 20, kW - 80, kH - 60, std::max(step, std::ceil(top / step) * step), 1};
  svg::open(out, kW, kH, kpi + " against " + factor);
  svg::left_axis(out, plot, step, [](double v) { return fmt::format("{:g}", v); });
  double lo = levels.front().x, hi = levels.back().x;
  if (hi <= lo) hi = lo + 1;
  auto x_of = [&](double x) { return plot.left + plot.width * (x - lo) / (hi - lo); };
  std::string band = "<path class=\"band\" d=\"", line = "<path class=\"mean\" d=\"";
  for (std::size_t i = 0; i < levels.size(); ++i)
    band += fmt::format("{}{} {}", i ? "L" : "M", num(x_of(levels[i].x)),
                        num(plot.y(bands[i].mean + bands[i].half_width)));
  for (std::size_t i = levels.size(); i-- > 0;)
    band += fmt::format("L{} {}", num(x_of(levels[i].x)),
                        num(plot.y(std::max(0.0, bands[i].mean - bands[i].half_width))));
  for (std::size_t i = 0; i < levels.size(); ++i) {
    line +=
        fmt::format("{}{} {}", i ? "L" : "M", num(x_of(levels[i].x)), num(plot.y(bands[i].mean)));
    svg::text(out, x_of(levels[i].x), plot.bottom() + 16, "middle", "tick", levels[i].value);
  }
  out += band + "Z\"/>\n" + line + "\"/>\n";
  for (std::size_t i = 0; i < levels.size(); ++i)
    out += fmt::format(
        "<circle class=\"mean\" cx=\"{}\" cy=\"{}\" r=\"3\"><title>{} = {}: {:.4g} ± {:.3g} "
        "(n {})</title></circle>\n",
        num(x_of(levels[i].x)), num(plot.y(bands[i].mean)), svg::escape(factor),
        svg::escape(levels[i].value), bands[i].mean, bands[i].half_width, levels[i].samples.size());
  svg::text(out, plot.left + plot.width / 2, plot.bottom() + 34, "middle", "factor", factor);
  svg::text(out, plot.left, 12, "start", "title", kpi);
  svg::close(out);
}

}  // namespace

std::string sweep_report_html(const SweepDb& db) {
  const auto factors = db.factors();
  const auto runs = db.run_kpis();
  std::set<std::string> kpis;
  for (const auto& [key, values] : runs)
    for (const auto& [name, v] : values) kpis.insert(name);
  std::vector<std::string> factor_names;
  if (!factors.empty())
    for (const auto& [f, v] : factors.begin()->second) factor_names.push_back(f);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>halfhour sweep"
      "</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}"
      "svg{width:440px;height:auto;margin:0 1em 1em 0}.grid{stroke:#e4e4e4}"
      ".axis{stroke:#9aa5b1;fill:none}.tick{font-size:11px;fill:#555}"
      ".factor{font-size:12px;fill:#333}"
      ".title{font-size:13px;font-weight:bold}path.mean{fill:none;stroke:#215caa;"
      "stroke-width:2}circle.mean{fill:#215caa}path.band{fill:#215caa;opacity:0.18;stroke:none}"
      "pre{background:#f6f6f6;padding:1em}</style></head><body>\n<h1>Sweep</h1>\n<pre>" +
      svg::escape(db.definition()) +
      "</pre>\n<p>Each chart: a KPI's mean over every run at each value of one factor (whatever "
      "the other factors), with its 95% confidence band (Student t).</p>\n";
  for (const std::string& f : factor_names) {
    // The factor's levels in the order of their points; numbers spaced by value.
    std::vector<Level> levels;
    for (const auto& [point, sets] : factors)
      for (const auto& [name, value] : sets)
        if (name == f && std::none_of(levels.begin(), levels.end(),
                                      [&](const Level& l) { return l.value == value; }))
          levels.push_back({value, 0, {}});
    bool numeric = true;
    for (auto& l : levels) {
      char* end = nullptr;
      l.x = std::strtod(l.value.c_str(), &end);
      numeric = numeric && end && *end == '\0' && !l.value.empty();
    }
    if (numeric)
      std::sort(levels.begin(), levels.end(),
                [](const Level& a, const Level& b) { return a.x < b.x; });
    else
      for (std::size_t i = 0; i < levels.size(); ++i) levels[i].x = static_cast<double>(i);
    out += "<section><h2>" + svg::escape(f) + "</h2>\n";
    for (const std::string& kpi : kpis) {
      std::vector<Level> with = levels;
      for (const auto& [key, values] : runs) {
        const auto point = factors.find(key.first);
        if (point == factors.end()) continue;
        for (const auto& [name, value] : point->second)
          if (name == f)
            for (auto& l : with)
              if (l.value == value && values.count(kpi)) l.samples.push_back(values.at(kpi));
      }
      chart(out, f, kpi, with);
    }
    out += "</section>\n";
  }
  return out + "</body></html>\n";
}

}  // namespace output
