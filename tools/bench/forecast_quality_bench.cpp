// Is the twin's forecast any good (issue 19)? Follows a day of an operation (halfhour feed's core,
// another seed than the twin's world) in one process, forecasts every N minutes of its clock
// (R replications, H ahead) and scores the forecasts against the feed's ground truth
// (sim/twin/forecast_score.h): per lead (15 and 30 min before the promise's end) the Brier score
// and ROC AUC of the late-order predictions next to the base rate and the store's backlog, and
// the stores' predicted on-time share over each horizon against the realised one, next to
// persistence. A quality figure, not a timing: a plain main that prints JSON, then a Markdown
// table.
//   forecast_quality_bench [--scenario FILE] [--replications 50] [--horizon-min 30]
//       [--every-min 5] [--from 07:00] [--to 23:00] [--warmup-min 0] [--feed-seed 3]
//       [--ping-every-s 5] [--set key=value]...
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "scenarios/scenario.h"
#include "scenarios/units.h"
#include "sim/twin/forecast_score.h"

namespace {

nlohmann::json json_or_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nullptr; }

std::string fixed(double x, int digits = 3) {
  return std::isfinite(x) ? fmt::format("{:.{}f}", x, digits) : "n/a";
}

}  // namespace

int main(int argc, char** argv) {
  std::string scenario_path =
      std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/monaco-drones-coldchain.yaml";
  std::string from, to;
  std::vector<std::string> overrides;
  double ping_every_s = 5;
  int replications = 50, threads = 0;
  double horizon_min = 30, every_min = 5, warmup_min = 0;
  std::uint64_t feed_seed = 3;
  CLI::App app("Scores the live twin's forecast against halfhour feed's ground truth");
  app.add_option("--scenario", scenario_path, "The scenario");
  app.add_option("--replications", replications, "R: replications per forecast");
  app.add_option("--horizon-min", horizon_min, "H: how far ahead a forecast runs, minutes");
  app.add_option("--every-min", every_min, "N: operation minutes between forecasts");
  app.add_option("--from", from, "The operation's window starts (HH:MM; default its start)");
  app.add_option("--to", to, "... and ends (HH:MM; default its end)");
  app.add_option("--warmup-min", warmup_min, "No forecast in the window's first minutes");
  app.add_option("--feed-seed", feed_seed, "The operation's seed (the twin keeps the scenario's)");
  app.add_option("--ping-every-s", ping_every_s, "The feed's rider pings, seconds");
  app.add_option("--set", overrides, "key=value: a scenario override (repeatable)");
  app.add_option("--threads", threads, "The forecast's threads (0: every core)");
  CLI11_PARSE(app, argc, argv);

  const scenarios::Scenario scenario = scenarios::load_scenario(scenario_path, overrides);
  const auto network = scenarios::load_network(scenario);
  const sim::Time day0 = scenario.world.start_tod;
  auto clock_time = [&](const std::string& text, const char* flag) {
    const auto t = scenarios::parse_time_of_day(text);
    if (!t || *t < day0) throw CLI::ValidationError(flag, "a time of day after the start: " + text);
    return *t - day0;
  };
  twin::FollowOptions opt;
  opt.feed_seed = feed_seed;
  if (!from.empty()) opt.from = clock_time(from, "--from");
  if (!to.empty()) opt.to = clock_time(to, "--to");
  opt.ping_every = static_cast<sim::Time>(ping_every_s * sim::kSecond);
  opt.every = static_cast<sim::Time>(every_min * sim::kMinute);
  opt.forecasts_from = opt.from + static_cast<sim::Time>(warmup_min * sim::kMinute);
  opt.forecast.replications = replications;
  opt.forecast.horizon = static_cast<sim::Time>(horizon_min * sim::kMinute);
  opt.forecast.threads = threads;
  const twin::FollowedRun run = twin::follow_and_forecast(scenario.world, network, opt);

  const sim::Time tolerance = opt.every;
  std::vector<twin::LeadScore> leads;
  for (const sim::Time lead : {15 * sim::kMinute, 30 * sim::kMinute})
    leads.push_back(twin::score_lead(run.forecasts, run.outcomes, lead, tolerance));
  const twin::StoreShareScore stores =
      twin::score_store_shares(run.forecasts, run.outcomes, run.promise);

  nlohmann::json doc;
  doc["scenario"] = scenario.name;
  doc["feed_seed"] = feed_seed;
  doc["twin_seed"] = scenario.world.seed;
  doc["replications"] = replications;
  doc["horizon_min"] = horizon_min;
  doc["every_min"] = every_min;
  doc["forecasts"] = run.forecasts.size();
  doc["messages"] = run.messages;
  doc["orders"] = run.outcomes.size();
  doc["wall_s"] = {{"feed", run.feed_s}, {"follow", run.follow_s}, {"forecasts", run.forecast_s}};
  doc["sync"] = twin::describe(run.counters);
  for (const twin::LeadScore& l : leads)
    doc["leads"].push_back({{"lead_min", static_cast<double>(l.lead) / sim::kMinute},
                            {"orders", l.orders},
                            {"late", l.late},
                            {"unscored", l.unscored},
                            {"unscored_late", l.unscored_late},
                            {"base_rate_late", json_or_null(l.base_rate)},
                            {"mean_p_late", json_or_null(l.mean_p_late)},
                            {"brier", json_or_null(l.brier)},
                            {"brier_base_rate", json_or_null(l.brier_base_rate)},
                            {"brier_skill", json_or_null(l.brier_skill)},
                            {"auc", json_or_null(l.auc)},
                            {"auc_se", json_or_null(l.auc_se)},
                            {"auc_backlog", json_or_null(l.auc_backlog)}});
  doc["stores"] = {{"pairs", stores.pairs},
                   {"mae", json_or_null(stores.mae)},
                   {"bias", json_or_null(stores.bias)},
                   {"predicted_mean", json_or_null(stores.predicted_mean)},
                   {"realised_mean", json_or_null(stores.realised_mean)},
                   {"persistence_pairs", stores.persistence_pairs},
                   {"mae_persistence", json_or_null(stores.mae_persistence)},
                   {"mae_on_persistence_pairs", json_or_null(stores.mae_on_persistence_pairs)}};
  // When the late orders were placed: where a shorter window for the tests finds them.
  std::vector<int> late_by_hour(24, 0);
  for (const twin::Outcome& o : run.outcomes)
    if (o.known && !o.on_time)
      ++late_by_hour[static_cast<std::size_t>((day0 + o.placed) / sim::kHour % 24)];
  doc["late_by_hour"] = late_by_hour;
  std::printf("%s\n\n", doc.dump(2).c_str());

  std::printf(
      "| lead | orders | late | base rate | mean p(late) | Brier | Brier, base rate | "
      "skill | AUC (± 1 SE) | AUC, backlog |\n|---|---|---|---|---|---|---|---|---|---|\n");
  for (const twin::LeadScore& l : leads)
    std::printf("| %.0f min | %zu | %zu | %s | %s | %s | %s | %s | %s ± %s | %s |\n",
                static_cast<double>(l.lead) / sim::kMinute, l.orders, l.late,
                fixed(l.base_rate).c_str(), fixed(l.mean_p_late).c_str(), fixed(l.brier).c_str(),
                fixed(l.brier_base_rate).c_str(), fixed(l.brier_skill, 2).c_str(),
                fixed(l.auc).c_str(), fixed(l.auc_se).c_str(), fixed(l.auc_backlog).c_str());
  std::printf(
      "\n| store on-time share over H | pairs | MAE | bias | predicted | realised | "
      "persistence: pairs | MAE | forecast's MAE there |\n|---|---|---|---|---|---|---|---|"
      "---|\n| %s | %zu | %s | %s | %s | %s | %zu | %s | %s |\n",
      scenario.name.c_str(), stores.pairs, fixed(stores.mae).c_str(), fixed(stores.bias).c_str(),
      fixed(stores.predicted_mean).c_str(), fixed(stores.realised_mean).c_str(),
      stores.persistence_pairs, fixed(stores.mae_persistence).c_str(),
      fixed(stores.mae_on_persistence_pairs).c_str());
  return 0;
}
