// Is the twin's forecast (sim/twin/forecast.h) any good? Scores a day's forecasts against what
// happened (halfhour feed's ground truth, sim/twin/feed.h): the late-order predictions at a given
// lead time, and each store's predicted on-time share against the realised one, each next to a
// trivial baseline so that the figures mean something.
//
// Late-order predictions. The event is "late": not delivered within the promise (rejected,
// cancelled or never delivered counts as late, as in the model's on-time share); a forecast's
// p_late is 1 - p_on_time. Scores:
//   Brier score: mean of (p_late - late)^2 over the orders, in [0, 1], 0 is perfect (Brier 1950,
//     Monthly Weather Review 78(1)). The same for p_on_time against on time.
//   ROC AUC: the probability that a late order gets a higher p_late than an on-time one, ties
//     counted half: the Mann-Whitney U over n_late * n_on_time (Hanley and McNeil 1982,
//     Radiology 143(1)); 0.5 is no better than chance, 1 a perfect ranking. NaN when every
//     order is late or every one on time.
// Baselines: the base rate (p_late = the share of late orders of the scored set itself, which
// flatters it: its Brier score is base * (1 - base) and its AUC 0.5), and the store's backlog
// (the number of orders open at the order's store when the forecast was made, as a risk score:
// AUC only).
//
// Lead time. An order's lead at a forecast made at `at` is promise_end - at. Its prediction "at
// lead L" is from the earliest forecast with lead in (L - tolerance, L] that lists it (a forecast
// lists the orders open in the twin's world at `at`, placed before `at`); with forecasts every
// `tolerance` there is at most one such forecast. An order already delivered, cancelled, or not
// yet placed in the twin's world then has no prediction at that lead and is not scored (counted
// as `unscored`). With a 30-minute promise, lead 30 minutes is the first forecast that saw the
// order open (made within `tolerance` of its placing), lead 15 the first made at least 15
// minutes after it was placed.
//
// Store shares. Each forecast predicts, per store, the on-time share of the orders placed over
// [at, at + horizon); the realised share is that of the truth's orders placed at that store in
// the same window. Pairs whose realised window holds fewer than `min_orders` orders are
// skipped. Baseline: persistence, the realised share of the orders placed at the store over
// [at - promise - horizon, at - promise), whose outcomes are all known at `at`.
//
// Times are simulated milliseconds (sim::Time), shares and probabilities in [0, 1].
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "routing/road_network.h"
#include "sim/engine/time.h"
#include "sim/model/world_config.h"
#include "sim/twin/forecast.h"
#include "sim/twin/messages.h"
#include "sim/twin/sync.h"

namespace twin {

// Mean of (p[i] - (event[i] ? 1 : 0))^2. Throws std::invalid_argument for spans of different
// sizes; NaN for empty spans.
double brier_score(std::span<const double> p, std::span<const bool> event);

// ROC AUC of `score` (higher: more likely the event) against `event`, ties counted half, in
// O(n log n). Throws std::invalid_argument for spans of different sizes; NaN when either class is
// empty.
double roc_auc(std::span<const double> score, std::span<const bool> event);

// Standard error of an AUC `auc` from n_event events and n_other others (Hanley and McNeil 1982,
// equation 2, with Q1 = A / (2 - A), Q2 = 2 A^2 / (1 + A)); NaN when either is 0.
double auc_standard_error(double auc, std::size_t n_event, std::size_t n_other);

// What happened to an order of the twin's world, by world order id.
struct Outcome {
  bool known = false;  // false: no truth for this world order (it is skipped)
  std::int32_t store = -1;
  sim::Time placed = 0;
  bool on_time = false;  // delivered within the promise
};

// An order's prediction at a lead, with what happened.
struct LeadPrediction {
  std::uint32_t order = 0;  // world order id
  std::int32_t store = -1;
  sim::Time at = 0;  // when the forecast was made
  double p_late = 0;
  double backlog = 0;  // orders open at the order's store in that forecast (itself included)
  bool late = false;
};

// The predictions at lead `lead` (see above), in world order id order. `forecasts` in any order;
// orders without a known outcome are skipped. Throws std::invalid_argument unless
// 0 < tolerance.
std::vector<LeadPrediction> predictions_at_lead(const std::vector<Forecast>& forecasts,
                                                const std::vector<Outcome>& outcomes,
                                                sim::Time lead, sim::Time tolerance);

struct LeadScore {
  sim::Time lead = 0;
  std::size_t orders = 0;    // scored
  std::size_t late = 0;      // of those, late
  std::size_t unscored = 0;  // known outcomes without a prediction at this lead
  // Of those, late: mostly orders rejected or cancelled before a forecast saw them open (a
  // store turning orders away), which no forecast of open orders can score.
  std::size_t unscored_late = 0;
  double base_rate = 0;  // late / orders (NaN with none)
  double brier = 0;
  double brier_base_rate = 0;  // base_rate * (1 - base_rate)
  double brier_skill = 0;      // 1 - brier / brier_base_rate (NaN when that is 0)
  double auc = 0;
  double auc_se = 0;       // auc_standard_error: the late orders are few, the AUC uncertain
  double auc_backlog = 0;  // the store's backlog as the risk score
  double mean_p_late = 0;  // calibration in the large: compare with base_rate
};

LeadScore score_lead(const std::vector<Forecast>& forecasts, const std::vector<Outcome>& outcomes,
                     sim::Time lead, sim::Time tolerance);

struct StoreShareScore {
  std::size_t pairs = 0;       // (forecast, store) pairs scored
  double mae = 0;              // mean |predicted - realised| (NaN with no pair)
  double bias = 0;             // mean predicted - realised
  double mae_persistence = 0;  // the baseline's, over the pairs where it is defined
  std::size_t persistence_pairs = 0;
  double mae_on_persistence_pairs = 0;  // the forecast's over those same pairs, to compare
  double predicted_mean = 0, realised_mean = 0;
};

// Orders' outcomes as above (every order of the truth, by world order id); `promise` the
// scenario's. Throws std::invalid_argument for min_orders < 1.
StoreShareScore score_store_shares(const std::vector<Forecast>& forecasts,
                                   const std::vector<Outcome>& outcomes, sim::Time promise,
                                   std::size_t min_orders = 5);

// A followed operation, forecast as it goes: halfhour feed's core simulates the operation
// (the configuration with `feed_seed`) and its messages are applied in order to a TwinSync whose
// world has the configuration's own seed (the twin's model is not the operation), without the
// ingest log (the feed's messages are valid). Every `every` of the operation's clock from
// `forecasts_from` on (at from + k * every, k >= 1) to the end of the feed's window (or of the
// scenario's duration) the twin's world is run to that instant and forecast, each with the same
// ForecastOptions (seed included). A window that starts after the scenario's start
// gives a twin without the operation's backlog at `from`: put `forecasts_from` a promise or more
// later.
struct FollowOptions {
  std::uint64_t feed_seed = 3;
  UnixMillis start = 1796108400000LL;    // the instant of simulated 0 (2026-12-01T07:00:00Z)
  sim::Time from = 0, to = sim::kNever;  // the feed's window, as FeedOptions
  sim::Time ping_every = 5 * sim::kSecond;
  sim::Time every = 5 * sim::kMinute;  // > 0
  sim::Time forecasts_from = 0;
  ForecastOptions forecast;
};

struct FollowedRun {
  std::vector<Forecast> forecasts;  // in time order
  std::vector<Outcome> outcomes;    // by the twin's world order id
  sim::Time promise = 0;
  std::size_t messages = 0;
  SyncCounters counters;
  double feed_s = 0, follow_s = 0, forecast_s = 0;  // wall time of each part
};

// Throws std::invalid_argument for options out of range (and what make_feed and TwinSync
// refuse).
FollowedRun follow_and_forecast(const model::WorldConfig& config,
                                std::shared_ptr<const routing::RoadNetwork> network,
                                const FollowOptions& opt);

}  // namespace twin
