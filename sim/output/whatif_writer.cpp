#include "sim/output/whatif_writer.h"

#include <cmath>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "sim/output/atomic_folder.h"
#include "sim/output/svg.h"

namespace output {

namespace {

nlohmann::json number(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(); }

nlohmann::json interval_json(const model::KpiInterval& k) {
  return {{"mean", number(k.mean)},
          {"low", number(k.mean - k.half_width)},
          {"high", number(k.mean + k.half_width)},
          {"sd", number(k.sd)},
          {"n", k.n}};
}

std::string cell(const model::KpiInterval& k) {
  if (k.n == 0 || !std::isfinite(k.mean)) return "n/a";
  return fmt::format("{:.3g} <small>[{:.3g}, {:.3g}]</small>", k.mean, k.mean - k.half_width,
                     k.mean + k.half_width);
}

}  // namespace

std::string whatif_json(const WhatIfInfo& info, const std::vector<model::WhatIfOutcome>& outcomes) {
  nlohmann::json j;
  j["scenario"] = info.scenario;
  j["fork"] = info.fork_clock;
  j["horizon"] = info.horizon_text;
  j["replications"] = info.replications;
  j["seed"] = info.seed;
  j["definitions"] = {
      {"orders", "orders placed in [fork, fork + horizon)"},
      {"accepted", "of those, not outside every store's radius (unreachable ones included)"},
      {"on_time", "accepted and delivered within the promise"},
      {"late", "accepted and not delivered within the promise (rejected ones included)"},
      {"on_time_share", "on_time / accepted"},
      {"open_at_fork_late", "orders open at the fork that end up late"},
      {"difference", "paired (common random numbers) mean difference to \"as is\", 95% interval"}};
  for (const auto& o : outcomes) {
    nlohmann::json a;
    a["name"] = o.name;
    a["applied"] = o.applied;
    for (const auto& k : o.kpis) a["kpis"][k.name] = interval_json(k);
    for (const auto& k : o.difference) a["difference"][k.name] = interval_json(k);
    j["alternatives"].push_back(a);
  }
  return j.dump(2) + "\n";
}

std::string whatif_html(const WhatIfInfo& info, const std::vector<model::WhatIfOutcome>& outcomes) {
  std::string h = fmt::format(
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>What if: {0} at {1}</title>"
      "<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}"
      "td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}"
      "td:first-child,th:first-child{{text-align:left}}small{{color:#666}}</style></head><body>"
      "<h1>What if: {0} at {1}, {2} ahead</h1><p>{3} replications (seeds {4}..{5}), the same "
      "future demand and service times for every alternative in each replication. Each cell: "
      "mean [95% interval].</p>",
      svg::escape(info.scenario), info.fork_clock, info.horizon_text, info.replications, info.seed,
      info.seed + static_cast<std::uint64_t>(info.replications) - 1);
  for (int part = 0; part < 2; ++part) {
    h += part == 0 ? "<h2>KPIs over the horizon</h2>" : "<h2>Difference to \"as is\"</h2>";
    h += "<table><tr><th>alternative</th>";
    for (const auto& k : outcomes[0].kpis) h += "<th>" + k.name + "</th>";
    h += "</tr>";
    for (std::size_t a = part; a < outcomes.size(); ++a) {
      const auto& o = outcomes[a];
      h += "<tr><td>" + svg::escape(o.name) + "</td>";
      for (const auto& k : part == 0 ? o.kpis : o.difference) h += "<td>" + cell(k) + "</td>";
      h += "</tr>";
    }
    h += "</table>";
  }
  h += "<h2>What each alternative did</h2><ul>";
  for (std::size_t a = 1; a < outcomes.size(); ++a)
    for (const auto& d : outcomes[a].applied)
      h += "<li>" + svg::escape(outcomes[a].name) + ": " + svg::escape(d) + "</li>";
  h += "</ul><p>late: accepted orders not delivered within the promise, rejected ones "
       "included; on_time_share: on time / accepted.</p></body></html>\n";
  return h;
}

void write_whatif(const std::string& dir, const WhatIfInfo& info,
                  const std::vector<model::WhatIfOutcome>& outcomes) {
  replace_atomically(dir, [&](const std::filesystem::path& tmp) {
    write_file(tmp / "whatif.json", whatif_json(info, outcomes));
    write_file(tmp / "whatif.html", whatif_html(info, outcomes));
  });
}

}  // namespace output
