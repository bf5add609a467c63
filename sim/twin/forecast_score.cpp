#include "sim/twin/forecast_score.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "sim/twin/feed.h"

namespace twin {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void same_size(std::size_t a, std::size_t b) {
  if (a != b) throw std::invalid_argument("scores and events must be as many");
}

// Realised on-time share of the known orders placed at `store` in [from, to); NaN below
// min_orders.
double realised_share(const std::vector<Outcome>& outcomes, std::int32_t store, sim::Time from,
                      sim::Time to, std::size_t min_orders) {
  std::size_t n = 0, on_time = 0;
  for (const Outcome& o : outcomes)
    if (o.known && o.store == store && o.placed >= from && o.placed < to) {
      ++n;
      on_time += o.on_time;
    }
  return n >= min_orders ? static_cast<double>(on_time) / static_cast<double>(n) : kNaN;
}

}  // namespace

double brier_score(std::span<const double> p, std::span<const bool> event) {
  same_size(p.size(), event.size());
  if (p.empty()) return kNaN;
  double sum = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double d = p[i] - (event[i] ? 1.0 : 0.0);
    sum += d * d;
  }
  return sum / static_cast<double>(p.size());
}

double roc_auc(std::span<const double> score, std::span<const bool> event) {
  same_size(score.size(), event.size());
  std::vector<std::size_t> idx(score.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(),
            [&](std::size_t a, std::size_t b) { return score[a] < score[b]; });
  // U = sum of the events' ranks (ties get their mean rank) - n1 (n1 + 1) / 2.
  double rank_sum = 0, n1 = 0;
  for (std::size_t i = 0; i < idx.size();) {
    std::size_t j = i;
    while (j < idx.size() && score[idx[j]] == score[idx[i]]) ++j;
    const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (std::size_t k = i; k < j; ++k)
      if (event[idx[k]]) {
        rank_sum += mean_rank;
        ++n1;
      }
    i = j;
  }
  const double n0 = static_cast<double>(score.size()) - n1;
  if (n1 == 0 || n0 == 0) return kNaN;
  return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0);
}

double auc_standard_error(double auc, std::size_t n_event, std::size_t n_other) {
  if (n_event == 0 || n_other == 0) return kNaN;
  const double q1 = auc / (2 - auc), q2 = 2 * auc * auc / (1 + auc), a2 = auc * auc;
  const auto n1 = static_cast<double>(n_event), n0 = static_cast<double>(n_other);
  return std::sqrt((auc * (1 - auc) + (n1 - 1) * (q1 - a2) + (n0 - 1) * (q2 - a2)) / (n1 * n0));
}

std::vector<LeadPrediction> predictions_at_lead(const std::vector<Forecast>& forecasts,
                                                const std::vector<Outcome>& outcomes,
                                                sim::Time lead, sim::Time tolerance) {
  if (tolerance <= 0) throw std::invalid_argument("a lead's tolerance must be positive");
  std::unordered_map<std::uint32_t, LeadPrediction> chosen;
  for (const Forecast& f : forecasts) {
    std::unordered_map<std::int32_t, double> backlog;
    for (const OrderForecast& o : f.orders) ++backlog[o.store];
    for (const OrderForecast& o : f.orders) {
      const sim::Time l = o.promise_end - f.at;
      if (l > lead || l <= lead - tolerance) continue;
      if (o.order >= outcomes.size() || !outcomes[o.order].known) continue;
      auto [it, fresh] = chosen.try_emplace(o.order);
      if (!fresh && it->second.at <= f.at) continue;
      it->second = {o.order,         o.store,          f.at,
                    1 - o.p_on_time, backlog[o.store], !outcomes[o.order].on_time};
    }
  }
  std::vector<LeadPrediction> out;
  out.reserve(chosen.size());
  for (const auto& [order, p] : chosen) out.push_back(p);
  std::sort(out.begin(), out.end(),
            [](const LeadPrediction& a, const LeadPrediction& b) { return a.order < b.order; });
  return out;
}

LeadScore score_lead(const std::vector<Forecast>& forecasts, const std::vector<Outcome>& outcomes,
                     sim::Time lead, sim::Time tolerance) {
  const std::vector<LeadPrediction> preds =
      predictions_at_lead(forecasts, outcomes, lead, tolerance);
  LeadScore s;
  s.lead = lead;
  s.orders = preds.size();
  const auto known = static_cast<std::size_t>(
      std::count_if(outcomes.begin(), outcomes.end(), [](const Outcome& o) { return o.known; }));
  s.unscored = known - preds.size();
  const auto late_known = static_cast<std::size_t>(std::count_if(
      outcomes.begin(), outcomes.end(), [](const Outcome& o) { return o.known && !o.on_time; }));
  std::vector<double> p, backlog;
  std::unique_ptr<bool[]> late(new bool[preds.size()]);
  double sum_p = 0;
  for (std::size_t i = 0; i < preds.size(); ++i) {
    p.push_back(preds[i].p_late);
    backlog.push_back(preds[i].backlog);
    late[i] = preds[i].late;
    s.late += preds[i].late;
    sum_p += preds[i].p_late;
  }
  s.unscored_late = late_known - s.late;
  const std::span<const bool> events(late.get(), preds.size());
  const auto n = static_cast<double>(preds.size());
  s.base_rate = preds.empty() ? kNaN : static_cast<double>(s.late) / n;
  s.mean_p_late = preds.empty() ? kNaN : sum_p / n;
  s.brier = brier_score(p, events);
  s.brier_base_rate = s.base_rate * (1 - s.base_rate);
  s.brier_skill = s.brier_base_rate > 0 ? 1 - s.brier / s.brier_base_rate : kNaN;
  s.auc = roc_auc(p, events);
  s.auc_se = auc_standard_error(s.auc, s.late, s.orders - s.late);
  s.auc_backlog = roc_auc(backlog, events);
  return s;
}

StoreShareScore score_store_shares(const std::vector<Forecast>& forecasts,
                                   const std::vector<Outcome>& outcomes, sim::Time promise,
                                   std::size_t min_orders) {
  if (min_orders < 1) throw std::invalid_argument("min_orders must be at least 1");
  StoreShareScore s;
  double abs_sum = 0, bias_sum = 0, pred_sum = 0, real_sum = 0;
  double persist_abs = 0, forecast_abs_on_persist = 0;
  for (const Forecast& f : forecasts)
    for (const StoreForecast& sf : f.stores) {
      if (!std::isfinite(sf.on_time_share)) continue;
      const auto store = static_cast<std::int32_t>(sf.store);
      const double realised = realised_share(outcomes, store, f.at, f.at + f.horizon, min_orders);
      if (!std::isfinite(realised)) continue;
      const double err = sf.on_time_share - realised;
      ++s.pairs;
      abs_sum += std::abs(err);
      bias_sum += err;
      pred_sum += sf.on_time_share;
      real_sum += realised;
      const double before =
          realised_share(outcomes, store, f.at - promise - f.horizon, f.at - promise, min_orders);
      if (!std::isfinite(before)) continue;
      ++s.persistence_pairs;
      persist_abs += std::abs(before - realised);
      forecast_abs_on_persist += std::abs(err);
    }
  auto mean = [](double sum, std::size_t n) { return n > 0 ? sum / static_cast<double>(n) : kNaN; };
  s.mae = mean(abs_sum, s.pairs);
  s.bias = mean(bias_sum, s.pairs);
  s.predicted_mean = mean(pred_sum, s.pairs);
  s.realised_mean = mean(real_sum, s.pairs);
  s.mae_persistence = mean(persist_abs, s.persistence_pairs);
  s.mae_on_persistence_pairs = mean(forecast_abs_on_persist, s.persistence_pairs);
  return s;
}

FollowedRun follow_and_forecast(const model::WorldConfig& config,
                                std::shared_ptr<const routing::RoadNetwork> network,
                                const FollowOptions& opt) {
  if (opt.every <= 0) throw std::invalid_argument("forecasts need a positive period");
  using Clock = std::chrono::steady_clock;
  auto seconds_since = [](Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
  };
  FollowedRun run;
  run.promise = config.promise;
  auto t0 = Clock::now();
  model::WorldConfig operation = config;
  operation.seed = opt.feed_seed;
  FeedOptions fo;
  fo.start = opt.start;
  fo.from = opt.from;
  fo.to = opt.to;
  fo.ping_every = opt.ping_every;
  const Feed feed = make_feed(operation, network, fo);
  run.feed_s = seconds_since(t0);
  run.messages = feed.messages.size();

  t0 = Clock::now();
  SyncOptions so;
  so.start = opt.start;
  TwinSync sync(config, network, so);
  const sim::Time last = std::min(opt.to, config.duration);
  sim::Time next = opt.from + opt.every;
  while (next < opt.forecasts_from) next += opt.every;
  auto forecast_until = [&](sim::Time t) {
    for (; next <= t && next < last; next += opt.every) {
      sync.advance_to(opt.start + next);
      const auto f0 = Clock::now();
      run.forecasts.push_back(forecast(sync.world(), opt.forecast));
      run.forecast_s += seconds_since(f0);
    }
  };
  for (const Message& m : feed.messages) {
    forecast_until(m.time - opt.start);
    sync.apply(m);
  }
  forecast_until(last);
  run.follow_s = seconds_since(t0) - run.forecast_s;
  run.counters = sync.counters();

  // The feed names order n "o<n>" (feed.h).
  std::unordered_map<std::uint32_t, const TruthOrder*> truth;
  for (const TruthOrder& o : feed.orders) truth.emplace(o.order, &o);
  std::unordered_map<std::string, std::int32_t> store_index;
  for (std::size_t s = 0; s < config.stores.size(); ++s)
    store_index.emplace(config.stores[s].id, static_cast<std::int32_t>(s));
  const auto& ids = sync.observed_ids();
  run.outcomes.resize(ids.size());
  for (std::size_t k = 0; k < ids.size(); ++k) {
    std::uint32_t n = 0;
    const std::string& id = ids[k];
    if (id.size() < 2 || id[0] != 'o' ||
        std::from_chars(id.data() + 1, id.data() + id.size(), n).ec != std::errc())
      continue;
    const auto it = truth.find(n);
    if (it == truth.end()) continue;
    const TruthOrder& o = *it->second;
    const auto store = store_index.find(o.store);
    run.outcomes[k] = {true, store == store_index.end() ? -1 : store->second, o.placed,
                       o.delivered != sim::kNever && o.delivered - o.placed <= config.promise};
  }
  return run;
}

}  // namespace twin
