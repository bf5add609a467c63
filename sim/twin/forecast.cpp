#include "sim/twin/forecast.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/distributions/normal.hpp>
#include <nlohmann/json.hpp>

#include "sim/engine/parallel_for.h"
#include "sim/model/kpis.h"
#include "sim/model/whatif.h"
#include "sim/twin/messages.h"

namespace twin {

namespace {

// What one replication says.
struct Run {
  std::vector<sim::Time> delivered;  // per open order, kNever if not delivered
  std::vector<double> placed, accepted, on_time, queue_mean, queue_max;  // per store
};

}  // namespace

std::pair<double, double> wilson_interval(int successes, int n) {
  if (n <= 0) return {0, 1};
  static const double z = boost::math::quantile(boost::math::normal(), 0.975);
  const double p = static_cast<double>(successes) / n;
  const double z2n = z * z / n;
  const double centre = (p + z2n / 2) / (1 + z2n);
  const double half = z / (1 + z2n) * std::sqrt(p * (1 - p) / n + z2n / (4.0 * n));
  // At 0 or n the bound on that side is exactly p; rounding must not put it past p.
  return {std::clamp(centre - half, 0.0, p), std::clamp(centre + half, p, 1.0)};
}

Forecast forecast(const model::World& paused, const ForecastOptions& opt) {
  if (opt.replications < 1) throw std::invalid_argument("a forecast needs at least 1 replication");
  if (opt.horizon <= 0) throw std::invalid_argument("a forecast needs a positive horizon");
  const sim::Time now = paused.now();
  const sim::Time promise = paused.setup().config.promise;
  const sim::Time stop = now + opt.horizon + promise;
  const std::size_t stores = paused.setup().config.stores.size();
  std::vector<std::uint32_t> open;
  for (const model::OrderRecord& o : paused.state().orders)
    if (o.status == model::OrderStatus::open && o.store >= 0 && o.placed < now)
      open.push_back(o.id);
  const auto r_count = static_cast<std::size_t>(opt.replications);
  std::vector<Run> runs(r_count);
  sim::parallel_for_each(r_count, opt.threads, [&](std::size_t r) {
    auto world = paused.fork(1);
    model::redraw_future(*world, opt.seed + r);
    world->stop_at(stop);
    const model::RunResult result = world->run();
    Run& run = runs[r];
    for (std::uint32_t id : open) {
      const model::OrderRecord& o = result.orders[id];
      run.delivered.push_back(o.status == model::OrderStatus::delivered ? o.delivered
                                                                        : sim::kNever);
    }
    run.placed.assign(stores, 0);
    run.accepted.assign(stores, 0);
    run.on_time.assign(stores, 0);
    for (const model::OrderRecord& o : result.orders) {
      if (o.placed < now || o.placed >= now + opt.horizon || o.store < 0) continue;
      const auto s = static_cast<std::size_t>(o.store);
      ++run.placed[s];
      if (!model::accepted(o)) continue;
      ++run.accepted[s];
      run.on_time[s] +=
          o.status == model::OrderStatus::delivered && o.delivered - o.placed <= promise;
    }
    run.queue_mean.assign(stores, 0);
    run.queue_max.assign(stores, 0);
    for (std::size_t s = 0; s < stores && s < result.stores.size(); ++s) {
      double sum = 0;
      int n = 0;
      for (const model::Sample& x : result.stores[s].samples)
        if (x.time > now && x.time <= now + opt.horizon) {
          sum += x.pick_queue;
          ++n;
          run.queue_max[s] = std::max(run.queue_max[s], static_cast<double>(x.pick_queue));
        }
      run.queue_mean[s] = n > 0 ? sum / n : 0;
    }
  });

  Forecast f;
  f.at = now;
  f.replications = opt.replications;
  f.horizon = opt.horizon;
  const auto& orders = paused.state().orders;
  for (std::size_t k = 0; k < open.size(); ++k) {
    const model::OrderRecord& o = orders[open[k]];
    OrderForecast of;
    of.order = o.id;
    of.store = o.store;
    of.placed = o.placed;
    of.promise_end = o.placed + promise;
    int on_time = 0;
    std::vector<sim::Time> times;
    for (const Run& run : runs) {
      const sim::Time t = run.delivered[k];
      if (t == sim::kNever) continue;
      times.push_back(t);
      on_time += t <= of.promise_end;
    }
    of.p_on_time = static_cast<double>(on_time) / opt.replications;
    std::tie(of.lo, of.hi) = wilson_interval(on_time, opt.replications);
    if (!times.empty()) {
      std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
      of.predicted_delivery = times[times.size() / 2];
    }
    f.orders.push_back(of);
  }
  std::stable_sort(
      f.orders.begin(), f.orders.end(),
      [](const OrderForecast& a, const OrderForecast& b) { return a.p_on_time < b.p_on_time; });
  for (std::size_t s = 0; s < stores; ++s) {
    StoreForecast sf;
    sf.store = static_cast<std::uint32_t>(s);
    double accepted = 0, on_time = 0;
    for (const Run& run : runs) {
      sf.placed += run.placed[s];
      accepted += run.accepted[s];
      on_time += run.on_time[s];
      sf.queue_mean += run.queue_mean[s];
      sf.queue_max += run.queue_max[s];
    }
    const auto n = static_cast<double>(runs.size());
    sf.placed /= n;
    sf.queue_mean /= n;
    sf.queue_max /= n;
    sf.on_time_share = accepted > 0 ? on_time / accepted : std::numeric_limits<double>::quiet_NaN();
    f.stores.push_back(sf);
  }
  return f;
}

std::string forecast_json(const Forecast& f, const std::vector<std::string>& ids,
                          const std::vector<std::string>& store_ids, std::int64_t start) {
  using nlohmann::json;
  auto instant = [&](sim::Time t) {
    return t == sim::kNever ? json(nullptr) : json(format_rfc3339(start + t));
  };
  auto finite = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
  json doc;
  doc["made_at"] = format_rfc3339(start + f.at);
  doc["replications"] = f.replications;
  doc["horizon_min"] = static_cast<double>(f.horizon) / sim::kMinute;
  json orders = json::array();
  for (const OrderForecast& o : f.orders)
    orders.push_back(
        {{"order",
          o.order < ids.size() && !ids[o.order].empty() ? ids[o.order] : std::to_string(o.order)},
         {"store", o.store >= 0 && static_cast<std::size_t>(o.store) < store_ids.size()
                       ? json(store_ids[o.store])
                       : json(nullptr)},
         {"p_on_time", o.p_on_time},
         {"lo", o.lo},
         {"hi", o.hi},
         {"promise_end", instant(o.promise_end)},
         {"predicted_delivery", instant(o.predicted_delivery)}});
  doc["orders"] = std::move(orders);
  json stores = json::array();
  for (const StoreForecast& s : f.stores)
    stores.push_back({{"store", s.store < store_ids.size() ? store_ids[s.store] : ""},
                      {"placed", s.placed},
                      {"on_time_share", finite(s.on_time_share)},
                      {"queue_mean", s.queue_mean},
                      {"queue_max", s.queue_max}});
  doc["stores"] = std::move(stores);
  return doc.dump() + "\n";
}

RollingForecast::RollingForecast(ForecastOptions opt, Done done)
    : opt_(opt), done_(std::move(done)) {}

RollingForecast::~RollingForecast() { wait(); }

void RollingForecast::wait() {
  if (thread_.joinable()) thread_.join();
}

bool RollingForecast::start(std::unique_ptr<model::World> fork) {
  if (running_) return false;
  wait();
  running_ = true;
  thread_ = std::thread([this, world = std::move(fork)] {
    const Forecast f = forecast(*world, opt_);
    done_(f);
    ++made_;
    running_ = false;
  });
  return true;
}

}  // namespace twin
